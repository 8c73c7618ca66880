//! Markdown bodies to HTML (pulldown-cmark): tables, footnotes, heading ids, and internal links.
//!
//! Internal links use a scheme shorthand, `[409](code:409)`, `[4xx](class:4xx)`,
//! `[401 vs 403](compare:401-vs-403)` and `[guide](guide:slug)`; the caller's resolver turns them
//! into URLs or reports them as broken, with their byte offset in the body.
//!
//! Content arrives by pull request, so nothing executable may pass through: raw HTML is refused
//! except the few inert tags in [`ALLOWED_TAGS`] (without attributes) and comments (dropped);
//! headings take an id and nothing else; links go to http, https, mailto or an internal
//! shorthand, images to http or https. Each refusal is a [`Problem`] at its byte offset, and the
//! refused markup is left out of the HTML, so a caller that ignored problems still gets a safe page.

mod events;
mod headings;
mod highlight;
mod policy;
mod tables;

use pulldown_cmark::{Options, Parser, Tag};

/// A rendered body and the facts about it that pages, checks and the search index need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML. Tables are marked to stack on narrow screens, each body cell after the
    /// first labelled with its column's header text (`data-label`).
    pub html: String,
    /// Where each `##` section starts in `html`, in order.
    pub sections: Vec<usize>,
    pub headings: Vec<Heading>,
    /// Languages of fenced code blocks, in order (`http`, `js`...).
    pub code_languages: Vec<String>,
    /// Every code block, in order, with its text and where each of its lines is in the body, so
    /// that checks of examples (see `crate::examples`) can point at a line.
    pub code_blocks: Vec<CodeBlock>,
    /// The prose as plain text (no markup, no code blocks), for the search index.
    pub text: String,
    /// Every link, in order, as the page will carry it, and where it is in the body, so that
    /// `check` can report a link that leads nowhere at the link (see `crate::render::links`).
    pub links: Vec<BodyLink>,
}

impl Rendered {
    /// The HTML up to the second `##` section (the introduction and the first section), and
    /// the rest.
    pub fn split_after_first_section(&self) -> (&str, &str) {
        let second = self.sections.get(1).copied().unwrap_or(self.html.len());
        self.html.split_at(second)
    }
}

/// A link as rendered (`href`), and the byte offset in the body of its destination as written
/// (of its `#fragment`, when it has one), or of the link itself for a reference-style link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    pub offset: usize,
    pub href: String,
}

/// A code block as written: its language (the first word of a fence's info string, empty for an
/// indented block), its text, and the byte offset in the body of each of its lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeBlock {
    pub language: String,
    pub text: String,
    /// Byte offset in the body of the block's first content line (the line after the fence),
    /// after any indentation the block's container strips.
    pub offset: usize,
    /// Byte offset in the body of the start of each line of `text`, in order. A block inside a
    /// list item or quote has its indentation stripped from `text`; these offsets still point at
    /// the line's text in the body.
    pub line_offsets: Vec<usize>,
}

impl CodeBlock {
    /// The body offset of byte `at` of `text`.
    pub fn body_offset(&self, at: usize) -> usize {
        let line = self.text[..at.min(self.text.len())].matches('\n').count();
        let line_start = self.text[..at.min(self.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        match self.line_offsets.get(line) {
            Some(start) => start + (at - line_start),
            None => self.offset + at,
        }
    }
}

/// A heading, for "On this page" lists (templates see its level, id and text).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// Byte offset of the heading in the body.
    #[serde(skip)]
    pub offset: usize,
    /// Whether anything (a paragraph, list, code block, table, sub-heading...) follows before the
    /// next heading of the same or a higher level.
    #[serde(skip)]
    pub has_content: bool,
}

/// Something in a body that cannot be published: a link that points nowhere, or markup that is
/// not allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset in the body.
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// What a resolver says about a link destination.
pub enum Resolution {
    /// Not an internal shorthand: keep the link as written.
    External,
    Resolved(String),
    /// Resolved to a page of the site's own language (`lang`, its BCP 47 code) from a body in a
    /// translation that has no page of its own for it. The link gets `hreflang="<lang>"` and ends
    /// with [`LANGUAGE_MARK`], which the render fills with the reader's words for "(English)" (see
    /// `crate::render::i18n::Catalogues::fill_language_marks`), as cards and rows end theirs.
    InRootLanguage {
        href: String,
        lang: String,
    },
    Broken {
        message: String,
        hint: Option<String>,
    },
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Control characters in `body` (tab and line ends aside), each a problem: a page would carry
/// them raw (a NUL byte, an escape), and an editor seldom shows them.
fn control_characters(body: &str) -> Vec<Problem> {
    body.char_indices()
        .filter(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .map(|(offset, c)| Problem {
            offset,
            message: format!(
                "control character {} is not allowed",
                crate::printable::control_name(c)
            ),
            hint: Some(
                "delete it; most editors do not show it (it often comes in with pasted text)"
                    .to_owned(),
            ),
        })
        .collect()
}

/// Renders `body`, resolving internal links with `resolve`.
pub fn render(body: &str, resolve: &dyn Fn(&str) -> Resolution) -> (Rendered, Vec<Problem>) {
    render_with_ids(body, resolve, &[])
}

/// Renders `body` as [`render`] does, except that its headings take the ids of `ids`, by position
/// where the level is the same: a translation's sections keep the English ids, so a link to
/// `#when-to-use-it` works in every language.
pub fn render_with_ids(
    body: &str,
    resolve: &dyn Fn(&str) -> Resolution,
    ids: &[Heading],
) -> (Rendered, Vec<Problem>) {
    let mut pass = events::Pass::new(body, resolve, ids, control_characters(body));
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        pass.event(event, range);
    }
    pass.finish()
}

/// Appends a piece of a code block's text, recording where each line that starts in it is in
/// the body. pulldown-cmark gives a piece as written (its range holds exactly its text) unless
/// indentation was stripped, in which case the line is placed at the end of its range.
fn add_code_text(block: &mut CodeBlock, piece: &str, body: &str, range: std::ops::Range<usize>) {
    let verbatim = body.get(range.clone()) == Some(piece);
    let base = if verbatim {
        range.start
    } else {
        range.end.saturating_sub(piece.len())
    };
    let mut at_line_start = block.text.is_empty() || block.text.ends_with('\n');
    for (i, c) in piece.char_indices() {
        if at_line_start {
            block.line_offsets.push(base + i);
        }
        at_line_start = c == '\n';
    }
    block.text.push_str(piece);
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
            | Tag::DefinitionList
    )
}

/// What the renderer writes at the end of a link's text when the link leads to a page in the site's
/// own language from a translated body ([`Resolution::InRootLanguage`]): an empty element, filled at
/// render time with the page language's words. Bodies cannot write it themselves: raw HTML in a body may only be
/// one of [`ALLOWED_TAGS`], without attributes, so only the renderer produces this class.
pub const LANGUAGE_MARK: &str = "<span class=\"english-mark\"></span>";

pub use headings::slugify;
pub use policy::{ALLOWED_TAGS, IMAGE_SCHEMES, LINK_SCHEMES};

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
                "<a class=\"anchor\" href=\"#what-it-means\" aria-labelledby=\"what-it-means\">#</a></h2>"
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
    fn code_blocks_know_where_each_line_is() {
        let body = "Intro.\n\n```http\nGET / HTTP/1.1\nHost: a\n```\n\n- item\n\n  ```http\n  HTTP/1.1 200 OK\n  Vary: Accept\n  ```\n\n## Next\n\n    indented\n";
        let (r, _) = render(body, &resolve);
        let blocks: Vec<_> = r
            .code_blocks
            .iter()
            .map(|b| (b.language.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            blocks,
            [
                ("http", "GET / HTTP/1.1\nHost: a\n"),
                ("http", "HTTP/1.1 200 OK\nVary: Accept\n"),
                ("", "indented\n"),
            ]
        );
        for block in &r.code_blocks {
            for (i, line) in block.text.lines().enumerate() {
                let at = block.line_offsets[i];
                assert_eq!(&body[at..at + line.len()], line, "{block:?}");
            }
            assert_eq!(block.offset, block.line_offsets[0]);
            // An offset inside a line maps into the same line of the body.
            let at = block.text.rfind('\n').unwrap() - 2;
            assert_eq!(&body[block.body_offset(at)..][..1], &block.text[at..at + 1]);
        }
    }

    #[test]
    fn explicit_heading_ids_win() {
        let (r, _) = render("## Caching {#cache}\n", &resolve);
        assert_eq!(r.headings[0].id, "cache");
    }

    #[test]
    fn records_each_link_as_rendered_and_where_its_destination_is_written() {
        let body =
            "See [404](code:404), [a](https://e.org/a#fix) and\n[RFC][r].\n\n[r]: https://e.org/";
        let (r, _) = render(body, &resolve);
        let links: Vec<(&str, &str)> = (r.links.iter())
            .map(|l| (l.href.as_str(), &body[l.offset..]))
            .collect();
        assert_eq!(links[0].0, "/codes/404/");
        assert!(links[0].1.starts_with("code:404)"), "{links:?}");
        // With a fragment, the fragment is the place (it is usually what is wrong).
        assert_eq!(links[1].0, "https://e.org/a#fix");
        assert!(links[1].1.starts_with("#fix)"), "{links:?}");
        // A reference-style link's destination is elsewhere: the link itself is the place.
        assert_eq!(links[2].0, "https://e.org/");
        assert!(links[2].1.starts_with("[RFC][r]"), "{links:?}");
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
                .contains("<pre tabindex=\"0\"><code class=\"language-http\"><span class=\"hl-keyword\">GET </span>"),
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
        assert!(r.html.contains("<table class=\"stack\">"), "{}", r.html);
        assert!(r.html.contains("footnote-definition"), "{}", r.html);
    }

    /// Tables stack on narrow screens: each body cell after the first carries its column's
    /// header text (markup dropped, quotes escaped), as the stylesheet shows it.
    #[test]
    fn tables_label_their_cells_with_the_column_header() {
        let (r, _) = render(
            "| Aspect | `401` \"A\" & B | ![alt](https://e.org/i.png) C |\n|---|:-:|---|\n| Header | yes | x |\n| Body | no | y |\n",
            &resolve,
        );
        assert_eq!(
            r.html,
            "<table class=\"stack\"><thead><tr><th>Aspect</th><th style=\"text-align: center\"><code>401</code> \"A\" &amp; B</th><th><img src=\"https://e.org/i.png\" alt=\"alt\" /> C</th></tr></thead><tbody>\n\
             <tr><td>Header</td><td data-label=\"401 &quot;A&quot; &amp; B\" style=\"text-align: center\">yes</td><td data-label=\"C\">x</td></tr>\n\
             <tr><td>Body</td><td data-label=\"401 &quot;A&quot; &amp; B\" style=\"text-align: center\">no</td><td data-label=\"C\">y</td></tr>\n\
             </tbody></table>\n"
        );
    }

    /// Where each `##` section starts is recorded as the HTML is written, so the first section
    /// can be set apart without searching the HTML.
    #[test]
    fn the_first_section_is_split_from_the_rest() {
        let (r, _) = render("Intro.\n\n## A\n\n1\n\n### A.1\n\n## B\n\n2\n", &resolve);
        let (first, rest) = r.split_after_first_section();
        assert_eq!(r.sections.len(), 2);
        assert!(first.starts_with("<p>Intro.</p>\n<h2 id=\"a\">"), "{first}");
        assert!(first.contains("<h3 id=\"a1\">"), "{first}");
        assert!(rest.starts_with("<h2 id=\"b\">B"), "{rest}");
        assert!(rest.ends_with("<p>2</p>\n"), "{rest}");
        let (plain, _) = render("No sections.\n", &resolve);
        let (only, none) = plain.split_after_first_section();
        assert_eq!((only, none), ("<p>No sections.</p>\n", ""));
    }

    /// Every hostile body is refused with a problem at its own offset, and what is rendered
    /// anyway carries nothing that runs, redirects or posts.
    #[test]
    fn refuses_markup_that_could_run_or_redirect() {
        let hostile = [
            ("<script>alert(1)</script>\n", "<script>"),
            ("Hi <img src=x onerror=alert(1)> there\n", "<img"),
            ("<svg onload=alert(1)></svg>\n", "<svg"),
            ("[x](javascript:alert(1))\n", "javascript:"),
            ("[x](<JaVa\tScRiPt:alert(1)>)\n", "javascript:"),
            ("[x](<\u{1}javascript:alert(1)>)\n", "javascript:"),
            ("[x](data:text/html;base64,PHNjcmlwdD4=)\n", "data:"),
            ("<javascript:alert(1)>\n", "javascript:"),
            ("[x](&#106;avascript:alert(1))\n", "javascript:"),
            ("![x](javascript:alert(1))\n", "javascript:"),
            ("![x](data:image/svg+xml,<svg/onload=alert(1)>)\n", "data:"),
            (
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>\n",
                "<iframe",
            ),
            (
                "<form action=https://evil.example/><button>Go</button></form>\n",
                "<form",
            ),
            ("<object data=x></object>\n", "<object"),
            ("<embed src=x>\n", "<embed"),
            (
                "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n",
                "<meta",
            ),
            ("<div\nonclick=alert(1)>x</div>\n", "<div"),
            ("<kbd onclick=alert(1)>x</kbd>\n", "<kbd onclick"),
            ("<p style=\"position:fixed\">x</p>\n", "<p style"),
            ("<style>body{display:none}</style>\n", "<style>"),
            ("## X {#x onclick=alert(1)}\n", "onclick"),
            ("## X {.big}\n", ".big"),
            ("<!-- never closed\n", "comment"),
            ("[x](vbscript:msgbox(1))\n", "vbscript:"),
            ("[x](file:///etc/passwd)\n", "file:"),
        ];
        for (body, named) in hostile {
            let (r, problems) = render(body, &resolve);
            // A control character is refused on its own too; the markup is what is checked here.
            let (controls, problems): (Vec<_>, Vec<_>) = problems
                .into_iter()
                .partition(|p| p.message.starts_with("control character"));
            assert_eq!(
                controls.len(),
                body.chars()
                    .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                    .count()
            );
            assert_eq!(problems.len(), 1, "{body:?}: {problems:?}");
            assert!(
                problems[0]
                    .message
                    .to_lowercase()
                    .contains(&named.to_lowercase()),
                "{body:?}: {}",
                problems[0].message
            );
            assert!(problems[0].offset < body.len(), "{body:?}");
            let doc = scraper::Html::parse_fragment(&r.html);
            let any = scraper::Selector::parse("*").unwrap();
            for el in doc.select(&any) {
                let name = el.value().name();
                assert!(
                    ![
                        "script", "img", "svg", "iframe", "form", "object", "embed", "meta",
                        "style"
                    ]
                    .contains(&name)
                        || (name == "img" && el.value().attr("src") == Some("")),
                    "{body:?} rendered <{name}>: {}",
                    r.html
                );
                for (attr, value) in el.value().attrs() {
                    assert!(
                        !attr.starts_with("on") && attr != "style" && attr != "srcdoc",
                        "{body:?}: {attr}"
                    );
                    let value = value.to_ascii_lowercase();
                    assert!(
                        !value.contains("javascript:") && !value.starts_with("data:"),
                        "{body:?}: {value}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_problem_points_at_the_markup() {
        let body = "Fine line.\n\nText <img src=x onerror=alert(1)> more.\n";
        let (_, problems) = render(body, &resolve);
        assert_eq!(&body[problems[0].offset..problems[0].offset + 4], "<img");
    }

    #[test]
    fn keeps_allowed_markup_and_drops_comments() {
        let body = "Press <kbd>Ctrl</kbd>+<KBD>C</KBD>, x<sup>2</sup><br/>\n\n<!-- a note for editors -->\n\n[a](https://example.org) [m](mailto:a@example.org) [r](/codes/404/) [f](#top) [q](?q=1)\n";
        let (r, problems) = render(body, &resolve);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            r.html.contains("<kbd>Ctrl</kbd>+<kbd>C</kbd>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<sup>2</sup><br>"), "{}", r.html);
        assert!(!r.html.contains("note for editors"), "{}", r.html);
        assert!(r.html.contains("href=\"mailto:a@example.org\""));
    }

    #[test]
    fn a_misspelt_internal_scheme_gets_a_did_you_mean() {
        let (_, problems) = render("[x](codes:404)\n", &resolve);
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean the internal link `code:`?")
        );
    }

    /// A resolver for a translated body: `code:404` has a page in the body's language,
    /// `compare:a-vs-b` only in English.
    fn resolve_translated(dest: &str) -> Resolution {
        match dest {
            "compare:a-vs-b" => Resolution::InRootLanguage {
                href: "/compare/a-vs-b/#x&y".to_owned(),
                lang: "en".to_owned(),
            },
            "code:404" => Resolution::Resolved("/es/codes/404/".to_owned()),
            _ => Resolution::External,
        }
    }

    #[test]
    fn a_link_to_the_site_language_gets_hreflang_and_an_empty_mark() {
        let (r, problems) = render(
            "Ver [a y b](compare:a-vs-b \"t\") y [404](code:404).\n",
            &resolve_translated,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            r.html,
            concat!(
                "<p>Ver <a href=\"/compare/a-vs-b/#x&amp;y\" title=\"t\" hreflang=\"en\">a y b",
                "<span class=\"english-mark\"></span></a> y <a href=\"/es/codes/404/\">404</a>.</p>\n"
            )
        );
        assert_eq!(r.links[0].href, "/compare/a-vs-b/#x&y");
        assert_eq!(r.text.trim(), "Ver a y b y 404.");
    }

    #[test]
    fn a_body_cannot_write_the_language_mark_itself() {
        for body in [
            "Text <span class=\"english-mark\"></span>.\n",
            "<span class=\"english-mark\"></span>\n",
            "[x](https://example.org) <span class=english-mark></span>\n",
        ] {
            let (r, problems) = render(body, &resolve);
            assert!(!r.html.contains("english-mark"), "{body}: {}", r.html);
            assert!(!problems.is_empty(), "{body}");
        }
    }
}
