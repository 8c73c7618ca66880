//! The rules `/check/` applies, written as `check/rules.json` from the code entries the pages are
//! made of, so that a corrected entry corrects the checker.
//!
//! The file is compact JSON, keys in order: `{"version", "codes_url", "fields", "codes"}`. `fields`
//! maps each header field with a page (lower-case name) to that page; `codes` maps each code to its
//! name, summary, status, page, defining section, content rule, first steps and the header rules
//! the checker judges (`name`, `message`, `level`, `applies`, `note`, `spec`; not `MAY` or
//! `convention` ones, which never give a finding, unless they are `one-of`). The engine (`static/check.js`) holds only
//! generic HTTP rules (framing, dates) and the few status checks no entry states.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{
    Applies, CodeMeta, ContentRule, FirstSteps, Message, Reference, RequirementLevel, Site,
};
use crate::render::output::{Output, OutputError};
use crate::routes::Route;

/// Bumped when a field changes meaning or disappears (the engine ships with the file).
const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
struct Rules<'a> {
    version: u32,
    /// Where a reader goes for every code (the index of codes).
    codes_url: String,
    fields: BTreeMap<String, String>,
    codes: BTreeMap<u16, Code<'a>>,
}

#[derive(Debug, Serialize)]
struct Code<'a> {
    name: &'a str,
    summary: &'a str,
    /// `standard`, `temporary`, `unused`, `deprecated`, `obsolete` or `unofficial`.
    status: &'static str,
    url: String,
    /// The defining section, if the code has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    spec: Option<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<ContentRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_steps: Option<&'a FirstSteps>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headers: Vec<Rule<'a>>,
}

#[derive(Debug, Serialize)]
struct Rule<'a> {
    name: &'a str,
    message: Message,
    level: &'static str,
    applies: Applies,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    spec: Source,
}

#[derive(Debug, Serialize)]
struct Source {
    label: String,
    url: String,
}

impl From<&Reference> for Source {
    fn from(spec: &Reference) -> Self {
        Source {
            label: spec.label(),
            url: spec.link(),
        }
    }
}

fn code<'a>(site: &Site, meta: &'a CodeMeta) -> Code<'a> {
    Code {
        name: &meta.name,
        summary: &meta.summary,
        status: meta.status.slug(),
        url: site.urls.route(Route::Code(meta.code)),
        spec: meta.spec.first().map(Source::from),
        content: meta.content,
        first_steps: meta.first_steps.as_ref(),
        // Only what the checker judges: `MAY` and `convention` rules never give a finding, unless
        // they group the request fields a code answers (`one-of`).
        headers: (meta.headers.iter())
            .filter(|h| {
                h.applies == Applies::OneOf
                    || !matches!(
                        h.level,
                        RequirementLevel::May | RequirementLevel::Convention
                    )
            })
            .map(|h| Rule {
                name: &h.name,
                message: h.message,
                level: h.level.label(),
                applies: h.applies,
                note: h.note.as_deref(),
                spec: Source::from(&h.spec),
            })
            .collect(),
    }
}

/// The rules file's bytes: the same site gives the same bytes.
fn rules(site: &Site) -> Vec<u8> {
    let rules = Rules {
        version: VERSION,
        codes_url: site.urls.route(Route::CodesIndex),
        fields: (site.headers.iter())
            .map(|(slug, page)| {
                let url = site.urls.route(Route::Header(slug));
                (page.meta.name.to_ascii_lowercase(), url)
            })
            .collect(),
        codes: (site.codes.values())
            .map(|page| (page.meta.code.get(), code(site, &page.meta)))
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&rules).expect("rules always serialize");
    bytes.push(b'\n');
    bytes
}

/// Writes `check/rules.json`.
pub fn write(site: &Site, output: &Output) -> Result<(), OutputError> {
    output.write(&Route::CheckRules.file(), &rules(site))
}
