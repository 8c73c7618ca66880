//! The plain-text RFC format (and the IETF's HTML rendering of it) to numbered sections.

use super::*;
use crate::html_text;

/// Parses the plain-text RFC format into its numbered sections.
///
/// Section headings start in the first column (`15.5.5.  404 Not Found`, `10.4.5 404 Not Found`,
/// `Appendix A.  Collected ABNF`, `A.1.  Changes`); the table of contents is indented and so is
/// never taken for a heading. A candidate counts only if it continues the numbering (the next
/// sibling, the first child, or the next section of an ancestor), which filters out stray lines
/// that happen to start with a number.
pub fn parse_text(text: &str) -> Result<Parsed, SourceError> {
    let mut doc = None;
    let mut sections: Vec<Section> = Vec::new();
    // The line of each heading, and of the first line after it.
    let mut at: Vec<(usize, usize)> = Vec::new();
    let mut prev: Vec<String> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for line in &lines {
        if doc.is_none()
            && let Some(rest) = line.strip_prefix("Request for Comments:")
        {
            doc = rest
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .map(DocId::Rfc);
        }
    }
    let contents = toc_numbers(text);
    let toc_title = |number: &str| {
        contents
            .iter()
            .find(|(n, _)| n == number)
            .map(|(_, t)| t.to_lowercase())
    };

    for (i, line) in lines.iter().enumerate() {
        // A few RFCs indent a heading by mistake (RFC 2518 §8.6.1): after the first heading,
        // an indented line counts if the table of contents lists its (dotted) number.
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 0 && (indent > 4 || sections.is_empty()) {
            continue;
        }
        let Some((number, mut title)) = text_heading(line.trim_start()) else {
            continue;
        };
        let listed = toc_title(&number);
        let mut wrapped = 0;
        // Numbered list items are indented too, but never carry a dotted number.
        if indent > 0 && (!number.contains('.') || listed.is_none()) {
            continue;
        }
        // Where the contents give the title, a heading must agree with it, so a line of prose
        // that happens to start with the next number is not taken for it (RFC 2774 §5.1).
        if let Some(listed) = &listed {
            let lower = title.to_lowercase();
            if !(listed.starts_with(&lower) || lower.starts_with(listed.as_str())) {
                continue;
            }
            // A long heading wraps onto the next line (RFC 5842 §2.3.3).
            if let Some(next) = lines.get(i + 1).map(|l| l.trim())
                && !next.is_empty()
                && listed.len() > lower.len()
                && listed.starts_with(&format!("{lower} {}", next.to_lowercase()))
            {
                title = format!("{title} {next}");
                wrapped = 1;
            }
        }
        let parts: Vec<String> = number.split('.').map(str::to_owned).collect();
        if !continues(&prev, &parts) {
            continue;
        }
        prev = parts;
        at.push((i, i + 1 + wrapped));
        sections.push(Section { number, title });
    }
    if sections.is_empty() {
        return Err("no section headings found: is this an RFC in plain text?".into());
    }
    // The table of contents is a second witness: every section it lists must have been found
    // as a heading, and no heading may be missing from it.
    if !contents.is_empty() {
        let found: std::collections::BTreeSet<&str> =
            sections.iter().map(|s| s.number.as_str()).collect();
        let listed: std::collections::BTreeSet<&str> =
            contents.iter().map(|(n, _)| n.as_str()).collect();
        let missing: Vec<&str> = listed.difference(&found).copied().collect();
        // Contents often leave out the subsections of some sections (RFC 2616 lists three
        // levels, RFC 4918 none under §15); a heading is expected there only when its
        // siblings are listed.
        let parent = |n: &str| n.rsplit_once('.').map_or("", |(p, _)| p).to_owned();
        let listed_parents: std::collections::BTreeSet<String> =
            listed.iter().map(|n| parent(n)).collect();
        let unlisted: Vec<&str> = found
            .difference(&listed)
            .copied()
            .filter(|n| listed_parents.contains(&parent(n)))
            .collect();
        if !missing.is_empty() || !unlisted.is_empty() {
            return Err(format!(
                "the headings and the table of contents disagree: listed but not found as headings: [{}]; headings not listed: [{}]",
                missing.join(", "),
                unlisted.join(", ")
            )
            .into());
        }
    }
    let requirements = (sections.iter().enumerate())
        .flat_map(|(k, s)| {
            let end = at.get(k + 1).map_or(lines.len(), |next| next.0);
            let body = without_page_breaks(lines.get(at[k].1..end).unwrap_or_default());
            keywords::requirements(&s.number, &body)
        })
        .collect();
    Ok(Parsed {
        doc,
        title: text_title(text),
        sections,
        requirements,
    })
}

/// The lines of a section without the page footers and headers of the text format
/// (`Fielding, et al.   Standards Track   [Page 5]`, a form feed, `RFC 2616   HTTP/1.1   June 1999`)
/// and the blank lines around them, so a paragraph split by a page break is whole again.
fn without_page_breaks(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut after_break = false;
    for line in lines {
        let t = line.trim();
        let footer = t.ends_with(']') && t.contains("[Page ");
        let header = line.starts_with('\u{c}') || (after_break && t.starts_with("RFC "));
        if footer || header {
            while out.last().is_some_and(|l| l.trim().is_empty()) {
                out.pop();
            }
            after_break = true;
            continue;
        }
        if after_break && t.is_empty() {
            continue;
        }
        after_break = false;
        out.push(line);
    }
    out.join("\n")
}

/// The title of a text RFC: the centred line (or lines) after the header block, before
/// "Status of this Memo" or "Abstract".
fn text_title(text: &str) -> Option<String> {
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with("Request for Comments:"));
    // The rest of the header block, then blank lines.
    lines
        .by_ref()
        .take_while(|l| !l.trim().is_empty())
        .for_each(drop);
    let mut title = Vec::new();
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            if title.is_empty() {
                continue;
            }
            break;
        }
        if !line.starts_with(' ') {
            break;
        }
        title.push(t);
    }
    (!title.is_empty()).then(|| title.join(" "))
}

/// Section numbers listed in the table of contents: the indented lines with a dot leader and a
/// page number between the "Table of Contents" line and the first heading.
fn toc_numbers(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut lines = text.lines();
    if !lines.any(|l| matches!(l.trim(), "Table of Contents" | "Contents")) {
        return out;
    }
    let push = |number: String, title: &str, out: &mut Vec<(String, String)>| {
        let title = title
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches(['.', ' ']);
        if !out.iter().any(|(n, _)| *n == number) {
            out.push((number, collapse(title)));
        }
    };
    // A long title wraps, and its dot leader and page number are on the last of its lines.
    let mut pending: Option<(String, String)> = None;
    for line in lines {
        if !line.starts_with(' ') {
            if text_heading(line).is_some() {
                break;
            }
            continue;
        }
        let t = line.trim();
        let has_leader = t
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end()
            .ends_with('.');
        let t = t.strip_prefix("Appendix ").unwrap_or(t);
        let numbered = t
            .split_once(char::is_whitespace)
            .map(|(n, rest)| (n.trim_end_matches(['.', ':']), rest.trim()))
            .filter(|(n, _)| is_section_number(n));
        match numbered {
            Some((n, rest)) if has_leader => {
                pending = None;
                push(n.to_owned(), rest, &mut out);
            }
            Some((n, rest)) => pending = Some((n.to_owned(), rest.to_owned())),
            None if has_leader => {
                if let Some((n, start)) = pending.take() {
                    push(n, &format!("{start} {t}"), &mut out);
                }
            }
            None => {
                if let Some((_, start)) = pending.as_mut() {
                    start.push(' ');
                    start.push_str(t);
                }
            }
        }
    }
    out
}

/// A heading line in the text format: its number and title.
fn text_heading(line: &str) -> Option<(String, String)> {
    let line = line.trim_end();
    let (number, rest) = match line.strip_prefix("Appendix ") {
        Some(rest) => rest.split_once(char::is_whitespace)?,
        None => line.split_once(char::is_whitespace)?,
    };
    let number = number.trim_end_matches(['.', ':']);
    if !is_section_number(number) {
        return None;
    }
    let title = rest.trim();
    // A table-of-contents line has a dot leader and a page number; a heading has neither.
    if title.is_empty() || title.contains("....") {
        return None;
    }
    Some((number.to_owned(), collapse(title)))
}

/// Whether `next` may follow `prev` in a document's numbering.
fn continues(prev: &[String], next: &[String]) -> bool {
    fn succ(s: &str) -> Option<String> {
        if let Ok(n) = s.parse::<u32>() {
            return Some((n + 1).to_string());
        }
        let c = s.chars().next()?;
        (s.len() == 1 && c.is_ascii_uppercase() && c != 'Z')
            .then(|| ((c as u8 + 1) as char).to_string())
    }
    // A section may open with a subsection directly (RFC 2616 goes from 13 to 13.1.1), so any
    // components after the one that advanced must each be 1.
    let ones_after = |k: usize| next[k..].iter().all(|p| p == "1");
    if prev.is_empty() {
        return next.first().is_some_and(|p| p == "1") && ones_after(1);
    }
    // The first appendix follows any numbered section.
    if next.first().is_some_and(|p| p == "A") && prev[0].parse::<u32>().is_ok() {
        return ones_after(1);
    }
    if next.len() > prev.len() && next[..prev.len()] == *prev && ones_after(prev.len()) {
        return true;
    }
    (1..=prev.len().min(next.len())).any(|k| {
        next[..k - 1] == prev[..k - 1]
            && succ(&prev[k - 1]).as_deref() == Some(next[k - 1].as_str())
            && ones_after(k)
    })
}

/// The text of an rfcmarkup page: the `<pre>` text with the markup removed.
pub(super) fn html_to_text(html: &str) -> String {
    let body = html.find("<pre").map_or(html, |i| &html[i..]);
    html_text::plain_text(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_continues_only_in_order() {
        let v = |s: &str| s.split('.').map(str::to_owned).collect::<Vec<_>>();
        assert!(continues(&[], &v("1")));
        assert!(continues(&v("1"), &v("1.1")));
        assert!(continues(&v("1.1"), &v("1.2")));
        assert!(continues(&v("1.2.3"), &v("2")));
        assert!(continues(&v("9.10"), &v("9.11")));
        assert!(continues(&v("11.2"), &v("A")));
        assert!(continues(&v("A.2"), &v("B")));
        assert!(continues(&v("13"), &v("13.1.1")));
        assert!(!continues(&v("13"), &v("13.2.1")));
        assert!(!continues(&v("1.1"), &v("3")));
        assert!(!continues(&v("2"), &v("2.2")));
        assert!(!continues(&[], &v("2")));
    }
}
