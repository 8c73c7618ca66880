//! The one pass over pulldown-cmark's events that [`super::render`] makes: each event is
//! checked against the policy, links are resolved, headings get ids, code blocks are
//! highlighted, tables are labelled, and the facts [`Rendered`] carries are recorded; then the
//! events are written as HTML, noting where each `##` section starts.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd, html};

use super::headings::{heading_level, slugify, unique_id};
use super::policy::{Refusal, inert_html, is_safe_id, refused_scheme, scheme_problem};
use super::tables::Table;
use super::{
    BodyLink, CodeBlock, Heading, IMAGE_SCHEMES, LINK_SCHEMES, Problem, Rendered, Resolution,
    add_code_text, highlight, is_block,
};
use crate::html_text;

/// What the pass has seen so far, and what it has made.
pub(super) struct Pass<'b, 'r> {
    body: &'b str,
    resolve: &'r dyn Fn(&str) -> Resolution,
    /// Headings whose ids the body's headings take, by position and level (a translation's
    /// headings take the English ones'); empty: ids come from the heading text.
    given_ids: &'r [Heading],
    events: Vec<Event<'b>>,
    pub(super) problems: Vec<Problem>,
    pub(super) rendered: Rendered,
    /// An HTML block arrives in pieces; it is checked whole: its offset and text so far.
    html_block: Option<(usize, String)>,
    /// Elements whose opening tag was refused: their closing tags are not reported again.
    refused_open: Vec<String>,
    used_ids: HashSet<String>,
    in_code_block: bool,
    /// Images being read: their alt text is not text of the page.
    in_image: usize,
    /// The heading being read: its index in `events`, its text so far and its offset.
    open_heading: Option<(usize, String, usize)>,
    table: Table,
    /// For each link open, whether it leads to the site's own language (and gets its mark).
    open_links: Vec<bool>,
}

impl<'b, 'r> Pass<'b, 'r> {
    pub(super) fn new(
        body: &'b str,
        resolve: &'r dyn Fn(&str) -> Resolution,
        given_ids: &'r [Heading],
        problems: Vec<Problem>,
    ) -> Self {
        Pass {
            body,
            resolve,
            given_ids,
            events: Vec::new(),
            problems,
            rendered: Rendered::default(),
            html_block: None,
            refused_open: Vec::new(),
            used_ids: HashSet::new(),
            in_code_block: false,
            in_image: 0,
            open_heading: None,
            table: Table::default(),
            open_links: Vec::new(),
        }
    }

    pub(super) fn event(&mut self, event: Event<'b>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_link(link_type, dest_url, title, id, range),
            Event::End(TagEnd::Link) => self.end_link(event),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.in_image += 1;
                let dest_url = self.image(dest_url, range.start);
                self.events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                self.in_image = self.in_image.saturating_sub(1);
                self.events.push(event);
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => self.start_heading(level, id, &classes, &attrs, range.start),
            Event::End(TagEnd::Heading(level)) => self.end_heading(level),
            Event::Start(Tag::HtmlBlock) => {
                self.mark_content();
                self.html_block = Some((range.start, String::new()));
            }
            Event::Html(ref html) if self.html_block.is_some() => {
                if let Some((_, text)) = &mut self.html_block {
                    text.push_str(html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((offset, text)) = self.html_block.take() {
                    match inert_html(&text) {
                        Ok(safe) => self.events.push(Event::Html(CowStr::from(safe))),
                        Err(refusal) => self.refuse(refusal, offset),
                    }
                }
            }
            Event::InlineHtml(ref html) => match inert_html(html) {
                Ok(safe) => self.events.push(Event::InlineHtml(CowStr::from(safe))),
                Err(refusal) => self.refuse(refusal, range.start),
            },
            Event::Start(Tag::CodeBlock(kind)) => self.start_code_block(&kind, range),
            Event::End(TagEnd::CodeBlock) => self.end_code_block(),
            Event::Start(Tag::Table(alignments)) => {
                self.mark_content();
                let (table, start) = Table::start(alignments);
                self.table = table;
                self.events.push(start);
            }
            Event::End(TagEnd::Table) => self.events.push(Table::end()),
            Event::Start(Tag::TableHead) => self.events.push(self.table.start_head()),
            Event::End(TagEnd::TableHead) => self.events.push(self.table.end_head()),
            Event::Start(Tag::TableRow) => self.events.push(self.table.start_row()),
            Event::End(TagEnd::TableRow) => self.events.push(Table::end_row()),
            Event::Start(Tag::TableCell) => self.events.push(self.table.start_cell()),
            Event::End(TagEnd::TableCell) => {
                self.rendered.text.push(' ');
                self.events.push(self.table.end_cell());
            }
            Event::Start(ref tag) if is_block(tag) => {
                self.mark_content();
                self.events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                self.rendered.text.push(' ');
                self.events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => self.text(t, event.clone(), range),
            Event::SoftBreak | Event::HardBreak => {
                self.rendered.text.push(' ');
                self.events.push(event);
            }
            other => self.events.push(other),
        }
    }

    /// A link's opening tag, its destination resolved; a link to a page in the site's own language
    /// from a translation carries `hreflang` (written as HTML: pulldown-cmark's writer has no
    /// attribute for it).
    fn start_link(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'b>,
        title: CowStr<'b>,
        id: CowStr<'b>,
        range: Range<usize>,
    ) {
        let (dest_url, lang) = self.link(dest_url, range);
        let start = Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        });
        // Alt text is written as plain text: no attribute and no mark there.
        let lang = lang.filter(|_| self.in_image == 0);
        self.open_links.push(lang.is_some());
        self.events.push(match lang {
            Some(lang) => Event::InlineHtml(CowStr::from(with_hreflang(start, &lang))),
            None => start,
        });
    }

    /// A link's end, after the language mark of a link that has `hreflang`.
    fn end_link(&mut self, end: Event<'b>) {
        if self.open_links.pop() == Some(true) {
            self.events
                .push(Event::InlineHtml(CowStr::from(super::LANGUAGE_MARK)));
        }
        self.events.push(end);
    }

    /// The events as HTML, and the offset in it of each `##` heading.
    pub(super) fn finish(mut self) -> (Rendered, Vec<Problem>) {
        let (html, sections) = write_html(self.events, self.body.len() * 3 / 2);
        self.rendered.html = html;
        self.rendered.sections = sections;
        (self.rendered, self.problems)
    }

    /// The section being read has content.
    fn mark_content(&mut self) {
        if let Some(last) = self.rendered.headings.last_mut() {
            last.has_content = true;
        }
    }

    fn refuse(&mut self, refusal: Refusal, offset: usize) {
        match &refusal.tag {
            Some((name, true)) => {
                if let Some(i) = self.refused_open.iter().rposition(|n| n == name) {
                    self.refused_open.remove(i);
                    return;
                }
            }
            Some((name, false)) => self.refused_open.push(name.clone()),
            None => {}
        }
        self.problems.push(refusal.at(offset));
    }

    /// A link's destination as the page carries it, recording where it is in the body, and the
    /// language of the page it leads to when that is the site's own language reached from a
    /// translation ([`Resolution::InRootLanguage`]).
    fn link(&mut self, dest_url: CowStr<'b>, range: Range<usize>) -> (CowStr<'b>, Option<String>) {
        let written = &self.body[range.clone()];
        let dest_at = written
            .rfind(dest_url.as_ref())
            .filter(|_| !dest_url.is_empty())
            .map_or(range.start, |at| {
                range.start + at + dest_url.find('#').unwrap_or(0)
            });
        let mut lang = None;
        let dest_url = match (self.resolve)(&dest_url) {
            Resolution::External => match refused_scheme(&dest_url, &LINK_SCHEMES) {
                None => dest_url,
                Some(scheme) => {
                    self.problems.push(scheme_problem(
                        range.start,
                        &scheme,
                        "a link",
                        &LINK_SCHEMES,
                    ));
                    CowStr::from("#")
                }
            },
            Resolution::Resolved(url) => CowStr::from(url),
            Resolution::InRootLanguage { href, lang: code } => {
                lang = Some(code);
                CowStr::from(href)
            }
            Resolution::Broken { message, hint } => {
                self.problems.push(Problem {
                    offset: range.start,
                    message,
                    hint,
                });
                dest_url
            }
        };
        self.rendered.links.push(BodyLink {
            offset: dest_at,
            href: dest_url.to_string(),
        });
        (dest_url, lang)
    }

    /// An image's source, or nothing when its scheme is refused.
    fn image(&mut self, dest_url: CowStr<'b>, offset: usize) -> CowStr<'b> {
        match refused_scheme(&dest_url, &IMAGE_SCHEMES) {
            None => dest_url,
            Some(scheme) => {
                self.problems
                    .push(scheme_problem(offset, &scheme, "an image", &IMAGE_SCHEMES));
                CowStr::from("")
            }
        }
    }

    fn start_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'b>>,
        classes: &[CowStr<'b>],
        attrs: &[(CowStr<'b>, Option<CowStr<'b>>)],
        offset: usize,
    ) {
        // Only `{#id}` is allowed: classes and attributes (`onclick=...`) are refused.
        let extra: Vec<String> = classes
            .iter()
            .map(|c| format!(".{c}"))
            .chain(attrs.iter().map(|(k, v)| match v {
                Some(v) => format!("{k}={v}"),
                None => k.to_string(),
            }))
            .collect();
        if !extra.is_empty() {
            self.problems.push(Problem {
                offset,
                message: format!("heading attributes are not allowed: `{}`", extra.join(" ")),
                hint: Some("a heading may carry an id only, as `{#my-id}`".into()),
            });
        }
        let id = id.filter(|id| {
            let ok = is_safe_id(id);
            if !ok {
                self.problems.push(Problem {
                    offset,
                    message: format!("`{id}` is not a valid heading id"),
                    hint: Some("use letters, digits, `-` and `_`, as `{#retry-after}`".into()),
                });
            }
            ok
        });
        // A sub-heading is content of the section that contains it.
        let depth = heading_level(level);
        if let Some(parent) = (self.rendered.headings.iter_mut().rev()).find(|h| h.level < depth) {
            parent.has_content = true;
        }
        self.open_heading = Some((self.events.len(), String::new(), offset));
        self.events.push(Event::Start(Tag::Heading {
            level,
            id,
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
    }

    fn end_heading(&mut self, level: HeadingLevel) {
        self.rendered.text.push(' ');
        if let Some((start, text, offset)) = self.open_heading.take()
            && let Event::Start(Tag::Heading { id, .. }) = &mut self.events[start]
        {
            let level = heading_level(level);
            let given = (self.given_ids.get(self.rendered.headings.len()))
                .filter(|given| given.level == level && !self.used_ids.contains(&given.id));
            let chosen = match (given, id.as_ref()) {
                (Some(given), _) => given.id.clone(),
                (None, Some(explicit)) => explicit.to_string(),
                (None, None) => unique_id(&slugify(&text), &self.used_ids),
            };
            self.used_ids.insert(chosen.clone());
            *id = Some(CowStr::from(chosen.clone()));
            // A visible-on-focus link to the section, for sharing (text stays the heading's own).
            // Named by its heading, in the heading's language: bodies are rendered before any
            // interface catalogue is read, and hold no interface words.
            let id = html_text::escape(&chosen);
            self.events.push(Event::InlineHtml(CowStr::from(format!(
                " <a class=\"anchor\" href=\"#{id}\" aria-labelledby=\"{id}\">#</a>"
            ))));
            self.rendered.headings.push(Heading {
                level,
                id: chosen,
                text: text.trim().to_owned(),
                offset,
                has_content: false,
            });
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    fn start_code_block(&mut self, kind: &CodeBlockKind<'b>, range: Range<usize>) {
        self.mark_content();
        // Code blocks may scroll sideways, so they take keyboard focus (WCAG 2.1.1).
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or_default(),
            CodeBlockKind::Indented => "",
        };
        self.rendered.code_languages.push(lang.to_owned());
        // The first content line follows the fence line; an indented block starts at once.
        let offset = match kind {
            CodeBlockKind::Fenced(_) => self.body[range.start..range.end]
                .find('\n')
                .map_or(range.end, |i| range.start + i + 1),
            CodeBlockKind::Indented => range.start,
        };
        self.rendered.code_blocks.push(CodeBlock {
            language: lang.to_owned(),
            text: String::new(),
            offset,
            line_offsets: Vec::new(),
        });
        self.in_code_block = true;
        let class = if lang.is_empty() {
            String::new()
        } else {
            format!(" class=\"language-{}\"", html_text::escape(lang))
        };
        self.events.push(Event::Html(CowStr::from(format!(
            "<pre tabindex=\"0\"><code{class}>"
        ))));
    }

    fn end_code_block(&mut self) {
        self.in_code_block = false;
        // Inside a list item the first line's text starts after its indentation.
        if let Some(block) = self.rendered.code_blocks.last_mut()
            && let Some(&first) = block.line_offsets.first()
        {
            block.offset = first;
        }
        if let Some(block) = self.rendered.code_blocks.last() {
            let html = highlight::highlight(&block.language, &block.text)
                .unwrap_or_else(|| html_text::escape(&block.text).into_owned());
            self.events.push(Event::Html(CowStr::from(html)));
        }
        self.events
            .push(Event::Html(CowStr::from("</code></pre>\n")));
    }

    fn text(&mut self, t: &str, event: Event<'b>, range: Range<usize>) {
        if let Some((_, text, _)) = &mut self.open_heading {
            text.push_str(t);
        }
        if self.in_image == 0 {
            self.table.text(t);
        }
        if !self.in_code_block {
            self.rendered.text.push_str(t);
            self.events.push(event);
        } else if let Some(block) = self.rendered.code_blocks.last_mut() {
            // Written out, highlighted, when the block ends.
            add_code_text(block, t, self.body, range);
        }
    }
}

/// A link's opening tag as pulldown-cmark writes it (its escaping of `href` and `title`), with
/// `hreflang="<lang>"` added.
fn with_hreflang(start: Event<'_>, lang: &str) -> String {
    let mut tag = String::new();
    html::push_html(&mut tag, std::iter::once(start));
    if tag.ends_with('>') {
        tag.pop();
    }
    format!("{tag} hreflang=\"{}\">", html_text::escape(lang))
}

/// Writes `events` as HTML, and gives the offset of each `<h2` in it.
fn write_html(events: Vec<Event<'_>>, capacity: usize) -> (String, Vec<usize>) {
    /// The HTML so far, shared between the writer and the watch for `##` headings.
    struct Sink<'a>(&'a RefCell<String>);
    impl fmt::Write for Sink<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.borrow_mut().push_str(s);
            Ok(())
        }
    }
    let html = RefCell::new(String::with_capacity(capacity));
    let mut sections = Vec::new();
    let watched = events.into_iter().inspect(|event| {
        if let Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            ..
        }) = event
        {
            sections.push(html.borrow().len());
        }
    });
    // The sink never fails, so neither does the writer.
    let _ = html::write_html_fmt(Sink(&html), watched);
    let html = html.into_inner();
    // The writer starts a line before a heading that would not start one.
    for at in &mut sections {
        if html[*at..].starts_with('\n') {
            *at += 1;
        }
    }
    (html, sections)
}
