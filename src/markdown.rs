//! Markdown bodies to HTML (pulldown-cmark): tables, footnotes, heading ids, and internal links.
//!
//! Internal links use a scheme shorthand, `[409](code:409)`, `[4xx](class:4xx)`,
//! `[401 vs 403](compare:401-vs-403)` and `[guide](guide:slug)`; the caller's resolver turns them
//! into URLs or reports them as broken, with their byte offset in the body.

use std::collections::HashSet;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

/// A rendered body and the facts about it that pages, checks and the search index need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Languages of fenced code blocks, in order (`http`, `js`...).
    pub code_languages: Vec<String>,
    /// The prose as plain text (no markup, no code blocks), for the search index.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte offset of the heading in the body.
    pub offset: usize,
    /// Whether anything (a paragraph, list, code block, table, sub-heading...) follows before the
    /// next heading of the same or a higher level.
    pub has_content: bool,
}

/// An internal link that could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// Byte offset of the link in the body.
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// What a resolver says about a link destination.
pub enum Resolution {
    /// Not an internal shorthand: keep the link as written.
    External,
    Resolved(String),
    Broken {
        message: String,
        hint: Option<String>,
    },
}

/// The schemes that mark internal links.
pub const INTERNAL_SCHEMES: [&str; 4] = ["code:", "class:", "compare:", "guide:"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body`, resolving internal links with `resolve`.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> Resolution) -> (Rendered, Vec<BrokenLink>) {
    let mut events: Vec<Event> = Vec::new();
    let mut broken = Vec::new();
    let mut rendered = Rendered::default();
    let mut used_ids = HashSet::new();
    let mut in_code_block = false;
    // The heading being read: its index in `events`, its text so far and its offset.
    let mut open_heading: Option<(usize, String, usize)> = None;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match resolve(&dest_url) {
                    Resolution::External => dest_url,
                    Resolution::Resolved(url) => CowStr::from(url),
                    Resolution::Broken { message, hint } => {
                        broken.push(BrokenLink {
                            offset: range.start,
                            message,
                            hint,
                        });
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                // A sub-heading is content of the section that contains it.
                let level = heading_level(level);
                if let Some(parent) = rendered.headings.iter_mut().rev().find(|h| h.level < level) {
                    parent.has_content = true;
                }
                open_heading = Some((events.len(), String::new(), range.start));
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                rendered.text.push(' ');
                if let Some((start, text, offset)) = open_heading.take()
                    && let Event::Start(Tag::Heading { id, .. }) = &mut events[start]
                {
                    let chosen = match id {
                        Some(explicit) => explicit.to_string(),
                        None => unique_id(&slugify(&text), &used_ids),
                    };
                    used_ids.insert(chosen.clone());
                    *id = Some(CowStr::from(chosen.clone()));
                    // A visible-on-focus link to the section, for sharing (text stays the heading's own).
                    events.push(Event::InlineHtml(CowStr::from(format!(
                        " <a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a>",
                        escape_attribute(&chosen)
                    ))));
                    rendered.headings.push(Heading {
                        level: heading_level(level),
                        id: chosen,
                        text: text.trim().to_owned(),
                        offset,
                        has_content: false,
                    });
                }
                events.push(event);
            }
            Event::Start(ref tag) if is_block(tag) => {
                if let Some(last) = rendered.headings.last_mut() {
                    last.has_content = true;
                }
                if let Tag::CodeBlock(kind) = tag {
                    // Code blocks may scroll sideways, so they take keyboard focus (WCAG 2.1.1).
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or_default()
                        }
                        CodeBlockKind::Indented => "",
                    };
                    rendered.code_languages.push(lang.to_owned());
                    in_code_block = true;
                    let class = if lang.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"language-{}\"", escape_attribute(lang))
                    };
                    events.push(Event::Html(CowStr::from(format!(
                        "<pre tabindex=\"0\"><code{class}>"
                    ))));
                } else {
                    events.push(event);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                events.push(Event::Html(CowStr::from("</code></pre>\n")));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                rendered.text.push(' ');
                events.push(event);
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, text, _)) = &mut open_heading {
                    text.push_str(t);
                }
                if !in_code_block {
                    rendered.text.push_str(t);
                }
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                rendered.text.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }

    rendered.html.reserve(body.len() * 3 / 2);
    html::push_html(&mut rendered.html, events.into_iter());
    (rendered, broken)
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Block-level content that makes a section non-empty.
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::List(_)
            | Tag::CodeBlock(_)
            | Tag::Table(_)
            | Tag::BlockQuote(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A URL fragment from heading text: lower case, words joined by `-`, punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !slug.is_empty()
            && !slug.ends_with('-')
        {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

fn unique_id(base: &str, used: &HashSet<String>) -> String {
    if !used.contains(base) {
        return base.to_owned();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !used.contains(id))
        .expect("an unused id exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(dest: &str) -> Resolution {
        match dest.strip_prefix("code:") {
            Some("404") => Resolution::Resolved("/codes/404/".to_owned()),
            Some(other) => Resolution::Broken {
                message: format!("no entry for code {other}"),
                hint: None,
            },
            None => Resolution::External,
        }
    }

    #[test]
    fn headings_get_unique_ids() {
        let (r, _) = render(
            "## What it means\n\n## What it means\n\n## `Retry-After` header!\n",
            &resolve,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            ["what-it-means", "what-it-means-1", "retry-after-header"]
        );
        assert!(
            r.html.contains(concat!(
                "<h2 id=\"what-it-means\">What it means ",
                "<a class=\"anchor\" href=\"#what-it-means\" aria-label=\"Link to this section\">#</a></h2>"
            )),
            "{}",
            r.html
        );
    }

    #[test]
    fn sections_know_whether_they_have_content() {
        let body = "## Empty\n\n## Full\n\nText.\n\n## Parent\n\n### Child\n\n```http\nGET / HTTP/1.1\n```\n\n## Last\n";
        let (r, _) = render(body, &resolve);
        let flags: Vec<_> = r
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.has_content))
            .collect();
        assert_eq!(
            flags,
            [
                ("Empty", false),
                ("Full", true),
                ("Parent", true),
                ("Child", true),
                ("Last", false)
            ]
        );
        assert_eq!(
            &body[r.headings[1].offset..r.headings[1].offset + 7],
            "## Full"
        );
        assert_eq!(r.code_languages, ["http"]);
    }

    #[test]
    fn explicit_heading_ids_win() {
        let (r, _) = render("## Caching {#cache}\n", &resolve);
        assert_eq!(r.headings[0].id, "cache");
    }

    #[test]
    fn resolves_internal_links_and_reports_broken_ones() {
        let body = "See [404](code:404) and\n[999](code:999), or [RFC](https://www.rfc-editor.org/rfc/rfc9110).";
        let (r, broken) = render(body, &resolve);
        assert!(
            r.html.contains("<a href=\"/codes/404/\">404</a>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("href=\"https://www.rfc-editor.org/rfc/rfc9110\"")
        );
        assert_eq!(broken.len(), 1);
        assert_eq!(&body[broken[0].offset..broken[0].offset + 5], "[999]");
    }

    #[test]
    fn http_fences_keep_their_language_class() {
        let (r, _) = render("```http\nGET / HTTP/1.1\n```\n", &resolve);
        assert!(
            r.html
                .contains("<pre tabindex=\"0\"><code class=\"language-http\">GET / HTTP/1.1"),
            "{}",
            r.html
        );
    }

    #[test]
    fn tables_and_footnotes_render() {
        let (r, _) = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: Note.\n",
            &resolve,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }
}
