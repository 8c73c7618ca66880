//! `httpref new`: starts a content file from a template with every required field present and
//! explained, so a contributor fills in blanks instead of recalling the format. It never
//! overwrites a file; `httpref check` then lists whatever is still empty.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::ids::{Reference, StatusKind};
use crate::registry::Registry;
use crate::routes::Kind;

const CODE: &str = include_str!("code.md");
const COMPARE: &str = include_str!("compare.md");
const TREE: &str = include_str!("tree.yaml");
const HEADER: &str = include_str!("header.md");

/// What to create.
#[derive(Debug, Clone)]
pub enum NewFile {
    Code(u16),
    Compare(Vec<u16>),
    Tree(String),
    /// A header field, by its name as the specification writes it (`Retry-After`).
    Header(String),
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Where a new entry of `kind` goes, relative to the site root.
fn entry_path(kind: Kind, file_name: &str) -> PathBuf {
    crate::layout::SiteLayout::relative()
        .kind_dir(kind)
        .join(file_name)
}

/// Why `new` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("a comparison needs at least two codes, e.g. `httpref new compare 401 403`")]
    TooFewCodes,
    #[error("`{0}` is not a tree name: use lower-case letters, digits and hyphens")]
    TreeName(String),
    #[error("`{0}` is not a header field name: use letters, digits and hyphens, e.g. Retry-After")]
    HeaderName(String),
    #[error("{0} is not a status code: codes run from 100 to 599")]
    Code(u16),
    #[error("{} already exists; edit it instead", .0.display())]
    Exists(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes the new file under `root`; returns its path relative to `root`.
pub fn create(root: &Path, what: &NewFile) -> Result<PathBuf, NewError> {
    let (rel, text) = match what {
        NewFile::Code(code) => (
            entry_path(Kind::Code, &format!("{code}.md")),
            code_file(root, *code)?,
        ),
        NewFile::Compare(codes) => {
            if codes.len() < 2 {
                return Err(NewError::TooFewCodes);
            }
            let mut codes = codes.clone();
            codes.sort_unstable();
            let names: Vec<String> = codes.iter().map(ToString::to_string).collect();
            let title = names.join(" vs ");
            let text = COMPARE
                .replace("__TITLE__", &title)
                .replace("__CODES__", &names.join(", "))
                .replace("__SECTIONS__", &Kind::Compare.scaffold_sections(false));
            (
                entry_path(Kind::Compare, &format!("{}.md", names.join("-vs-"))),
                text,
            )
        }
        NewFile::Tree(slug) => {
            if !is_slug(slug) {
                return Err(NewError::TreeName(slug.clone()));
            }
            (
                entry_path(Kind::Tree, &format!("{slug}.yaml")),
                TREE.replace("__TITLE__", ""),
            )
        }
        NewFile::Header(name) => {
            let slug = crate::ids::header_slug(name);
            if !is_slug(&slug) {
                return Err(NewError::HeaderName(name.clone()));
            }
            let text = HEADER
                .replace("__NAME__", name.trim())
                .replace("__SECTIONS__", &Kind::Header.scaffold_sections(false));
            (entry_path(Kind::Header, &format!("{slug}.md")), text)
        }
    };
    let path = root.join(&rel);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewError::Io { path, source }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                NewError::Exists(rel.clone())
            } else {
                io(&rel)(e)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(io(&rel))?;
    Ok(rel)
}

/// A code entry, prefilled from the registry copy when the code is registered.
fn code_file(root: &Path, code: u16) -> Result<String, NewError> {
    if !(100..=599).contains(&code) {
        return Err(NewError::Code(code));
    }
    let registry = std::fs::read_to_string(crate::layout::SiteLayout::new(root).registry_file())
        .ok()
        .and_then(|text| Registry::parse(&text).ok())
        .unwrap_or_default();
    let row = registry.get(code);
    let (name, status, spec) = match row {
        Some(row) => {
            let status = row.required_status().map_or("standard", StatusKind::slug);
            let spec = match row.defining_reference() {
                Some(Reference::Rfc {
                    number,
                    section: Some(s),
                    ..
                }) => {
                    format!("spec:\n  - {{ rfc: {number}, section: \"{s}\", title: \"\" }}")
                }
                Some(Reference::Rfc {
                    number,
                    section: None,
                    ..
                }) => {
                    format!("spec:\n  - {{ rfc: {number}, section: \"\", title: \"\" }}")
                }
                Some(Reference::Draft { name, .. }) => {
                    format!("spec:\n  - {{ draft: {name}, title: \"\" }}")
                }
                // The registry names RFCs and drafts only.
                Some(Reference::Url { .. }) | None => {
                    "spec:\n  - { rfc: 9110, section: \"\", title: \"\" }".to_owned()
                }
            };
            (row.name().to_owned(), status, spec)
        }
        None => (String::new(), "unofficial", "spec: []".to_owned()),
    };
    let vendors = if row.is_none() {
        "# Who uses this unofficial code; one item per vendor meaning.\nvendor_uses:\n  - vendor: \"\"\n    name: \"\"\n    meaning: \"\"\n    client_sees: true\n    source: { url: \"https://\", title: \"\" }\n"
    } else {
        ""
    };
    let sections = Kind::Code.scaffold_sections(row.is_none());
    Ok(CODE
        .replace("__CODE__", &code.to_string())
        .replace("__NAME__", &name)
        .replace("__STATUS__", status)
        .replace("spec:\n__SPEC__", &spec)
        .replace("__VENDORS__", vendors)
        .replace("__SECTIONS__", &sections))
}
