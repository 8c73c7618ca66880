//! The JSON data for tools: `/api/codes.json` with every code and its structured facts, and
//! `/api/codes/<code>.json` for one code. The format is versioned by `version`; fields are only
//! ever added within a version (see the README for the schema).

use serde::Serialize;

use crate::model::{CodeMeta, Page, Site, Status};
use crate::render::output::{Output, OutputError};

/// Bumped when a field changes meaning or disappears.
pub const API_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Index<'a> {
    version: u32,
    codes: Vec<Code<'a>>,
}

#[derive(Debug, Serialize)]
struct Single<'a> {
    version: u32,
    code: Code<'a>,
}

#[derive(Debug, Serialize)]
struct Code<'a> {
    code: u16,
    name: &'a str,
    class: String,
    status: &'static str,
    /// False for codes that are not in the IANA registry.
    registered: bool,
    summary: &'a str,
    url: String,
    expires: Option<String>,
    spec: Vec<Reference>,
    former_names: Vec<FormerName<'a>>,
    aliases: &'a [String],
    content: Option<crate::model::ContentRule>,
    caching: Option<crate::model::Caching>,
    retry: Option<Retry<'a>>,
    headers: Vec<Header<'a>>,
    constants: Vec<Constant<'a>>,
    /// Names a library had for the code and has removed, for libraries `constants` lists nothing for.
    removed_constants: Vec<RemovedConstant<'a>>,
    vendors: Vec<Vendor<'a>>,
    related: Vec<u16>,
}

#[derive(Debug, Serialize)]
struct Reference {
    label: String,
    title: Option<String>,
    url: String,
}

impl From<&crate::ids::Reference> for Reference {
    fn from(spec: &crate::ids::Reference) -> Self {
        Reference {
            label: spec.label(),
            title: spec.title().map(str::to_owned),
            url: spec.link(),
        }
    }
}

#[derive(Debug, Serialize)]
struct FormerName<'a> {
    name: &'a str,
    spec: Option<Reference>,
}

#[derive(Debug, Serialize)]
struct Retry<'a> {
    when: crate::model::RetryWhen,
    note: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Header<'a> {
    name: &'a str,
    level: &'static str,
    note: Option<&'a str>,
    spec: Reference,
}

#[derive(Debug, Serialize)]
struct Constant<'a> {
    library: &'static str,
    /// The front-matter key: python, go, rust, dotnet, spring, rails, symfony.
    library_id: crate::constants::Library,
    name: &'a str,
    /// Version facts from `content/libraries/<library_id>.tsv`; absent when the site keeps no table.
    #[serde(skip_serializing_if = "Option::is_none")]
    versions: Option<crate::constants::Facts>,
    /// The same facts as one line, as the code page shows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Debug, Serialize)]
struct RemovedConstant<'a> {
    library: &'static str,
    library_id: crate::constants::Library,
    name: &'a str,
    since: &'a str,
    removed: &'a str,
}

#[derive(Debug, Serialize)]
struct Vendor<'a> {
    vendor: &'a str,
    name: &'a str,
    meaning: &'a str,
    client_sees: bool,
    source: Option<Reference>,
}

fn code<'a>(site: &'a Site, page: &'a Page<CodeMeta>) -> Code<'a> {
    let m = &page.meta;
    Code {
        code: m.code.get(),
        name: &m.name,
        class: m.code.class().slug(),
        status: m.status.slug(),
        registered: m.status != Status::Unofficial,
        summary: &m.summary,
        url: site.urls.absolute(&site.urls.code(m.code)),
        expires: m.status.expires().map(|d| d.to_string()),
        spec: m.spec.iter().map(Reference::from).collect(),
        former_names: m
            .former_names
            .iter()
            .map(|f| FormerName {
                name: &f.name,
                spec: f.spec.as_ref().map(Reference::from),
            })
            .collect(),
        aliases: &m.aliases,
        content: m.content,
        caching: m.caching,
        retry: m.retry.as_ref().map(|r| Retry {
            when: r.when,
            note: r.note.as_deref(),
        }),
        headers: m
            .headers
            .iter()
            .map(|h| Header {
                name: &h.name,
                level: h.level.label(),
                note: h.note.as_deref(),
                spec: Reference::from(&h.spec),
            })
            .collect(),
        constants: m
            .constants
            .by_library()
            .into_iter()
            .map(|(library, name)| {
                let versions =
                    crate::constants::facts(&site.libraries, library, m.code.get(), name);
                Constant {
                    library: library.label(),
                    library_id: library,
                    name,
                    note: versions.as_ref().and_then(|f| f.note(library)),
                    versions,
                }
            })
            .collect(),
        removed_constants: crate::constants::Library::ALL
            .into_iter()
            .filter(|l| {
                !m.constants
                    .by_library()
                    .iter()
                    .any(|(listed, _)| listed == l)
            })
            .flat_map(|library| {
                crate::constants::removed_only(&site.libraries, library, m.code.get())
                    .into_iter()
                    .map(move |e| RemovedConstant {
                        library: library.label(),
                        library_id: library,
                        name: &e.name,
                        since: &e.since,
                        removed: e.removed.as_deref().unwrap_or_default(),
                    })
            })
            .collect(),
        vendors: m
            .vendor_uses
            .iter()
            .map(|v| Vendor {
                vendor: &v.vendor,
                name: &v.name,
                meaning: &v.meaning,
                client_sees: v.client_sees,
                source: v.source.as_ref().map(Reference::from),
            })
            .collect(),
        related: m.related.iter().map(|c| c.get()).collect(),
    }
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("API values always serialize");
    bytes.push(b'\n');
    bytes
}

/// Writes the index and one file per code; returns how many files.
pub fn write(site: &Site, output: &Output) -> Result<usize, OutputError> {
    let codes: Vec<Code> = site.codes.values().map(|p| code(site, p)).collect();
    output.write(
        "api/codes.json",
        &to_json(&Index {
            version: API_VERSION,
            codes,
        }),
    )?;
    for page in site.codes.values() {
        let single = Single {
            version: API_VERSION,
            code: code(site, page),
        };
        output.write(
            &format!("api/codes/{}.json", page.meta.code),
            &to_json(&single),
        )?;
    }
    Ok(1 + site.codes.len())
}
