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
use std::path::{Path, PathBuf};

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
    /// The sentences with BCP 14 keywords, in document order. Indexes written before these were
    /// recorded have none, and say so with `recorded` false.
    pub requirements: Vec<Requirement>,
    /// Whether the index has the `# requirements:` block (even an empty one).
    pub recorded: bool,
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
            requirements: Vec::new(),
            recorded: false,
            by_number,
        }
    }

    /// The recorded BCP 14 sentences of section `number` itself (not of its subsections).
    pub fn requirements_of(&self, number: &str) -> impl Iterator<Item = &Requirement> {
        let number = canonical_number(number);
        self.requirements
            .iter()
            .filter(move |r| r.section == number)
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

    /// Reads an index file: `#` comment lines, then `number<TAB>title` lines, then optionally a
    /// `# requirements: N` line and `number<TAB>sentence` lines for the BCP 14 sentences.
    pub fn parse(text: &str) -> Result<SpecIndex, (usize, String)> {
        let mut sections = Vec::new();
        let mut requirements = Vec::new();
        let mut recorded = false;
        let mut seen = BTreeMap::new();
        let mut title = None;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if n == 1
                && let Some(rest) = line.strip_prefix("# Section index of ")
            {
                title = rest.split_once(": ").map(|(_, t)| t.to_owned());
            }
            if line.starts_with(REQUIREMENTS_MARKER) {
                recorded = true;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if recorded {
                let Some((number, sentence)) = line.split_once('\t') else {
                    return Err((n, "expected `number<TAB>sentence`".into()));
                };
                if !seen.contains_key(number) {
                    return Err((n, format!("section {number} is not in the index above")));
                }
                if keywords::keywords(sentence).is_empty() {
                    return Err((n, "the sentence has no BCP 14 keyword".into()));
                }
                requirements.push(Requirement {
                    section: number.to_owned(),
                    sentence: sentence.to_owned(),
                });
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
            requirements,
            recorded,
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
    /// The sentences with BCP 14 keywords, section by section.
    pub requirements: Vec<Requirement>,
}

/// The line that starts the BCP 14 sentences in an index file.
const REQUIREMENTS_MARKER: &str = "# requirements:";

mod keywords;
mod kramdown;
mod text;
mod xml;

pub use keywords::{Keyword, Requirement, keywords, names_field};
pub use kramdown::parse_kramdown;
pub use text::parse_text;
pub use xml::parse_xml;

/// Why a document's source could not be read as a section index: what was wrong with it, in
/// words for the person who gave the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(pub String);

impl From<&str> for SourceError {
    fn from(why: &str) -> Self {
        SourceError(why.to_owned())
    }
}

impl From<String> for SourceError {
    fn from(why: String) -> Self {
        SourceError(why)
    }
}

/// Why `spec import` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not UTF-8 text", .0.display())]
    NotUtf8(PathBuf),
    #[error("{}: {error}", path.display())]
    Source { path: PathBuf, error: SourceError },
    #[error(
        "`{0}` is not an Internet-Draft name with its revision (draft-ietf-httpbis-example-05)"
    )]
    DraftName(String),
    #[error("give --rfc or --draft, not both")]
    RfcAndDraft,
    #[error("{}: this is RFC {found}, not RFC {given}", path.display())]
    WrongRfc {
        path: PathBuf,
        found: u32,
        given: u32,
    },
    #[error(
        "{}: cannot tell which document this is; pass --rfc N or --draft NAME-NN",
        .0.display()
    )]
    Unnamed(PathBuf),
}

fn at(path: &Path) -> impl FnOnce(std::io::Error) -> SpecError + '_ {
    move |source| SpecError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads a document source: the IETF's HTML rendering of a text RFC (rfcmarkup, as served by
/// tools.ietf.org and the datatracker), RFC XML, or the text format.
pub fn parse_source(text: &str) -> Result<Parsed, SourceError> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let lower = start.get(..200).unwrap_or(start).to_ascii_lowercase();
    if start.starts_with("---") && text.contains("\n--- middle") {
        parse_kramdown(text)
    } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        if !text.contains("rfcmarkup") {
            return Err("this HTML is not the IETF's rendering of a text RFC (rfcmarkup); use the RFC's XML or text".into());
        }
        parse_text(&text::html_to_text(text))
    } else if start.starts_with("<?xml")
        || start.starts_with("<rfc")
        || start.starts_with("<!DOCTYPE")
    {
        parse_xml(text)
    } else {
        parse_text(text)
    }
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
    let _ = writeln!(
        out,
        "{REQUIREMENTS_MARKER} {} (the sentences with BCP 14 keywords, as number<TAB>sentence)",
        parsed.requirements.len()
    );
    for r in &parsed.requirements {
        let _ = writeln!(out, "{}\t{}", r.section, r.sentence);
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
) -> Result<ImportReport, SpecError> {
    let bytes = std::fs::read(file).map_err(at(file))?;
    let text =
        String::from_utf8(bytes.clone()).map_err(|_| SpecError::NotUtf8(file.to_path_buf()))?;
    let parsed = parse_source(&text).map_err(|error| SpecError::Source {
        path: file.to_path_buf(),
        error,
    })?;
    if let Some(name) = draft
        && !is_draft_name(name)
    {
        return Err(SpecError::DraftName(name.to_owned()));
    }
    let doc = match (rfc, &parsed.doc) {
        (Some(_), _) if draft.is_some() => return Err(SpecError::RfcAndDraft),
        (None, _) if draft.is_some() => DocId::Draft(draft.unwrap_or_default().to_owned()),
        (Some(n), Some(DocId::Rfc(found))) if n != *found => {
            return Err(SpecError::WrongRfc {
                path: file.to_path_buf(),
                found: *found,
                given: n,
            });
        }
        (Some(n), _) => DocId::Rfc(n),
        (None, Some(doc)) => doc.clone(),
        (None, None) => {
            return Err(SpecError::Unnamed(file.to_path_buf()));
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
    std::fs::create_dir_all(&dir).map_err(at(&dir))?;
    let path = dir.join(doc.file_name());
    let old = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| SpecIndex::parse(&t).ok())
        .unwrap_or_default();
    let new = SpecIndex::new(parsed.sections.clone());
    std::fs::write(&path, to_tsv(&doc, &parsed, &input_name, &sha256, source))
        .map_err(at(&path))?;
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
            requirements: vec![Requirement {
                section: "1".into(),
                sentence: "A server MUST send Date.".into(),
            }],
        };
        let tsv = to_tsv(&DocId::Rfc(1), &parsed, "rfc1.xml", "00", "test");
        let index = SpecIndex::parse(&tsv).unwrap();
        assert!(index.recorded);
        assert_eq!(index.requirements_of("1").count(), 1);
        assert_eq!(index.requirements_of("A").count(), 0);
        assert!(!SpecIndex::parse("1\tIntro\n").unwrap().recorded);
        assert!(
            SpecIndex::parse("1\tIntro\n# requirements: 1\n2\tIt MUST.\n")
                .unwrap_err()
                .1
                .contains("not in the index")
        );
        assert!(
            SpecIndex::parse("1\tIntro\n# requirements: 1\n1\tNo keyword.\n")
                .unwrap_err()
                .1
                .contains("no BCP 14")
        );
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
        // BCP 14 keywords written as entities (&SHOULD;) count, each sentence on its own, and
        // a reference (an empty xref) reads as the RFC shows it.
        let sentences: Vec<String> = (p.requirements.iter())
            .map(|r| format!("{} {}", r.section, r.sentence))
            .collect();
        assert_eq!(
            sentences,
            [
                "3 The server SHOULD generate a Location header field ([RFC7231]) in the response containing a preferred URI reference for the new permanent URI.",
                "3 The user agent MAY use the Location field value for automatic redirection.",
            ]
        );
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
        // Text under a heading is that section's; references read as the draft renders them.
        let with_text = text.replacen(
            "# Overview",
            "# Overview\n\nThe server MUST send `Upload-Offset` ({{Section 4 of HTTP}}, {{!RFC9110}}).",
            1,
        );
        let overview = (parse_kramdown(&with_text).unwrap().sections.iter())
            .find(|s| s.title == "Overview")
            .map(|s| s.number.clone())
            .unwrap();
        assert_eq!(
            parse_kramdown(&with_text).unwrap().requirements,
            [Requirement {
                section: overview,
                sentence: "The server MUST send Upload-Offset (Section 4 of HTTP, [RFC9110])."
                    .into(),
            }]
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
        // The RFC 2119 boilerplate of §1.2 mentions the keywords in quotes: no requirement.
        assert_eq!(p.requirements, []);
        // A sentence split by a page break is whole again, and kept under its section.
        let broken = fixture("rfc-text-excerpt.txt").replace(
            "\n1.3 Terminology",
            "\n   A server MUST send a Date header\n\nFielding, et al.            Standards Track                    [Page 9]\n\u{c}\nRFC 2616                        HTTP/1.1                       June 1999\n\n   field with every response.\n\n1.3 Terminology",
        );
        let p = parse_text(&broken).unwrap();
        assert_eq!(p.requirements.len(), 1);
        assert_eq!(
            p.requirements[0].sentence,
            "A server MUST send a Date header field with every response."
        );
        assert_eq!(p.requirements[0].section, "1.2");
        // A heading the contents does not list (or the other way round) is refused.
        let mut text = fixture("rfc-text-excerpt.txt");
        text = text.replace(
            "1.4 Overall Operation",
            "1.4 Overall Operation\n\n1.5 Invented",
        );
        assert!(parse_text(&text).unwrap_err().0.contains("1.5"));
    }
}
