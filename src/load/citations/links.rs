//! Links into sections of RFCs and Internet-Drafts, found in a file's text, and the citations
//! their link text names, so that both can be checked against the section indexes.

use crate::spec::DocId;

/// A link into a section of a cited document, found in text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct SectionLink {
    /// Byte offset of the URL in the text.
    pub start: usize,
    /// Length of the URL up to the end of the section number.
    pub len: usize,
    pub doc: DocId,
    pub section: String,
}

/// Every link into a section of an RFC or draft in `text`: the RFC Editor's
/// (`/rfc/rfcN`, `.html`, `.txt`), the datatracker's (`/doc/html/rfcN`, `/doc/rfcN`, drafts)
/// and tools.ietf.org's (`/html/rfcN`) forms, with `#section-X` or `#appendix-X`.
pub(super) fn section_links(text: &str) -> Vec<SectionLink> {
    const PREFIXES: [&str; 6] = [
        "https://www.rfc-editor.org/rfc/",
        "https://rfc-editor.org/rfc/",
        "https://datatracker.ietf.org/doc/html/",
        "https://datatracker.ietf.org/doc/",
        "https://tools.ietf.org/html/",
        "https://www.ietf.org/rfc/",
    ];
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let scheme_start = text[..from + found]
            .rfind(|c: char| !c.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        from += found + 3;
        let rest = &text[scheme_start..];
        let rest_https;
        let candidate = if let Some(r) = rest.strip_prefix("http://") {
            rest_https = format!("https://{r}");
            rest_https.as_str()
        } else {
            rest
        };
        let shift = rest.len() as isize - candidate.len() as isize;
        let Some(prefix) = PREFIXES.iter().find(|p| candidate.starts_with(**p)) else {
            continue;
        };
        let after = &candidate[prefix.len()..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let doc = if let Some(n) = name.strip_prefix("rfc") {
            match n.parse::<u32>() {
                Ok(number) if number > 0 && !n.starts_with('0') => DocId::Rfc(number),
                _ => continue,
            }
        } else if name.starts_with("draft-") {
            DocId::Draft(name.to_owned())
        } else {
            continue;
        };
        let mut tail = &after[name_len..];
        for ext in [".html", ".txt"] {
            tail = tail.strip_prefix(ext).unwrap_or(tail);
        }
        let Some(fragment) = tail.strip_prefix('#') else {
            continue;
        };
        let Some(number) = fragment
            .strip_prefix("section-")
            .or_else(|| fragment.strip_prefix("appendix-"))
        else {
            continue;
        };
        let number_len = number
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(number.len());
        let section = number[..number_len].trim_end_matches('.');
        if section.is_empty() {
            continue;
        }
        let end_in_candidate = candidate.len() - number.len() + section.len();
        out.push(SectionLink {
            start: scheme_start,
            len: (end_in_candidate as isize + shift) as usize,
            doc,
            section: section.to_owned(),
        });
    }
    out
}

/// The label of a Markdown link whose destination starts at `start`: `[label](` right before
/// it. Returns the label's offset and text.
pub(super) fn link_label(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = text[..start]
        .strip_suffix("](")
        .or_else(|| text[..start].strip_suffix("](<"))?;
    let mut depth = 0usize;
    for (i, c) in before.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => return Some((i, &before[i + 1..])),
            '[' => depth -= 1,
            '\n' if before[i..].starts_with("\n\n") => return None,
            _ => {}
        }
    }
    None
}

/// The RFC numbers and section numbers a link label names (`RFC 9110 §15.5.5`, `Appendix B`).
pub(super) fn label_citations(label: &str) -> (Vec<String>, Vec<String>) {
    let mut rfcs = Vec::new();
    let mut sections = Vec::new();
    let words: Vec<&str> = label
        .split(|c: char| c.is_whitespace() || c == ',')
        .collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let number = |s: &str| {
            s.trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
                .to_owned()
        };
        if let Some(n) = w.strip_prefix("RFC") {
            let n = if n.is_empty() { next } else { n };
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                rfcs.push(digits);
            }
        } else if let Some(n) = w.strip_prefix('§') {
            let n = if n.is_empty() { next } else { n };
            let n = number(n.trim_start_matches('§'));
            if crate::spec::is_section_number(&n) {
                sections.push(n);
            }
        } else if *w == "Appendix" || *w == "Section" {
            let n = number(next);
            if crate::spec::is_section_number(&n) {
                sections.push(n);
            }
        }
    }
    (rfcs, sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_section_links_in_every_form() {
        let text = "See [§15.5.5](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5), \
            <https://www.rfc-editor.org/rfc/rfc9110.html#section-8.8.3.>, \
            https://datatracker.ietf.org/doc/html/rfc7231#appendix-B and \
            http://tools.ietf.org/html/rfc2616#section-10.4.5; \
            https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-resumable-upload-05#section-4.1 \
            but not https://www.rfc-editor.org/rfc/rfc9457 or https://example.org/rfc/rfc1#section-1.";
        let links = section_links(text);
        let found: Vec<(String, &str, &str)> = links
            .iter()
            .map(|l| {
                (
                    l.doc.to_string(),
                    l.section.as_str(),
                    &text[l.start..l.start + l.len],
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "RFC 9110".into(),
                    "15.5.5",
                    "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"
                ),
                (
                    "RFC 9110".into(),
                    "8.8.3",
                    "https://www.rfc-editor.org/rfc/rfc9110.html#section-8.8.3"
                ),
                (
                    "RFC 7231".into(),
                    "B",
                    "https://datatracker.ietf.org/doc/html/rfc7231#appendix-B"
                ),
                (
                    "RFC 2616".into(),
                    "10.4.5",
                    "http://tools.ietf.org/html/rfc2616#section-10.4.5"
                ),
                (
                    "draft-ietf-httpbis-resumable-upload-05".into(),
                    "4.1",
                    "https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-resumable-upload-05#section-4.1"
                ),
            ]
        );
    }

    #[test]
    fn link_labels_name_what_they_cite() {
        let text = "See [RFC 9110 §15.5.5](https://x) and [§ 3.1,](https://y), [Appendix B](https://z), [plain [nested]](https://w).";
        let label = |url: &str| link_label(text, text.find(url).unwrap()).map(|(_, l)| l);
        assert_eq!(label("https://x"), Some("RFC 9110 §15.5.5"));
        assert_eq!(
            label_citations("RFC 9110 §15.5.5"),
            (vec!["9110".into()], vec!["15.5.5".into()])
        );
        assert_eq!(label_citations("§ 3.1,"), (vec![], vec!["3.1".into()]));
        assert_eq!(label_citations("Appendix B"), (vec![], vec!["B".into()]));
        assert_eq!(label("https://w"), Some("plain [nested]"));
        assert_eq!(
            label_citations("RFC9457 and RFC 6750"),
            (vec!["9457".into(), "6750".into()], vec![])
        );
    }
}
