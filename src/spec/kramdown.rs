//! kramdown-rfc Markdown, the HTTP working group's draft format, to numbered sections.

use super::*;

/// Parses a kramdown-rfc Markdown source (how the HTTP working group writes its drafts) into
/// its numbered sections: `#` headings after `--- middle` are counted from 1, then the
/// references xml2rfc adds ("References" with "Normative" and "Informative" subsections when the
/// draft has both), then the headings after `--- back` as appendices A, B, ... A heading
/// followed by `{:numbered="false"}` is left out with its subsections.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub fn parse_kramdown(text: &str) -> Result<Parsed, SourceError> {
    let mut title = None;
    let mut docname = None;
    let (mut normative, mut informative) = (false, false);
    let mut region = "front";
    let mut in_fence: Option<String> = None;
    // Headings as (region, level, title, numbered, the text under the heading).
    let mut headings: Vec<Heading> = Vec::new();
    let mut lines = text.lines().peekable();
    let mut first = true;
    while let Some(line) = lines.next() {
        if first {
            first = false;
            if line.trim_end() == "---" {
                continue;
            }
        }
        let trimmed = line.trim_end();
        if let Some(fence) = &in_fence {
            if trimmed.trim_start().starts_with(fence.as_str()) {
                in_fence = None;
            }
            continue;
        }
        match trimmed {
            "--- middle" => {
                region = "middle";
                continue;
            }
            "--- back" => {
                region = "back";
                continue;
            }
            _ => {}
        }
        if region == "front" {
            if let Some(v) = trimmed.strip_prefix("title:") {
                title.get_or_insert_with(|| v.trim().trim_matches('"').to_owned());
            } else if let Some(v) = trimmed.strip_prefix("docname:") {
                docname = Some(v.trim().to_owned());
            } else if trimmed.starts_with("normative:") {
                normative = true;
            } else if trimmed.starts_with("informative:") {
                informative = true;
            }
            continue;
        }
        normative |= line.contains("{{!");
        informative |= line.contains("{{?");
        let start = trimmed.trim_start();
        if start.starts_with("```") || start.starts_with("~~~") {
            in_fence = Some(
                start
                    .chars()
                    .take_while(|c| *c == '`' || *c == '~')
                    .collect(),
            );
            continue;
        }
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if level == 0 || level > 6 || !trimmed[level..].starts_with(' ') {
            if let Some(last) = headings.last_mut()
                && !trimmed.starts_with("{:")
            {
                last.4.push_str(&prose(trimmed));
                last.4.push('\n');
            }
            continue;
        }
        let mut heading = trimmed[level..].trim();
        if let Some(at) = heading.rfind(" {#")
            && heading.ends_with('}')
        {
            heading = heading[..at].trim_end();
        }
        let numbered = !lines
            .peek()
            .is_some_and(|next| next.starts_with("{:") && next.contains("numbered=\"false\""));
        headings.push((
            region,
            level,
            collapse(&heading.replace('`', "")),
            numbered,
            String::new(),
        ));
    }
    if region == "front" {
        return Err("no `--- middle` line: is this a kramdown-rfc draft?".into());
    }
    let mut sections = Vec::new();
    let mut requirements = Vec::new();
    fn number_sections(
        headings: &[Heading],
        region: &str,
        sections: &mut Vec<Section>,
        requirements: &mut Vec<Requirement>,
    ) {
        // An unnumbered heading hides everything below it.
        let mut counters: Vec<u32> = Vec::new();
        let mut skip_below: Option<usize> = None;
        for (_, level, title, numbered, body) in headings.iter().filter(|h| h.0 == region) {
            if let Some(l) = skip_below {
                if *level > l {
                    continue;
                }
                skip_below = None;
            }
            if !numbered {
                skip_below = Some(*level);
                continue;
            }
            counters.truncate(*level);
            while counters.len() < *level {
                counters.push(0);
            }
            counters[level - 1] += 1;
            let mut parts: Vec<String> = counters.iter().map(u32::to_string).collect();
            if region == "back" {
                parts[0] = char::from(b'A' + (counters[0] - 1).min(25) as u8).to_string();
            }
            requirements.extend(keywords::requirements(&parts.join("."), body));
            sections.push(Section {
                number: parts.join("."),
                title: title.clone(),
            });
        }
    }
    number_sections(&headings, "middle", &mut sections, &mut requirements);
    let middle_count = headings
        .iter()
        .filter(|h| h.0 == "middle" && h.1 == 1 && h.3)
        .count();
    let refs = (middle_count + 1).to_string();
    match (normative, informative) {
        (true, true) => {
            sections.push(Section {
                number: refs.clone(),
                title: "References".into(),
            });
            sections.push(Section {
                number: format!("{refs}.1"),
                title: "Normative References".into(),
            });
            sections.push(Section {
                number: format!("{refs}.2"),
                title: "Informative References".into(),
            });
        }
        (true, false) => sections.push(Section {
            number: refs,
            title: "Normative References".into(),
        }),
        (false, true) => sections.push(Section {
            number: refs,
            title: "Informative References".into(),
        }),
        (false, false) => {}
    }
    number_sections(&headings, "back", &mut sections, &mut requirements);
    if sections.is_empty() {
        return Err("no numbered headings found".into());
    }
    Ok(Parsed {
        doc: docname
            .filter(|d| !d.ends_with("-latest"))
            .map(DocId::Draft),
        title,
        sections,
        requirements,
    })
}

/// A heading: region, level, title, whether it is numbered, and its text.
type Heading = (&'static str, usize, String, bool, String);

/// A line of kramdown prose as a reader sees it: `{{Section 4 of HTTP}}` and `{{!RFC9110}}` as
/// `Section 4 of HTTP` and `[RFC9110]`, code spans without their backticks.
fn prose(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        let inner = &after[..end];
        match inner.strip_prefix(['!', '?']) {
            Some(name) => out.push_str(&format!("[{name}]")),
            None if inner.contains(' ') => out.push_str(inner),
            None => out.push_str(&format!("[{inner}]")),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out.replace('`', "")
}
