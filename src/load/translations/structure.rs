//! What a translation must keep of its English source: the same headings in the same order, the
//! same code blocks (HTTP messages byte for byte; in other languages only comments may differ)
//! and the same links and citations in the same order. Compared on the rendered bodies' facts
//! ([`Rendered`]: headings, code blocks and links as the Markdown pass recorded them), each
//! difference reported at its place in the translation.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{BodyLink, CodeBlock, Heading, Rendered};

/// Turns a byte offset in the translated text into a diagnostic there.
pub(super) type At<'a> = &'a dyn Fn(usize, String) -> Diagnostic;

/// Reports every way `translated` (a text `len` bytes long) departs from `english`. Code and
/// links are compared only once the sections agree, since a missing section takes its code and
/// links with it.
pub(super) fn compare(
    english: &Rendered,
    translated: &Rendered,
    len: usize,
    at: At,
    diags: &mut Diagnostics,
) {
    let before = diags.len();
    sections(english, translated, len, at, diags);
    if diags.len() > before {
        return;
    }
    code_blocks(
        &english.code_blocks,
        &translated.code_blocks,
        len,
        at,
        diags,
    );
    links(&english.links, &translated.links, len, at, diags);
}

/// What a `##` section holds that a translation keeps: its links and its code blocks.
#[derive(PartialEq)]
struct Print<'a> {
    links: Vec<&'a str>,
    code: Vec<&'a str>,
}

impl Print<'_> {
    fn is_empty(&self) -> bool {
        self.links.is_empty() && self.code.is_empty()
    }
}

/// The `##` headings of `r` with what their sections hold.
fn outline(r: &Rendered) -> Vec<(&Heading, Print<'_>)> {
    let tops: Vec<&Heading> = r.headings.iter().filter(|h| h.level == 2).collect();
    tops.iter()
        .enumerate()
        .map(|(i, h)| {
            let end = tops.get(i + 1).map_or(usize::MAX, |next| next.offset);
            let inside = |offset: usize| (h.offset..end).contains(&offset);
            let print = Print {
                links: (r.links.iter())
                    .filter(|l| inside(l.offset))
                    .map(|l| l.href.as_str())
                    .collect(),
                code: (r.code_blocks.iter())
                    .filter(|b| inside(b.offset))
                    .map(|b| b.text.as_str())
                    .collect(),
            };
            (*h, print)
        })
        .collect()
}

/// The `##` sections: one dropped, one added, or one moved, named by its English heading; then
/// the sub-headings under each.
fn sections(
    english: &Rendered,
    translated: &Rendered,
    len: usize,
    at: At,
    diags: &mut Diagnostics,
) {
    let before = diags.len();
    let (e, t) = (outline(english), outline(translated));
    let pairs = align(&e, &t);
    let mut j_next = 0;
    for (i, j) in &pairs {
        match (i, j) {
            (Some(i), None) => {
                let here = t.get(j_next).map_or(len, |(h, _)| h.offset);
                diags.push(
                    at(here, format!("the section `## {}` is missing here", e[*i].0.text))
                        .expected(format!("the English sections in order: {}", names(&e)))
                        .hint("translate the section in the English order: every section of the English page has its place in the translation"),
                );
            }
            (None, Some(j)) => {
                j_next = j + 1;
                diags.push(
                    at(t[*j].0.offset, format!("the section `## {}` has no English counterpart", t[*j].0.text))
                        .expected(format!("the English sections in order: {}", names(&e)))
                        .hint("a translation keeps the English sections: remove it, or add it to the English page first"),
                );
            }
            (Some(i), Some(j)) => {
                j_next = j + 1;
                if t[*j].1 != e[*i].1
                    && let Some(k) =
                        (0..e.len()).find(|&k| k != *i && !e[k].1.is_empty() && e[k].1 == t[*j].1)
                {
                    diags.push(
                        at(t[*j].0.offset, format!("this section translates `## {}`, which comes at position {} in English", e[k].0.text, k + 1))
                            .expected(format!("`## {}` here (position {}); the English order: {}", e[*i].0.text, i + 1, names(&e)))
                            .hint("put the sections in the English order"),
                    );
                }
            }
            (None, None) => {}
        }
    }
    if diags.len() == before {
        sub_headings(english, translated, at, diags);
    }
}

/// The English `##` headings, for a message.
fn names(e: &[(&Heading, Print)]) -> String {
    e.iter()
        .map(|(h, _)| format!("`{}`", h.text))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pairs English and translated sections: position by position when the counts agree, else by
/// the longest common run of sections that hold the same links and code (those without any
/// match anything), so the section left over is the dropped or added one.
fn align(e: &[(&Heading, Print)], t: &[(&Heading, Print)]) -> Vec<(Option<usize>, Option<usize>)> {
    if e.len() == t.len() {
        return (0..e.len()).map(|i| (Some(i), Some(i))).collect();
    }
    let same = |i: usize, j: usize| e[i].1 == t[j].1;
    // lcs[i][j]: the longest common run of e[i..] and t[j..].
    let mut lcs = vec![vec![0usize; t.len() + 1]; e.len() + 1];
    for i in (0..e.len()).rev() {
        for j in (0..t.len()).rev() {
            lcs[i][j] = if same(i, j) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < e.len() || j < t.len() {
        if i < e.len() && j < t.len() && same(i, j) && lcs[i][j] == lcs[i + 1][j + 1] + 1 {
            pairs.push((Some(i), Some(j)));
            (i, j) = (i + 1, j + 1);
        } else if i < e.len() && (j == t.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            pairs.push((Some(i), None));
            i += 1;
        } else {
            pairs.push((None, Some(j)));
            j += 1;
        }
    }
    pairs
}

/// Headings below `##`: the same levels in the same order (their ids are the English ones).
fn sub_headings(english: &Rendered, translated: &Rendered, at: At, diags: &mut Diagnostics) {
    let levels = |r: &Rendered| r.headings.iter().map(|h| h.level).collect::<Vec<_>>();
    let (e, t) = (levels(english), levels(translated));
    if e == t {
        return;
    }
    let first = e.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let place = translated
        .headings
        .get(first)
        .or(translated.headings.last());
    let expected = match english.headings.get(first) {
        Some(h) => format!(
            "{} `{}` here, as in English",
            "#".repeat(h.level.into()),
            h.text
        ),
        None => "no more headings, as in English".to_owned(),
    };
    diags.push(
        at(
            place.map_or(0, |h| h.offset),
            "the headings differ from the English ones from here on".to_owned(),
        )
        .expected(expected)
        .hint("keep every heading of the English page, at the same level and in the same order"),
    );
}

/// The comment markers of a code block's language: what follows one may be translated.
fn comment_markers(language: &str) -> &'static [&'static str] {
    match language {
        "sh" | "bash" | "shell" | "console" | "python" | "py" | "ruby" | "rb" | "perl" | "yaml"
        | "yml" | "toml" | "nginx" | "apache" | "promql" | "dockerfile" | "r" => &["#"],
        "js" | "javascript" | "ts" | "typescript" | "jsx" | "tsx" | "go" | "rust" | "rs"
        | "java" | "kotlin" | "c" | "cpp" | "csharp" | "cs" | "swift" | "scala" | "dart" => &["//"],
        "php" => &["//", "#"],
        "sql" | "lua" | "haskell" => &["--"],
        "html" | "xml" => &["<!--"],
        _ => &[],
    }
}

/// Where the comment starts in `line`: a marker at the start of the line or after a space.
fn comment_start(line: &str, markers: &[&str]) -> Option<usize> {
    (markers.iter())
        .filter_map(|m| {
            line.match_indices(m)
                .map(|(i, _)| i)
                .find(|&i| line[..i].chars().last().is_none_or(char::is_whitespace))
        })
        .min()
}

/// Whether a translated line keeps the English one: the same, or the same up to a comment.
fn same_line(english: &str, translated: &str, markers: &[&str]) -> bool {
    english == translated
        || comment_start(english, markers).is_some_and(|c| {
            comment_start(translated, markers) == Some(c) && english[..c] == translated[..c]
        })
}

/// The code blocks: as many, in the same languages, the same text (HTTP byte for byte; in other
/// languages each line the same up to its comment, and the same number of lines).
fn code_blocks(e: &[CodeBlock], t: &[CodeBlock], len: usize, at: At, diags: &mut Diagnostics) {
    for (n, (eb, tb)) in e.iter().zip(t).enumerate() {
        let block = format!("code block {} of {}", n + 1, e.len());
        if eb.language != tb.language {
            diags.push(
                at(
                    tb.offset,
                    format!(
                        "{block} is in `{}`, the English one in `{}`",
                        tb.language, eb.language
                    ),
                )
                .expected(format!("```{}", eb.language))
                .hint("keep the English block's language"),
            );
            continue;
        }
        let markers = if eb.language == "http" {
            &[][..]
        } else {
            comment_markers(&eb.language)
        };
        let (el, tl): (Vec<&str>, Vec<&str>) =
            (eb.text.lines().collect(), tb.text.lines().collect());
        let differ = (el.iter().zip(&tl)).position(|(a, b)| !same_line(a, b, markers));
        let differ = differ.or((el.len() != tl.len()).then_some(el.len().min(tl.len())));
        if let Some(line) = differ {
            let offset = tb.line_offsets.get(line).copied().unwrap_or(tb.offset);
            let expected = el
                .get(line)
                .map_or("the end of the block".to_owned(), |l| format!("`{l}`"));
            let rule = if markers.is_empty() {
                "copy the English block byte for byte (an HTTP message is a fact, not prose)"
            } else {
                "copy the English block: only comments may be translated"
            };
            diags.push(
                at(
                    offset,
                    format!(
                        "{block} differs from the English one at its line {}",
                        line + 1
                    ),
                )
                .expected(expected)
                .hint(rule),
            );
        }
    }
    if e.len() != t.len() {
        let place = t.get(e.len()).map_or(len, |b| b.offset);
        diags.push(
            at(
                place,
                format!("{} code blocks, the English page has {}", t.len(), e.len()),
            )
            .expected(format!("{} code blocks, as in English", e.len()))
            .hint("a translation keeps every code block of the English page, in order"),
        );
    }
}

/// `link` or `citation` (a link into a specification), for a message.
fn what(href: &str) -> &'static str {
    if href.starts_with("https://www.rfc-editor.org/")
        || href.starts_with("https://datatracker.ietf.org/")
    {
        "citation"
    } else {
        "link"
    }
}

/// A link's target, if there is a link.
fn href(link: Option<&BodyLink>) -> Option<&str> {
    link.map(|l| l.href.as_str())
}

/// The links and citations: the same targets in the same order.
fn links(e: &[BodyLink], t: &[BodyLink], len: usize, at: At, diags: &mut Diagnostics) {
    let (mut i, mut j) = (0, 0);
    let hint = "a translation keeps the English page's links and citations, in the same order";
    while i < e.len() || j < t.len() {
        let (a, b) = (e.get(i), t.get(j));
        if let (Some(a), Some(b)) = (a, b)
            && a.href == b.href
        {
            (i, j) = (i + 1, j + 1);
            continue;
        }
        let dropped = a.is_some() && (b.is_none() || href(e.get(i + 1)) == href(b));
        let added = !dropped && b.is_some() && (a.is_none() || href(t.get(j + 1)) == href(a));
        match (a, b) {
            (Some(a), _) if dropped => {
                // Where the next link is, or else after the last one.
                let place = (b.or(t.last())).map_or(len, |l| l.offset);
                diags.push(
                    at(
                        place,
                        format!("the {} to `{}` is missing here", what(&a.href), a.href),
                    )
                    .expected(format!(
                        "a {} to `{}`, as in English",
                        what(&a.href),
                        a.href
                    ))
                    .hint(hint),
                );
                i += 1;
            }
            (_, Some(b)) if added => {
                diags.push(
                    at(
                        b.offset,
                        format!(
                            "the {} to `{}` is not in the English page",
                            what(&b.href),
                            b.href
                        ),
                    )
                    .expected(a.map_or("no more links, as in English".to_owned(), |a| {
                        format!("`{}` here, as in English", a.href)
                    }))
                    .hint(hint),
                );
                j += 1;
            }
            (Some(a), Some(b)) => {
                diags.push(
                    at(
                        b.offset,
                        format!(
                            "this {} goes to `{}`, the English one to `{}`",
                            what(&b.href),
                            b.href,
                            a.href
                        ),
                    )
                    .expected(format!("`{}`, as in English", a.href))
                    .hint(hint),
                );
                (i, j) = (i + 1, j + 1);
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{Resolution, render};

    fn problems(english: &str, translated: &str) -> Vec<String> {
        let resolve = |_: &str| Resolution::External;
        let (e, _) = render(english, &resolve);
        let (t, _) = render(translated, &resolve);
        let mut diags = Diagnostics::default();
        let at = |offset: usize, message: String| Diagnostic::new("t.md", 1, offset + 1, message);
        compare(&e, &t, translated.len(), &at, &mut diags);
        diags.iter().map(|d| d.message.clone()).collect()
    }

    const EN: &str = "## One\n\n[a](https://a.example/)\n\n## Two\n\n```http\nGET / HTTP/1.1\n```\n\n## Three\n\n[c](https://c.example/)\n";

    #[test]
    fn a_faithful_translation_passes() {
        let es = "## Uno\n\n[a](https://a.example/)\n\n## Dos\n\n```http\nGET / HTTP/1.1\n```\n\n## Tres\n\n[c](https://c.example/)\n";
        assert_eq!(problems(EN, es), Vec::<String>::new());
    }

    #[test]
    fn a_dropped_an_added_and_a_moved_section_are_named() {
        let dropped = "## Uno\n\n[a](https://a.example/)\n\n## Tres\n\n[c](https://c.example/)\n";
        assert_eq!(
            problems(EN, dropped),
            ["the section `## Two` is missing here"]
        );
        let added = format!("{EN}\n## Cuatro\n\nMás.\n");
        assert_eq!(
            problems(EN, &added),
            ["the section `## Cuatro` has no English counterpart"]
        );
        let moved = "## Tres\n\n[c](https://c.example/)\n\n## Dos\n\n```http\nGET / HTTP/1.1\n```\n\n## Uno\n\n[a](https://a.example/)\n";
        assert_eq!(
            problems(EN, moved),
            [
                "this section translates `## Three`, which comes at position 3 in English",
                "this section translates `## One`, which comes at position 1 in English"
            ]
        );
    }

    #[test]
    fn code_may_differ_only_in_comments_and_http_not_at_all() {
        let en = "```js\nlet a = 1; // one\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n";
        let ok = "```js\nlet a = 1; // uno\n```\n\n```http\nHTTP/1.1 204 No Content\n```\n";
        assert_eq!(problems(en, ok), Vec::<String>::new());
        let code = "```js\nlet b = 1; // uno\n```\n\n```http\nHTTP/1.1 204 Sin contenido\n```\n";
        assert_eq!(
            problems(en, code),
            [
                "code block 1 of 2 differs from the English one at its line 1",
                "code block 2 of 2 differs from the English one at its line 1"
            ]
        );
    }

    #[test]
    fn links_missing_extra_or_changed_are_reported() {
        let en = "[a](https://a.example/) [b](https://b.example/) [c](https://www.rfc-editor.org/rfc/rfc9110#section-1)";
        let es = "[a](https://a.example/) [c](https://www.rfc-editor.org/rfc/rfc9110#section-1) [x](https://www.rfc-editor.org/rfc/rfc9111)";
        assert_eq!(
            problems(en, es),
            [
                "the link to `https://b.example/` is missing here",
                "the citation to `https://www.rfc-editor.org/rfc/rfc9111` is not in the English page"
            ]
        );
        let changed = "[a](https://a.example/) [b](https://z.example/) [c](https://www.rfc-editor.org/rfc/rfc9110#section-1)";
        assert_eq!(
            problems(en, changed),
            ["this link goes to `https://z.example/`, the English one to `https://b.example/`"]
        );
    }
}
