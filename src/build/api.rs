//! The JSON data for tools: `/api/codes.json` with every code and its structured facts, and
//! `/api/codes/<code>.json` for one code. The format is versioned by `version`; fields are only
//! ever added within a version (see the README for the schema).

use serde::Serialize;

use crate::build::output::{Output, OutputError};
use crate::model::{CodeMeta, Page, Site, Status};

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
    expires: Option<&'a str>,
    spec: Vec<Reference>,
    former_names: Vec<FormerName<'a>>,
    aliases: &'a [String],
    content: Option<crate::model::ContentRule>,
    caching: Option<crate::model::Caching>,
    retry: Option<Retry<'a>>,
    headers: Vec<Header<'a>>,
    constants: Vec<Constant<'a>>,
    vendors: Vec<Vendor<'a>>,
    related: Vec<u16>,
}

#[derive(Debug, Serialize)]
struct Reference {
    label: String,
    title: Option<String>,
    url: String,
}

impl From<&crate::model::SpecRef> for Reference {
    fn from(spec: &crate::model::SpecRef) -> Self {
        Reference {
            label: spec.label(),
            title: spec.title.clone(),
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
    name: &'a str,
}

#[derive(Debug, Serialize)]
struct Vendor<'a> {
    vendor: &'a str,
    name: &'a str,
    meaning: &'a str,
    client_sees: bool,
    source: Option<Reference>,
}

fn code<'a>(site: &Site, page: &'a Page<CodeMeta>) -> Code<'a> {
    let m = &page.meta;
    Code {
        code: m.code.0,
        name: &m.name,
        class: m.code.class().slug(),
        status: m.status.slug(),
        registered: m.status != Status::Unofficial,
        summary: &m.summary,
        url: site.urls.absolute(&site.urls.code(m.code)),
        expires: m.expires.as_deref(),
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
            .entries()
            .into_iter()
            .map(|(library, name)| Constant { library, name })
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
        related: m.related.iter().map(|c| c.0).collect(),
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
