//! Citations checked against the cited documents' own section indexes (`content/specs/`, see
//! [`crate::spec`]).
//!
//! Every reference in front matter (`spec`, `former_names[].spec`, `headers[].spec`,
//! `vendor_uses[].source`, a tree result's `spec`, a header field entry's `spec`) and every link into a section of an RFC or
//! Internet-Draft written anywhere in a content file (bodies, notes, tree explanations:
//! `https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5`, `.html`, datatracker and
//! tools.ietf.org forms) must name a section that exists, with that section's title where a
//! title is given. Citing a document that has no index is an error too, so the indexes cannot
//! fall behind the content. Links to a whole document (no `#section-`) are not checked.

mod levels;
mod links;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::files;
use crate::load::decide::LoadedTrees;
use crate::load::yaml::Seg;
use crate::load::{Entries, Loaded};
use crate::model::file::{ClassFile, CodeFile, HeaderEntryFile, RefFile};
use crate::routes::Kind;
use crate::source::SourceFile;
use crate::spec::{DocId, SPECS_DIR, SpecIndex, same_title};
use links::{label_citations, link_label, section_links};

fn key(k: &str) -> Seg {
    Seg::Key(k.to_owned())
}

/// The file listing cited documents whose source could not be obtained, with the reason.
pub const UNINDEXED_FILE: &str = "unindexed.txt";

/// The section indexes the site keeps.
#[derive(Clone)]
pub(crate) struct Specs {
    indexes: BTreeMap<DocId, SpecIndex>,
    /// Documents listed in `unindexed.txt`: cited, but with no index yet. Their citations are
    /// not checked; the list is reviewed like any content and `check` names it on success.
    unindexed: BTreeMap<DocId, (usize, String)>,
    unindexed_src: Option<SourceFile>,
    /// Indexes that exist but could not be read: citations of them are not checked (the file is
    /// reported on its own).
    broken: Vec<DocId>,
    /// False when the folder could not be listed (reported once); then nothing is checked.
    complete: bool,
}

impl Specs {
    /// Whether [`check_links`] finds the same in any text against both (it reads only these).
    pub fn checks_links_alike(&self, other: &Specs) -> bool {
        self.indexes == other.indexes
            && self.unindexed == other.unindexed
            && self.broken == other.broken
            && self.complete == other.complete
    }

    /// The documents cited without an index (`content/specs/unindexed.txt`), with the reason,
    /// for `check` to name when it succeeds.
    pub fn unindexed(&self) -> Vec<(String, String)> {
        self.unindexed
            .iter()
            .map(|(doc, (_, why))| (doc.to_string(), why.clone()))
            .collect()
    }

    /// Reads every index in `content/specs/`.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Specs {
        let dir = root.join(SPECS_DIR);
        let mut specs = Specs {
            indexes: BTreeMap::new(),
            unindexed: BTreeMap::new(),
            unindexed_src: None,
            broken: Vec::new(),
            complete: super::folder_is_listable(root, &dir, diags),
        };
        if !specs.complete {
            return specs;
        }
        for file in files::walk(root, &dir, Some(1), diags) {
            if file.name() == UNINDEXED_FILE {
                match SourceFile::read(root, &file.path) {
                    Ok(src) => {
                        specs.unindexed = parse_unindexed(&src, diags);
                        specs.unindexed_src = Some(src);
                    }
                    Err(d) => diags.push(d),
                }
                continue;
            }
            let Some(doc) = DocId::from_file_name(file.name()) else {
                diags.push(
                    Diagnostic::at_file(&file.display, "unexpected file in content/specs/")
                        .expected("section indexes named rfcN.tsv or draft-NAME-NN.tsv")
                        .hint("indexes are written by `httpref spec import FILE`"),
                );
                continue;
            };
            let src = match SourceFile::read(root, &file.path) {
                Ok(src) => src,
                Err(d) => {
                    diags.push(d);
                    specs.broken.push(doc);
                    continue;
                }
            };
            match SpecIndex::parse(&src.text) {
                Ok(index) => {
                    specs.indexes.insert(doc, index);
                }
                Err((line, message)) => {
                    diags.push(
                        src.diagnostic_at_line(line, 1, format!("invalid section index: {message}"))
                            .hint("regenerate it with `httpref spec import FILE` from the document's source; never edit it by hand"),
                    );
                    specs.broken.push(doc);
                }
            }
        }
        // An entry for a document that now has an index is stale.
        if let Some(src) = &specs.unindexed_src {
            for (doc, (line, _)) in &specs.unindexed {
                if specs.indexes.contains_key(doc) {
                    diags.push(
                        src.diagnostic_at_line(*line, 1, format!("{doc} has an index now"))
                            .hint("remove this line: its citations are checked against the index"),
                    );
                }
            }
        }
        specs
    }

    /// The index of `doc`, `Ok(None)` when nothing can be said (unreadable index or folder),
    /// `Err` when the document has no index.
    fn get(&self, doc: &DocId) -> Result<Option<&SpecIndex>, ()> {
        if !self.complete || self.broken.contains(doc) || self.unindexed.contains_key(doc) {
            return Ok(None);
        }
        self.indexes.get(doc).map(Some).ok_or(())
    }
}

/// Reads `unindexed.txt`: `#` comments, then `rfcN<TAB>why` or `draft-NAME-NN<TAB>why`.
fn parse_unindexed(src: &SourceFile, diags: &mut Diagnostics) -> BTreeMap<DocId, (usize, String)> {
    let mut out = BTreeMap::new();
    for (i, line) in src.text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, why) = line.split_once('\t').unwrap_or((line, ""));
        match DocId::from_file_name(&format!("{}.tsv", name.trim())) {
            Some(doc) if !why.trim().is_empty() => {
                out.insert(doc, (i + 1, why.trim().to_owned()));
            }
            _ => diags.push(
                src.diagnostic_at_line(i + 1, 1, "expected a document and why it has no index")
                    .expected("`rfcN<TAB>reason` or `draft-NAME-NN<TAB>reason`"),
            ),
        }
    }
    out
}

/// What is wrong with one citation, and where in it.
struct Problem {
    /// The field of the reference the problem is about (`section`, `title`, `rfc`, `draft`).
    field: &'static str,
    message: String,
    expected: Option<String>,
    hint: Option<String>,
}

fn no_index(doc: &DocId) -> Problem {
    let (file, get) = match doc {
        DocId::Rfc(n) => (
            format!("content/specs/rfc{n}.tsv"),
            format!("rfc{n}.xml (or rfc{n}.txt) from the RFC Editor"),
        ),
        DocId::Draft(name) => (
            format!("content/specs/{name}.tsv"),
            format!("the draft's XML or text ({name}.xml)"),
        ),
    };
    Problem {
        field: match doc {
            DocId::Rfc(_) => "rfc",
            DocId::Draft(_) => "draft",
        },
        message: format!("{doc} has no section index, so this citation cannot be checked"),
        expected: Some(format!(
            "a document with an index in content/specs/ ({file})"
        )),
        hint: Some(format!(
            "download {get} and run `httpref spec import FILE --source URL` (see docs/content-format.md, \"Specification indexes\")"
        )),
    }
}

/// Checks a citation of `section` (and, if given, `title`) in `doc`.
fn check_section(
    specs: &Specs,
    doc: &DocId,
    section: Option<&str>,
    title: Option<&str>,
) -> Option<Problem> {
    let index = match specs.get(doc) {
        Ok(Some(index)) => index,
        Ok(None) => return None,
        Err(()) => return Some(no_index(doc)),
    };
    let Some(section) = section else {
        // Without a section, a title is the document's own.
        let (Some(real), Some(title)) = (&index.title, title.filter(|t| !t.trim().is_empty()))
        else {
            return None;
        };
        return (!same_title(real, title)).then(|| Problem {
            field: "title",
            message: format!("{doc} is titled `{real}`, not `{title}`"),
            expected: Some(format!(
                "the document's own title, `{real}` (or a `section` and that section's title)"
            )),
            hint: Some(format!("did you mean `{real}`?")),
        });
    };
    let Some(real) = index.title(section) else {
        let by_title = title.and_then(|t| index.find_title(t).next());
        let hint = match by_title {
            Some(s) => format!("the section titled `{}` is §{}", s.title, s.number),
            None => match did_you_mean(section, index.sections.iter().map(|s| s.number.as_str())) {
                Some(n) => format!(
                    "did you mean §{n} ({})?",
                    index.title(n).unwrap_or_default()
                ),
                None => format!("look the section up in content/specs/{}", doc.file_name()),
            },
        };
        return Some(Problem {
            field: "section",
            message: format!("{doc} has no section {section}"),
            expected: Some(format!(
                "a section listed in content/specs/{}",
                doc.file_name()
            )),
            hint: Some(hint),
        });
    };
    // An empty title is reported by `validate::fields` as missing.
    let title = title.filter(|t| !t.trim().is_empty())?;
    if same_title(real, title) {
        return None;
    }
    let elsewhere = index
        .find_title(title)
        .next()
        .map(|s| format!(" (`{}` is the title of §{})", s.title, s.number))
        .unwrap_or_default();
    Some(Problem {
        field: "title",
        message: format!("{doc} §{section} is titled `{real}`, not `{title}`"),
        expected: Some(format!("the section's own title, `{real}`")),
        hint: Some(format!("did you mean `{real}`?{elsewhere}")),
    })
}

/// The document a reference points at. A `url` reference is written in the file, so the scan
/// of the file's links checks it; several kinds at once is reported by `validate::fields`.
fn checkable(spec: &RefFile) -> Option<DocId> {
    match (&spec.rfc, &spec.draft, &spec.url) {
        (Some(n), None, None) => Some(DocId::Rfc(*n)),
        (None, Some(d), None) => Some(DocId::Draft(d.clone())),
        _ => None,
    }
}

fn check_ref(
    at: &dyn Fn(&[Seg], String) -> Diagnostic,
    path: &[Seg],
    spec: &RefFile,
    specs: &Specs,
    diags: &mut Diagnostics,
) {
    let Some(doc) = checkable(spec) else {
        return;
    };
    if let Some(p) = check_section(specs, &doc, spec.section.as_deref(), spec.title.as_deref()) {
        let mut d = at(&[path, &[key(p.field)]].concat(), p.message);
        if let Some(e) = p.expected {
            d = d.expected(e);
        }
        diags.push(d.hint_opt(p.hint));
    }
}

/// Checks every section link written in a file.
pub(crate) fn check_links(src: &SourceFile, specs: &Specs, diags: &mut Diagnostics) {
    for link in section_links(&src.text) {
        if let Some((at, label)) = link_label(&src.text, link.start) {
            let (rfcs, sections) = label_citations(label);
            let target = match &link.doc {
                DocId::Rfc(n) => format!("RFC {n}"),
                DocId::Draft(d) => d.clone(),
            };
            let rfc_mismatch = matches!(&link.doc, DocId::Rfc(n) if !rfcs.is_empty() && !rfcs.contains(&n.to_string()));
            let section_mismatch = !sections.is_empty()
                && !sections
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(&link.section));
            if rfc_mismatch || section_mismatch {
                let title = specs
                    .get(&link.doc)
                    .ok()
                    .flatten()
                    .and_then(|i| i.title(&link.section))
                    .map(|t| format!(" (`{t}`)"))
                    .unwrap_or_default();
                diags.push(
                    src.diagnostic_at(
                        at,
                        format!(
                            "the link text `{}` does not match where it goes: {target} §{}{title}",
                            label.trim(),
                            link.section
                        ),
                    )
                    .width(label.chars().count() + 2)
                    .expected("link text that names the section the link goes to")
                    .hint("fix the text or the #section- anchor, whichever is wrong"),
                );
            }
        }
        if let Some(p) = check_section(specs, &link.doc, Some(&link.section), None) {
            let mut d = src
                .diagnostic_at(link.start, format!("link: {}", p.message))
                .width(src.text[link.start..link.start + link.len].chars().count());
            if let Some(e) = p.expected {
                d = d.expected(e);
            }
            diags.push(d.hint_opt(p.hint));
        }
    }
}

/// Checks every citation and section link of every kind: a `match` names each kind, so a new
/// kind is a compile error here until its citations are checked (or it is said why not).
/// `links` checks one file's section links (through `serve`'s cache, when it keeps one).
pub(crate) fn check(entries: &Entries, specs: &Specs, links: Links, diags: &mut Diagnostics) {
    for &kind in Kind::ALL {
        match kind {
            Kind::Code => check_codes(&entries.codes, specs, links, diags),
            Kind::Class => check_classes(&entries.classes, specs, links, diags),
            Kind::Compare => (entries.comparisons.drafts.iter()).for_each(|d| links(&d.src, diags)),
            Kind::Guide => (entries.guides.drafts.iter()).for_each(|d| links(&d.src, diags)),
            Kind::Tree => check_trees(&entries.trees, specs, diags),
            Kind::Header => check_headers(&entries.headers, specs, links, diags),
            // Each scenario's section links are checked as it is read
            // (`practice::PracticeFolder`): its fields cite nothing else.
            Kind::Practice => {}
        }
    }
}

/// Checks the section links of one content file.
pub(crate) type Links<'a> = &'a dyn Fn(&Arc<SourceFile>, &mut Diagnostics);

/// Each code entry's `spec`, former names', header rules' and vendors' sources, the levels its
/// header rules claim, and its section links.
fn check_codes(codes: &Loaded<CodeFile>, specs: &Specs, links: Links, diags: &mut Diagnostics) {
    for draft in &codes.drafts {
        let at = |path: &[Seg], message: String| draft.at(path, message);
        let meta = &draft.meta;
        for (i, spec) in meta.spec.iter().enumerate() {
            check_ref(&at, &[key("spec"), Seg::Index(i)], spec, specs, diags);
        }
        for (i, former) in meta.former_names.iter().enumerate() {
            if let Some(spec) = &former.spec {
                let path = [key("former_names"), Seg::Index(i), key("spec")];
                check_ref(&at, &path, spec, specs, diags);
            }
        }
        for (i, header) in meta.headers.iter().enumerate() {
            let path = [key("headers"), Seg::Index(i), key("spec")];
            check_ref(&at, &path, &header.spec, specs, diags);
            levels::check_level(&at, i, header, specs, diags);
        }
        for (i, vendor) in meta.vendor_uses.iter().enumerate() {
            if let Some(spec) = &vendor.source {
                let path = [key("vendor_uses"), Seg::Index(i), key("source")];
                check_ref(&at, &path, spec, specs, diags);
            }
        }
        links(&draft.src, diags);
    }
}

/// Each class overview's `spec` and section links.
fn check_classes(
    classes: &Loaded<ClassFile>,
    specs: &Specs,
    links: Links,
    diags: &mut Diagnostics,
) {
    for draft in &classes.drafts {
        let at = |path: &[Seg], message: String| draft.at(path, message);
        for (i, spec) in draft.meta.spec.iter().enumerate() {
            check_ref(&at, &[key("spec"), Seg::Index(i)], spec, specs, diags);
        }
        links(&draft.src, diags);
    }
}

/// Each tree's result citations and section links.
fn check_trees(trees: &LoadedTrees, specs: &Specs, diags: &mut Diagnostics) {
    for tree in &trees.drafts {
        let at = |path: &[Seg], message: String| tree.at(path, message);
        for (i, node) in tree.file.nodes.iter().enumerate() {
            if let Some(spec) = node.result.as_ref().and_then(|r| r.spec.as_ref()) {
                let path = [key("nodes"), Seg::Index(i), key("result"), key("spec")];
                check_ref(&at, &path, spec, specs, diags);
            }
        }
        check_links(&tree.src, specs, diags);
    }
}

/// Checks the citations of header field entries: each `spec` and every section link.
fn check_headers(
    headers: &Loaded<HeaderEntryFile>,
    specs: &Specs,
    links: Links,
    diags: &mut Diagnostics,
) {
    for draft in &headers.drafts {
        let at = |path: &[Seg], message: String| draft.at(path, message);
        for (i, spec) in draft.meta.spec.iter().enumerate() {
            check_ref(&at, &[key("spec"), Seg::Index(i)], spec, specs, diags);
        }
        links(&draft.src, diags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs() -> Specs {
        let mut indexes = BTreeMap::new();
        indexes.insert(
            DocId::Rfc(9110),
            SpecIndex::parse(
                "# Section index of RFC 9110: HTTP Semantics\n15.5\tClient Error 4xx\n15.5.4\t403 Forbidden\n15.5.5\t404 Not Found\n",
            )
            .unwrap(),
        );
        Specs {
            indexes,
            unindexed: BTreeMap::new(),
            unindexed_src: None,
            broken: Vec::new(),
            complete: true,
        }
    }

    #[test]
    fn sections_titles_and_missing_indexes() {
        let s = specs();
        let rfc = DocId::Rfc(9110);
        assert!(check_section(&s, &rfc, Some("15.5.5"), Some("404  Not Found")).is_none());
        let p = check_section(&s, &rfc, Some("15.5.50"), None).unwrap();
        assert_eq!(
            (p.field, p.message.as_str()),
            ("section", "RFC 9110 has no section 15.5.50")
        );
        assert_eq!(
            p.hint.as_deref(),
            Some("did you mean §15.5.5 (404 Not Found)?")
        );
        let p = check_section(&s, &rfc, Some("15.5.9"), Some("403 Forbidden")).unwrap();
        assert_eq!(
            p.hint.as_deref(),
            Some("the section titled `403 Forbidden` is §15.5.4")
        );
        let p = check_section(&s, &rfc, Some("15.5.5"), Some("403 Forbidden")).unwrap();
        assert_eq!(p.field, "title");
        assert_eq!(
            p.hint.as_deref(),
            Some("did you mean `404 Not Found`? (`403 Forbidden` is the title of §15.5.4)")
        );
        let p = check_section(&s, &DocId::Rfc(4918), Some("11.2"), None).unwrap();
        assert_eq!(p.field, "rfc");
        // A citation of a whole document still needs the document's index.
        assert!(check_section(&s, &DocId::Rfc(4918), None, None).is_some());
        assert!(check_section(&s, &rfc, None, None).is_none());
        // Without a section, a title is the document's.
        assert!(check_section(&s, &rfc, None, Some("HTTP Semantics")).is_none());
        let p = check_section(&s, &rfc, None, Some("HTTP/1.1 Semantics")).unwrap();
        assert_eq!(
            p.message,
            "RFC 9110 is titled `HTTP Semantics`, not `HTTP/1.1 Semantics`"
        );
    }
}
