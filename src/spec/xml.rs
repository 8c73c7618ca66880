//! RFC XML (xml2rfc v2, v3, and the RFC Editor's prepped v3) to numbered sections.

use super::*;

/// Parses RFC XML (v2 or v3, prepped or not) into its numbered sections, in document order.
///
/// Section numbers are taken from the `pn` attributes of prepped XML; otherwise they are counted
/// the way xml2rfc does: `<middle>` sections from 1, then the references (several top-level
/// `<references>` become subsections of one "References" section), then `<back>` sections as
/// appendices A, B, ... Unnumbered sections (`numbered="false"`) and `<front>` are left out.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub fn parse_xml(text: &str) -> Result<Parsed, SourceError> {
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
    // Depth inside elements whose text is not prose (artwork, source code, comments).
    let mut skip_depth = 0usize;

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
                    _ if !open.is_empty() => {
                        depth_in_section += 1;
                        if skip_depth > 0 || NOT_PROSE.contains(&name.as_str()) {
                            skip_depth += 1;
                        } else if let Some(node) = open.last_mut()
                            && PARAGRAPHS.contains(&name.as_str())
                        {
                            node.text
                                .push_str(if name == "li" { "\n\n- " } else { "\n\n" });
                        } else if let Some(node) = open.last_mut()
                            && name == "sup"
                        {
                            // 2<sup>14</sup> reads 2^14, not 214.
                            node.text.push('^');
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_owned();
                if (name == "section" || name == "references") && region.is_some() {
                    let node = node_from(&e, &entities);
                    attach(node, &mut open, region, &mut middle, &mut back);
                } else if (name == "xref" || name == "eref")
                    && skip_depth == 0
                    && name_text.is_none()
                    && let Some(node) = open.last_mut()
                    && let Some(target) = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "target")
                {
                    // Filled in once every section has its number.
                    let target = target.value.to_string();
                    node.text.push_str(&format!("\u{1}{target}\u{1}"));
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
                        if skip_depth > 0 {
                            skip_depth -= 1;
                        } else if let Some(node) = open.last_mut()
                            && PARAGRAPHS.contains(&name.as_str())
                        {
                            node.text.push_str("\n\n");
                        }
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
                } else if skip_depth == 0
                    && let Some(node) = open.last_mut()
                {
                    node.text.push_str(&t);
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
                } else if skip_depth == 0
                    && let Some(node) = open.last_mut()
                {
                    node.text.push_str(&resolved);
                }
                if let Some(buf) = title_text.as_mut() {
                    buf.push_str(&resolved);
                }
            }
            _ => {}
        }
    }

    let (sections, bodies) = number(&middle, &back)?;
    if sections.is_empty() {
        return Err("no numbered sections found: is this RFC XML?".into());
    }
    let anchors: BTreeMap<&str, &str> = bodies
        .iter()
        .filter_map(|(number, node)| Some((node.anchor.as_deref()?, number.as_str())))
        .collect();
    let requirements = bodies
        .iter()
        .flat_map(|(number, node)| {
            keywords::requirements(number, &resolve_targets(&node.text, &anchors))
        })
        .collect();
    Ok(Parsed {
        doc,
        title: doc_title,
        sections,
        requirements,
    })
}

/// A section of the XML, as read.
#[derive(Default)]
struct Node {
    title: Option<String>,
    pn: Option<String>,
    numbered: bool,
    references: bool,
    anchor: Option<String>,
    /// The section's own text (not its subsections'), paragraphs separated by blank lines.
    text: String,
    children: Vec<Node>,
}

/// A section element's node, from its attributes (entities resolved).
fn node_from(e: &quick_xml::events::BytesStart, entities: &BTreeMap<String, String>) -> Node {
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
            "anchor" => node.anchor = Some(value),
            "numbered" => node.numbered = !matches!(value.as_str(), "false" | "no"),
            _ => {}
        }
    }
    node
}

/// Adds a closed section to its parent, or to the middle or back matter.
fn attach(
    node: Node,
    open: &mut [Node],
    region: Option<&str>,
    middle: &mut Vec<Node>,
    back: &mut Vec<Node>,
) {
    if let Some(parent) = open.last_mut() {
        parent.children.push(node);
    } else if region == Some("middle") {
        middle.push(node);
    } else {
        back.push(node);
    }
}

type Out<'n> = (Vec<Section>, Vec<(String, &'n Node)>);
fn walk<'n>(nodes: &'n [Node], prefix: &str, out: &mut Out<'n>) -> Result<(), SourceError> {
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
fn push<'n>(node: &'n Node, number: String, out: &mut Out<'n>) -> Result<(), SourceError> {
    let title = match (&node.title, node.references) {
        (Some(t), _) if !t.is_empty() => t.clone(),
        (_, true) => "References".to_owned(),
        _ => return Err(format!("section {number} has no title").into()),
    };
    out.0.push(Section {
        number: number.clone(),
        title,
    });
    out.1.push((number.clone(), node));
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

/// Numbers the sections the way xml2rfc does (see [`parse_xml`]): each with its node.
fn number<'n>(middle: &'n [Node], back: &'n [Node]) -> Result<Out<'n>, SourceError> {
    let mut out: Out = (Vec::new(), Vec::new());
    walk(middle, "", &mut out)?;
    let mut next = middle.iter().filter(|n| n.numbered).count();
    let refs: Vec<&Node> = back.iter().filter(|n| n.references).collect();
    if refs.len() == 1 {
        next += 1;
        let number = refs[0]
            .pn
            .as_deref()
            .and_then(pn_number)
            .unwrap_or(next.to_string());
        push(refs[0], number, &mut out)?;
    } else if refs.len() > 1 {
        next += 1;
        let number = next.to_string();
        out.0.push(Section {
            number: number.clone(),
            title: "References".into(),
        });
        for (i, r) in refs.iter().enumerate() {
            let sub =
                r.pn.as_deref()
                    .and_then(pn_number)
                    .unwrap_or(format!("{number}.{}", i + 1));
            push(r, sub, &mut out)?;
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
        push(node, number, &mut out)?;
    }
    Ok(out)
}

/// Elements whose text is not prose, left out of a section's sentences.
const NOT_PROSE: [&str; 6] = [
    "artwork",
    "sourcecode",
    "cref",
    "figure",
    "table",
    "texttable",
];

/// Elements that make a paragraph of their own.
const PARAGRAPHS: [&str; 7] = ["t", "li", "dt", "dd", "blockquote", "ul", "ol"];

/// Replaces the placeholders empty `<xref>`s left (`\u{1}target\u{1}`) with "Section N" for a
/// section of the document, or `[target]` as the RFC shows a reference.
fn resolve_targets(text: &str, anchors: &BTreeMap<&str, &str>) -> String {
    let mut out = String::new();
    for (i, part) in text.split('\u{1}').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else if let Some(number) = anchors.get(part) {
            out.push_str(&format!("Section {number}"));
        } else if part.contains("://") {
            out.push_str(&format!("<{part}>"));
        } else {
            out.push_str(&format!("[{part}]"));
        }
    }
    out
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
        let value = resolve_char_refs(&crate::html_text::strip_tags(raw));
        map.insert(name.to_owned(), value);
    }
    map
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
