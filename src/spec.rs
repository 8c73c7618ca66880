//! Section indexes of the specifications the content cites: `content/specs/rfcN.tsv` (and
//! `draft-NAME.tsv` for Internet-Drafts), one line per section, `number<TAB>title`.
//!
//! An index is never written by hand. `httpref spec import FILE [--rfc N] [--source URL]` reads
//! the document's own published source, either RFC XML (xml2rfc v2, v3, or the RFC Editor's
//! prepped v3 with `pn` attributes) or the plain-text RFC format, and writes the index with a
//! header saying where it came from: the source, the input's SHA-256 and the command.
//! `httpref check` then holds every citation to the indexes (see `load::citations`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use sha2::{Digest, Sha256};

/// Where indexes live, relative to the site root.
pub const SPECS_DIR: &str = "content/specs";

/// A document that can be cited: an RFC by number or an Internet-Draft by name (with revision).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocId {
    Rfc(u32),
    Draft(String),
}

impl DocId {
    /// The index's file name under `content/specs/`.
    pub fn file_name(&self) -> String {
        match self {
            DocId::Rfc(n) => format!("rfc{n}.tsv"),
            DocId::Draft(name) => format!("{name}.tsv"),
        }
    }

    /// Reads a file name back (`rfc9110.tsv`, `draft-ietf-httpbis-x-05.tsv`).
    pub fn from_file_name(name: &str) -> Option<DocId> {
        let stem = name.strip_suffix(".tsv")?;
        if let Some(n) = stem.strip_prefix("rfc") {
            return n
                .parse()
                .ok()
                .filter(|_| n.chars().all(|c| c.is_ascii_digit()))
                .map(DocId::Rfc);
        }
        (stem.starts_with("draft-")
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .then(|| DocId::Draft(stem.to_owned()))
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocId::Rfc(n) => write!(f, "RFC {n}"),
            DocId::Draft(name) => f.write_str(name),
        }
    }
}

/// One section: its number as printed (`15.5.5`, `A`, `B.2`) and its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub number: String,
    pub title: String,
}

/// The sections of one document, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpecIndex {
    /// The document's own title, from the index's first line, where the source gave one.
    pub title: Option<String>,
    pub sections: Vec<Section>,
    by_number: BTreeMap<String, usize>,
}

impl SpecIndex {
    pub fn new(sections: Vec<Section>) -> SpecIndex {
        let by_number = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.number.clone(), i))
            .collect();
        SpecIndex {
            title: None,
            sections,
            by_number,
        }
    }

    /// The title of section `number` (`A.1` and `a.1` are the same appendix).
    pub fn title(&self, number: &str) -> Option<&str> {
        self.by_number
            .get(&canonical_number(number))
            .map(|i| self.sections[*i].title.as_str())
    }

    /// Sections whose title is `title` (compared as [`same_title`] does).
    pub fn find_title(&self, title: &str) -> impl Iterator<Item = &Section> {
        self.sections
            .iter()
            .filter(move |s| same_title(&s.title, title))
    }

    /// Reads an index file: `#` comment lines, then `number<TAB>title` lines.
    pub fn parse(text: &str) -> Result<SpecIndex, (usize, String)> {
        let mut sections = Vec::new();
        let mut seen = BTreeMap::new();
        let mut title = None;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if n == 1
                && let Some(rest) = line.strip_prefix("# Section index of ")
            {
                title = rest.split_once(": ").map(|(_, t)| t.to_owned());
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((number, title)) = line.split_once('\t') else {
                return Err((n, "expected `number<TAB>title`".into()));
            };
            if !is_section_number(number) {
                return Err((n, format!("`{number}` is not a section number")));
            }
            if title.trim().is_empty() {
                return Err((n, format!("section {number} has no title")));
            }
            if let Some(first) = seen.insert(number.to_owned(), n) {
                return Err((
                    n,
                    format!("section {number} is listed twice (first on line {first})"),
                ));
            }
            sections.push(Section {
                number: number.to_owned(),
                title: title.to_owned(),
            });
        }
        if sections.is_empty() {
            return Err((1, "the index lists no sections".into()));
        }
        Ok(SpecIndex {
            title,
            ..SpecIndex::new(sections)
        })
    }
}

/// Whether two titles are the same, ignoring differences in white space only.
pub fn same_title(a: &str, b: &str) -> bool {
    collapse(a) == collapse(b)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `a.1` → `A.1`: appendix letters are upper case in every index.
fn canonical_number(number: &str) -> String {
    match number.split_once('.') {
        Some((first, rest)) if first.len() == 1 => format!("{}.{rest}", first.to_uppercase()),
        None if number.len() == 1 => number.to_uppercase(),
        _ => number.to_owned(),
    }
}

/// `15.5.5`, `A`, `B.2`: numbers, or an appendix letter first, joined by dots.
pub fn is_section_number(s: &str) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or("");
    let first_ok = (first.len() == 1 && first.chars().all(|c| c.is_ascii_uppercase()))
        || (!first.is_empty() && first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()));
    first_ok
        && parts.all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// What an import read: the document, its title, and its sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub doc: Option<DocId>,
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

/// Parses RFC XML (v2 or v3, prepped or not) into its numbered sections, in document order.
///
/// Section numbers are taken from the `pn` attributes of prepped XML; otherwise they are counted
/// the way xml2rfc does: `<middle>` sections from 1, then the references (several top-level
/// `<references>` become subsections of one "References" section), then `<back>` sections as
/// appendices A, B, ... Unnumbered sections (`numbered="false"`) and `<front>` are left out.
pub fn parse_xml(text: &str) -> Result<Parsed, String> {
    #[derive(Default)]
    struct Node {
        title: Option<String>,
        pn: Option<String>,
        numbered: bool,
        references: bool,
        children: Vec<Node>,
    }
    let mut reader = Reader::from_str(text);
    let mut entities: BTreeMap<String, String> = BTreeMap::new();
    let mut region: Option<&'static str> = None;
    let mut middle: Vec<Node> = Vec::new();
    let mut back: Vec<Node> = Vec::new();
    let mut open: Vec<Node> = Vec::new();
    // Depth of elements inside the innermost open section, to find its own `<name>`.
    let mut depth_in_section = 0usize;
    let mut name_text: Option<String> = None;
    let mut doc = None;
    let mut doc_title: Option<String> = None;
    let mut title_text: Option<String> = None;
    let mut in_front = false;

    let node_from = |e: &quick_xml::events::BytesStart, entities: &BTreeMap<String, String>| {
        let mut node = Node {
            numbered: true,
            references: e.local_name().as_ref() == "references",
            ..Node::default()
        };
        for attr in e.attributes().flatten() {
            let value = attr
                .normalized_value_with(XmlVersion::Implicit1_0, 16, |name| {
                    predefined(name).or_else(|| entities.get(name).map(String::as_str))
                })
                .map(|v| v.into_owned())
                .unwrap_or_default();
            match attr.key.local_name().as_ref() {
                "title" => node.title = Some(collapse(&value)),
                "pn" => node.pn = Some(value),
                "numbered" => node.numbered = !matches!(value.as_str(), "false" | "no"),
                _ => {}
            }
        }
        node
    };
    let attach =
        |node: Node, open: &mut Vec<Node>, region, middle: &mut Vec<Node>, back: &mut Vec<Node>| {
            if let Some(parent) = open.last_mut() {
                parent.children.push(node);
            } else if region == Some("middle") {
                middle.push(node);
            } else {
                back.push(node);
            }
        };

    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("XML error at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Eof => break,
            Event::DocType(e) => {
                let dtd = e.xml_content(XmlVersion::Implicit1_0).into_owned();
                entities = internal_entities(&dtd);
            }
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_owned();
                match name.as_str() {
                    "rfc" => {
                        for attr in e.attributes().flatten() {
                            let value = attr.value.clone().into_owned();
                            match attr.key.local_name().as_ref() {
                                "number" => {
                                    doc = value.parse().ok().map(DocId::Rfc).or(doc);
                                }
                                "docName" if doc.is_none() => doc = Some(DocId::Draft(value)),
                                _ => {}
                            }
                        }
                    }
                    "front" => in_front = true,
                    "title" if in_front && doc_title.is_none() && open.is_empty() => {
                        title_text = Some(String::new())
                    }
                    "middle" => region = Some("middle"),
                    "back" => region = Some("back"),
                    "section" | "references" if region.is_some() => {
                        open.push(node_from(&e, &entities));
                        depth_in_section = 0;
                    }
                    "name" if !open.is_empty() && depth_in_section == 0 => {
                        name_text = Some(String::new());
                        depth_in_section += 1;
                    }
                    _ if !open.is_empty() => depth_in_section += 1,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                if (name == "section" || name == "references") && region.is_some() {
                    let node = node_from(&e, &entities);
                    attach(node, &mut open, region, &mut middle, &mut back);
                } else if name == "rfc" {
                    return Err("the <rfc> element is empty".into());
                }
            }
            Event::End(e) => {
                let name = e.local_name().as_ref().to_owned();
                match name.as_str() {
                    "front" => in_front = false,
                    "title" if title_text.is_some() => {
                        doc_title = title_text.take().map(|t| collapse(&t));
                    }
                    "middle" | "back" => region = None,
                    "section" | "references" if !open.is_empty() && depth_in_section == 0 => {
                        let node = open.pop().expect("an open section");
                        attach(
                            node,
                            &mut open,
                            region.or(Some("back")),
                            &mut middle,
                            &mut back,
                        );
                    }
                    _ if !open.is_empty() => {
                        depth_in_section = depth_in_section.saturating_sub(1);
                        if depth_in_section == 0
                            && name == "name"
                            && let Some(text) = name_text.take()
                            && let Some(node) = open.last_mut()
                        {
                            node.title = Some(collapse(&text));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(e) => {
                let t = e.xml_content(XmlVersion::Implicit1_0);
                if let Some(buf) = name_text.as_mut() {
                    buf.push_str(&t);
                }
                if let Some(buf) = title_text.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::CData(e) => {
                let t = e.xml_content(XmlVersion::Implicit1_0).into_owned();
                if let Some(buf) = name_text.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::GeneralRef(e) => {
                let resolved = if e.is_char_ref() {
                    e.resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default()
                } else {
                    let name: String = AsRef::<str>::as_ref(&e).to_owned();
                    predefined(&name)
                        .map(str::to_owned)
                        .or_else(|| entities.get(&name).cloned())
                        .unwrap_or_default()
                };
                if let Some(buf) = name_text.as_mut() {
                    buf.push_str(&resolved);
                }
                if let Some(buf) = title_text.as_mut() {
                    buf.push_str(&resolved);
                }
            }
            _ => {}
        }
    }

    // Number the tree.
    fn walk(nodes: &[Node], prefix: &str, out: &mut Vec<Section>) -> Result<(), String> {
        let mut n = 0;
        for node in nodes {
            if !node.numbered {
                continue;
            }
            n += 1;
            let number = match node.pn.as_deref().and_then(pn_number) {
                Some(pn) => pn,
                None if prefix.is_empty() => n.to_string(),
                None => format!("{prefix}.{n}"),
            };
            push(node, number, out)?;
        }
        Ok(())
    }
    fn push(node: &Node, number: String, out: &mut Vec<Section>) -> Result<(), String> {
        let title = match (&node.title, node.references) {
            (Some(t), _) if !t.is_empty() => t.clone(),
            (_, true) => "References".to_owned(),
            _ => return Err(format!("section {number} has no title")),
        };
        out.push(Section {
            number: number.clone(),
            title,
        });
        walk(&node.children, &number, out)
    }
    fn pn_number(pn: &str) -> Option<String> {
        let rest = pn.strip_prefix("section-")?;
        if let Some(letter) = rest.strip_prefix("appendix.") {
            return Some(letter.to_uppercase());
        }
        let number = canonical_number(rest);
        is_section_number(&number).then_some(number)
    }

    let mut sections = Vec::new();
    walk(&middle, "", &mut sections)?;
    let mut next = middle.iter().filter(|n| n.numbered).count();
    let refs: Vec<&Node> = back.iter().filter(|n| n.references).collect();
    if refs.len() == 1 {
        next += 1;
        let number = refs[0]
            .pn
            .as_deref()
            .and_then(pn_number)
            .unwrap_or(next.to_string());
        push(refs[0], number, &mut sections)?;
    } else if refs.len() > 1 {
        next += 1;
        let number = next.to_string();
        sections.push(Section {
            number: number.clone(),
            title: "References".into(),
        });
        for (i, r) in refs.iter().enumerate() {
            let sub =
                r.pn.as_deref()
                    .and_then(pn_number)
                    .unwrap_or(format!("{number}.{}", i + 1));
            push(r, sub, &mut sections)?;
        }
    }
    let mut letter = b'A';
    for node in back.iter().filter(|n| !n.references && n.numbered) {
        let number = node
            .pn
            .as_deref()
            .and_then(pn_number)
            .unwrap_or_else(|| (letter as char).to_string());
        letter = letter.saturating_add(1);
        push(node, number, &mut sections)?;
    }
    if sections.is_empty() {
        return Err("no numbered sections found: is this RFC XML?".into());
    }
    Ok(Parsed {
        doc,
        title: doc_title,
        sections,
    })
}

/// XML's five predefined entities.
fn predefined(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        _ => return None,
    })
}

/// The internal entities a DOCTYPE declares (`<!ENTITY name "value">`), with markup removed
/// from their values; external entities (`SYSTEM`) are left out.
fn internal_entities(dtd: &str) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let mut rest = dtd;
    while let Some(at) = rest.find("<!ENTITY") {
        rest = &rest[at + "<!ENTITY".len()..];
        let mut words = rest.trim_start().splitn(2, char::is_whitespace);
        let (Some(name), Some(after)) = (words.next(), words.next()) else {
            break;
        };
        let after = after.trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let Some(end) = after[1..].find(quote) else {
            break;
        };
        let raw = &after[1..1 + end];
        let value = resolve_char_refs(&strip_tags(raw));
        map.insert(name.to_owned(), value);
    }
    map
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn resolve_char_refs(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find(';') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let code = &after[..end];
        let c = match code.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => code.parse().ok(),
        }
        .and_then(char::from_u32);
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[at..at + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Parses the plain-text RFC format into its numbered sections.
///
/// Section headings start in the first column (`15.5.5.  404 Not Found`, `10.4.5 404 Not Found`,
/// `Appendix A.  Collected ABNF`, `A.1.  Changes`); the table of contents is indented and so is
/// never taken for a heading. A candidate counts only if it continues the numbering (the next
/// sibling, the first child, or the next section of an ancestor), which filters out stray lines
/// that happen to start with a number.
pub fn parse_text(text: &str) -> Result<Parsed, String> {
    let mut doc = None;
    let mut sections: Vec<Section> = Vec::new();
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
            }
        }
        let parts: Vec<String> = number.split('.').map(str::to_owned).collect();
        if !continues(&prev, &parts) {
            continue;
        }
        prev = parts;
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
            ));
        }
    }
    Ok(Parsed {
        doc,
        title: text_title(text),
        sections,
    })
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

/// Parses a kramdown-rfc Markdown source (how the HTTP working group writes its drafts) into
/// its numbered sections: `#` headings after `--- middle` are counted from 1, then the
/// references xml2rfc adds ("References" with "Normative" and "Informative" subsections when the
/// draft has both), then the headings after `--- back` as appendices A, B, ... A heading
/// followed by `{:numbered="false"}` is left out with its subsections.
pub fn parse_kramdown(text: &str) -> Result<Parsed, String> {
    let mut title = None;
    let mut docname = None;
    let (mut normative, mut informative) = (false, false);
    let mut region = "front";
    let mut in_fence: Option<String> = None;
    // Headings as (region, level, title, numbered).
    let mut headings: Vec<(&'static str, usize, String, bool)> = Vec::new();
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
        headings.push((region, level, collapse(&heading.replace('`', "")), numbered));
    }
    if region == "front" {
        return Err("no `--- middle` line: is this a kramdown-rfc draft?".into());
    }
    let mut sections = Vec::new();
    type Heading<'a> = (&'a str, usize, String, bool);
    fn number_sections(headings: &[Heading<'_>], region: &str, sections: &mut Vec<Section>) {
        // An unnumbered heading hides everything below it.
        let mut counters: Vec<u32> = Vec::new();
        let mut skip_below: Option<usize> = None;
        for (_, level, title, numbered) in headings.iter().filter(|h| h.0 == region) {
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
            sections.push(Section {
                number: parts.join("."),
                title: title.clone(),
            });
        }
    }
    number_sections(&headings, "middle", &mut sections);
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
    number_sections(&headings, "back", &mut sections);
    if sections.is_empty() {
        return Err("no numbered headings found".into());
    }
    Ok(Parsed {
        doc: docname
            .filter(|d| !d.ends_with("-latest"))
            .map(DocId::Draft),
        title,
        sections,
    })
}

/// Reads a document source: the IETF's HTML rendering of a text RFC (rfcmarkup, as served by
/// tools.ietf.org and the datatracker), RFC XML, or the text format.
pub fn parse_source(text: &str) -> Result<Parsed, String> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let lower = start.get(..200).unwrap_or(start).to_ascii_lowercase();
    if start.starts_with("---") && text.contains("\n--- middle") {
        parse_kramdown(text)
    } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        if !text.contains("rfcmarkup") {
            return Err("this HTML is not the IETF's rendering of a text RFC (rfcmarkup); use the RFC's XML or text".into());
        }
        parse_text(&html_to_text(text))
    } else if start.starts_with("<?xml")
        || start.starts_with("<rfc")
        || start.starts_with("<!DOCTYPE")
    {
        parse_xml(text)
    } else {
        parse_text(text)
    }
}

/// The text of an rfcmarkup page: the `<pre>` text with the markup removed.
fn html_to_text(html: &str) -> String {
    let body = html.find("<pre").map_or(html, |i| &html[i..]);
    let text = strip_tags(body);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after.find(';').filter(|e| *e <= 8);
        let decoded = end.and_then(|e| match &after[..e] {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Writes an index file: a header that says where it came from, then one line per section.
pub fn to_tsv(
    doc: &DocId,
    parsed: &Parsed,
    input_name: &str,
    sha256: &str,
    source: &str,
) -> String {
    let mut out = String::new();
    let title = parsed
        .title
        .as_deref()
        .map(|t| format!(": {t}"))
        .unwrap_or_default();
    let _ = writeln!(out, "# Section index of {doc}{title}");
    let _ = writeln!(
        out,
        "# Generated by `httpref spec import` from the document's own source; do not edit by hand."
    );
    let _ = writeln!(out, "# source: {source}");
    let _ = writeln!(out, "# input: {input_name}");
    let _ = writeln!(out, "# sha256: {sha256}");
    let _ = writeln!(out, "# sections: {}", parsed.sections.len());
    for s in &parsed.sections {
        let _ = writeln!(out, "{}\t{}", s.number, s.title);
    }
    out
}

/// `draft-ietf-httpbis-example-05`: a draft name ending in its two-digit revision.
fn is_draft_name(name: &str) -> bool {
    DocId::from_file_name(&format!("{name}.tsv")) == Some(DocId::Draft(name.to_owned()))
        && name
            .rsplit('-')
            .next()
            .is_some_and(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_digit()))
}

/// What `spec import` did.
#[derive(Debug)]
pub struct ImportReport {
    pub doc: DocId,
    pub path: std::path::PathBuf,
    pub sections: usize,
    /// Sections added, removed or retitled compared with the index it replaced.
    pub changes: Vec<String>,
}

/// `httpref spec import FILE [--rfc N] [--source URL]`: parses the document's source and writes
/// (or replaces) its index under `content/specs/`.
pub fn import(
    root: &Path,
    file: &Path,
    rfc: Option<u32>,
    draft: Option<&str>,
    source: Option<&str>,
) -> Result<ImportReport, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| format!("{}: not UTF-8 text", file.display()))?;
    let parsed = parse_source(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    if let Some(name) = draft
        && !is_draft_name(name)
    {
        return Err(format!(
            "`{name}` is not an Internet-Draft name with its revision (draft-ietf-httpbis-example-05)"
        ));
    }
    let doc = match (rfc, &parsed.doc) {
        (Some(_), _) if draft.is_some() => return Err("give --rfc or --draft, not both".into()),
        (None, _) if draft.is_some() => DocId::Draft(draft.unwrap_or_default().to_owned()),
        (Some(n), Some(DocId::Rfc(found))) if n != *found => {
            return Err(format!(
                "{}: this is RFC {found}, not RFC {n}",
                file.display()
            ));
        }
        (Some(n), _) => DocId::Rfc(n),
        (None, Some(doc)) => doc.clone(),
        (None, None) => {
            return Err(format!(
                "{}: cannot tell which document this is; pass --rfc N or --draft NAME-NN",
                file.display()
            ));
        }
    };
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let input_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = source.unwrap_or("(not given: pass --source with the URL the file came from)");
    let dir = root.join(SPECS_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(doc.file_name());
    let old = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| SpecIndex::parse(&t).ok())
        .unwrap_or_default();
    let new = SpecIndex::new(parsed.sections.clone());
    std::fs::write(&path, to_tsv(&doc, &parsed, &input_name, &sha256, source))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(ImportReport {
        changes: changes(&old, &new),
        sections: new.sections.len(),
        doc,
        path,
    })
}

/// Sections added, removed or retitled between two indexes.
pub fn changes(old: &SpecIndex, new: &SpecIndex) -> Vec<String> {
    if old.sections.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in &new.sections {
        match old.title(&s.number) {
            None => out.push(format!("added §{} {}", s.number, s.title)),
            Some(t) if t != s.title => {
                out.push(format!("retitled §{}: {t} → {}", s.number, s.title))
            }
            _ => {}
        }
    }
    for s in &old.sections {
        if new.title(&s.number).is_none() {
            out.push(format!("removed §{} {}", s.number, s.title));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers() {
        for ok in ["1", "15.5.5", "A", "B.2", "19.10"] {
            assert!(is_section_number(ok), "{ok}");
        }
        for bad in ["", "1.", "AB", "a", "1..2", "15.5.5a", "x.1"] {
            assert!(!is_section_number(bad), "{bad}");
        }
    }

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

    #[test]
    fn index_files_round_trip_and_reject_hand_errors() {
        let parsed = Parsed {
            doc: Some(DocId::Rfc(1)),
            title: Some("T".into()),
            sections: vec![
                Section {
                    number: "1".into(),
                    title: "Introduction".into(),
                },
                Section {
                    number: "A".into(),
                    title: "Changes".into(),
                },
            ],
        };
        let tsv = to_tsv(&DocId::Rfc(1), &parsed, "rfc1.xml", "00", "test");
        let index = SpecIndex::parse(&tsv).unwrap();
        assert_eq!(index.title.as_deref(), Some("T"));
        assert_eq!(index.title("1"), Some("Introduction"));
        assert_eq!(index.title("a"), Some("Changes"));
        assert_eq!(index.title("2"), None);
        assert!(
            SpecIndex::parse("1\tA\n1\tB\n")
                .unwrap_err()
                .1
                .contains("twice")
        );
        assert!(SpecIndex::parse("1 A\n").is_err());
        assert!(SpecIndex::parse("# only comments\n").is_err());
    }

    #[test]
    fn file_names() {
        assert_eq!(DocId::from_file_name("rfc9110.tsv"), Some(DocId::Rfc(9110)));
        assert_eq!(
            DocId::from_file_name("draft-ietf-httpbis-resumable-upload-05.tsv"),
            Some(DocId::Draft(
                "draft-ietf-httpbis-resumable-upload-05".into()
            ))
        );
        assert_eq!(DocId::from_file_name("rfc+1.tsv"), None);
        assert_eq!(DocId::from_file_name("notes.txt"), None);
    }

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/spec-sources")
                .join(name),
        )
        .unwrap()
    }

    fn numbers(p: &Parsed) -> Vec<String> {
        p.sections
            .iter()
            .map(|s| format!("{} {}", s.number, s.title))
            .collect()
    }

    #[test]
    fn xml_v2_counts_sections_references_and_appendices() {
        let p = parse_xml(&fixture("rfc-v2-excerpt.xml")).unwrap();
        assert_eq!(p.doc, Some(DocId::Rfc(6585)));
        assert_eq!(p.title.as_deref(), Some("Additional HTTP Status Codes"));
        assert_eq!(
            numbers(&p),
            [
                "1 Introduction",
                "2 Requirements",
                "3 428 Precondition Required",
                "4 429 Too Many Requests",
                "5 431 Request Header Fields Too Large",
                "6 511 Network Authentication Required",
                "6.1 The 511 Status Code and Captive Portals",
                "7 Security Considerations",
                "7.1 428 Precondition Required",
                "7.2 429 Too Many Requests",
                "7.3 431 Request Header Fields Too Large",
                "7.4 511 Network Authentication Required",
                "8 IANA Considerations",
                "9 References",
                "9.1 Normative References",
                "9.2 Informative References",
                "A Acknowledgements",
                "B Issues Raised by Captive Portals",
            ]
        );
    }

    #[test]
    fn xml_v2_with_entities_and_unnumbered_sections() {
        let p = parse_xml(&fixture("rfc-v2-entities-excerpt.xml")).unwrap();
        assert_eq!(p.doc, Some(DocId::Rfc(7538)));
        let n = numbers(&p);
        assert!(n.contains(&"3 308 Permanent Redirect".to_owned()), "{n:?}");
        assert!(!n.iter().any(|s| s.contains("Acknowledgements")), "{n:?}");
    }

    #[test]
    fn prepped_xml_v3_uses_pn() {
        let p = parse_xml(&fixture("rfc-v3-prepped-excerpt.xml")).unwrap();
        assert_eq!(p.doc, Some(DocId::Rfc(9113)));
        let n = numbers(&p);
        assert_eq!(n[0], "1 Introduction");
        assert!(n.contains(&"2.1 Document Organization".to_owned()), "{n:?}");
        assert!(n.contains(&"12.1 Normative References".to_owned()), "{n:?}");
        assert!(
            n.contains(&"A Prohibited TLS 1.2 Cipher Suites".to_owned()),
            "{n:?}"
        );
        assert!(
            !n.iter().any(|s| s.contains("Status of This Memo")),
            "{n:?}"
        );
        assert!(!n.iter().any(|s| s.contains("Acknowledgments")), "{n:?}");
    }

    #[test]
    fn kramdown_drafts_count_headings_references_and_appendices() {
        let text = fixture("kramdown-draft-excerpt.md");
        let p = parse_kramdown(&text).unwrap();
        assert_eq!(p.title.as_deref(), Some("Resumable Uploads for HTTP"));
        // The source says `-latest`; the revision is given on the command line.
        assert_eq!(p.doc, None);
        let n = numbers(&p);
        for expected in [
            "3.2 Example 2: Upload as a series of parts",
            "9 Media Type application/partial-upload",
            "17.1.1 Upgrading To Resumable Uploads",
            "20 References",
            "20.2 Informative References",
            "A Informational Response",
            "D FAQ",
        ] {
            assert!(n.contains(&expected.to_owned()), "{expected}: {n:?}");
        }
        assert!(
            !n.iter()
                .any(|s| s.contains("Acknowledgments") || s.contains("Since draft"))
        );
        // A `#` line inside a fenced block is not a heading.
        let fenced = text.replacen("# Overview", "~~~\n# Not a heading\n~~~\n\n# Overview", 1);
        assert_eq!(numbers(&parse_kramdown(&fenced).unwrap()), n);
    }

    #[test]
    fn text_headings_skip_the_contents_and_stray_lines() {
        let p = parse_text(&fixture("rfc-text-excerpt.txt")).unwrap();
        assert_eq!(p.doc, Some(DocId::Rfc(2616)));
        assert_eq!(
            p.title.as_deref(),
            Some("Hypertext Transfer Protocol -- HTTP/1.1")
        );
        let n = numbers(&p);
        assert_eq!(
            n,
            [
                "1 Introduction",
                "1.1 Purpose",
                "1.2 Requirements",
                "1.3 Terminology",
                "1.4 Overall Operation",
                "2 Notational Conventions and Generic Grammar",
            ]
        );
        // Prose that starts with the next number in the first column is not a heading when the
        // contents give another title (RFC 2774 has one).
        let stray = fixture("rfc-text-excerpt.txt").replace(
            "\n1.2 Requirements",
            "\n1.2 of this memo, which the key words below are from.\n\n1.2 Requirements",
        );
        assert_eq!(numbers(&parse_text(&stray).unwrap()), n);
        // A heading the contents does not list (or the other way round) is refused.
        let mut text = fixture("rfc-text-excerpt.txt");
        text = text.replace(
            "1.4 Overall Operation",
            "1.4 Overall Operation\n\n1.5 Invented",
        );
        assert!(parse_text(&text).unwrap_err().contains("1.5"));
    }
}
