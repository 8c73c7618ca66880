//! The JSON data for tools: `/api/codes.json` with every code and its structured facts,
//! `/api/codes/<code>.json` for one code, `/api/headers.json` with every header field and the
//! codes that use it, and `/api/practice.json` with every practice scenario. The format is
//! versioned by `version`; fields are only
//! ever added within a version (see docs/site.md). `/api/schema.json` is the JSON Schema of
//! every document, generated from the types below.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{CodeMeta, Page, Site, Status};
use crate::render::output::{Output, OutputError};
use crate::render::views::facts::{Facts, Reference, Vendor};
use crate::routes::{Kind, Route};

/// Bumped when a field changes meaning or disappears.
pub const API_VERSION: u32 = 1;

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "CodesDocument")]
struct Index<'a> {
    version: u32,
    codes: Vec<Code<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "CodeDocument")]
struct Single<'a> {
    version: u32,
    code: Code<'a>,
}

/// A code as the API lists it: identity, then the facts its page shows (the same projection).
#[derive(Debug, Serialize, JsonSchema)]
struct Code<'a> {
    code: u16,
    /// The name people use (418 "I'm a teapot"); the badge-free form of the registry's name.
    name: &'a str,
    /// The IANA registry's description as written ("(Unused)"; the vendor's phrase when unofficial).
    registry_name: &'a str,
    class: String,
    status: &'static str,
    /// False for codes that are not in the IANA registry.
    registered: bool,
    summary: &'a str,
    url: String,
    #[serde(flatten)]
    facts: Facts<'a>,
    constants: Vec<Constant<'a>>,
    /// Names a library had for the code and has removed, for libraries `constants` lists nothing for.
    removed_constants: Vec<RemovedConstant<'a>>,
    vendors: Vec<Vendor<'a>>,
    related: Vec<u16>,
}

#[derive(Debug, Serialize, JsonSchema)]
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

#[derive(Debug, Serialize, JsonSchema)]
struct RemovedConstant<'a> {
    library: &'static str,
    library_id: crate::constants::Library,
    name: &'a str,
    since: &'a str,
    removed: &'a str,
}

fn code<'a>(site: &'a Site, page: &'a Page<CodeMeta>) -> Code<'a> {
    let m = &page.meta;
    Code {
        code: m.code.get(),
        name: &m.name,
        registry_name: &m.registry_name,
        class: m.code.class().slug(),
        status: m.status.slug(),
        registered: m.status != Status::Unofficial,
        summary: &m.summary,
        url: site.urls.absolute(&site.urls.route(Route::Code(m.code))),
        facts: Facts::of(m, &|route| site.urls.absolute(&site.urls.route(route))),
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
        vendors: m.vendor_uses.iter().map(Vendor::from).collect(),
        related: m.related.iter().map(|c| c.get()).collect(),
    }
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "HeadersDocument")]
struct HeadersIndex<'a> {
    version: u32,
    headers: Vec<Header<'a>>,
}

/// A header field and every code whose rules name it.
#[derive(Debug, Serialize, JsonSchema)]
struct Header<'a> {
    name: &'a str,
    summary: &'a str,
    syntax: &'a str,
    examples: &'a [String],
    spec: Vec<Reference<'a>>,
    url: String,
    codes: Vec<HeaderCode<'a>>,
}

/// A code's rule for the field: the same level, note and source as the code's own `headers`.
#[derive(Debug, Serialize, JsonSchema)]
struct HeaderCode<'a> {
    code: u16,
    name: &'a str,
    url: String,
    level: &'static str,
    note: Option<&'a str>,
    spec: Reference<'a>,
}

fn headers(site: &Site) -> Vec<Header<'_>> {
    let absolute = |route: Route| site.urls.absolute(&site.urls.route(route));
    site.headers
        .iter()
        .map(|(slug, page)| Header {
            name: &page.meta.name,
            summary: &page.meta.summary,
            syntax: &page.meta.syntax,
            examples: &page.meta.examples,
            spec: page.meta.spec.iter().map(Reference::from).collect(),
            url: absolute(Route::Header(slug)),
            codes: crate::render::views::header::uses(site, slug, &absolute)
                .into_iter()
                .map(|(code, rule)| HeaderCode {
                    code: code.meta.code.get(),
                    name: &code.meta.name,
                    url: absolute(Route::Code(code.meta.code)),
                    level: rule.level,
                    note: rule.note,
                    spec: rule.spec,
                })
                .collect(),
        })
        .collect()
}

/// The JSON Schema (draft 7) of every API document, made from the types that write them:
/// each document is one of its definitions (`CodesDocument`, `CodeDocument`, `HeadersDocument`,
/// `PracticeDocument`), as its description says.
pub fn schema() -> schemars::Schema {
    let mut generator = schemars::generate::SchemaSettings::draft07()
        .for_serialize()
        .into_generator();
    let documents = vec![
        generator.subschema_for::<Index>(),
        generator.subschema_for::<Single>(),
        generator.subschema_for::<HeadersIndex>(),
        generator.subschema_for::<Practice>(),
    ];
    schemars::json_schema!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": format!("httpref JSON API, version {API_VERSION}"),
        "description": "Each file under /api/ is one of the documents: codes.json (CodesDocument), codes/<code>.json (CodeDocument), headers.json (HeadersDocument) and practice.json (PracticeDocument). Fields are only ever added within a version.",
        "anyOf": documents,
        "definitions": generator.take_definitions(true),
    })
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("API values always serialize");
    bytes.push(b'\n');
    bytes
}

/// Writes the codes (the index and one file per code), the header fields, the practice
/// scenarios and the schema of them all; returns how many files.
pub fn write(site: &Site, output: &Output) -> Result<usize, OutputError> {
    let mut files = 0;
    for &kind in Kind::ALL {
        // Every kind says what the API carries of it: a new kind is a compile error here until
        // it does.
        match kind {
            Kind::Code => files += write_codes(site, output)?,
            Kind::Header => {
                output.write(
                    &Route::ApiHeaders.file(),
                    &to_json(&HeadersIndex {
                        version: API_VERSION,
                        headers: headers(site),
                    }),
                )?;
                files += 1;
            }
            Kind::Practice => {
                write_practice(site, output)?;
                files += 1;
            }
            // What they say reaches the API through the codes they are about.
            Kind::Class | Kind::Compare | Kind::Guide | Kind::Tree => {}
        }
    }
    output.write(&Route::ApiSchema.file(), &to_json(&schema()))?;
    Ok(files + 1)
}

/// The index of codes and one file per code; how many files.
fn write_codes(site: &Site, output: &Output) -> Result<usize, OutputError> {
    let codes: Vec<Code> = site.codes.values().map(|p| code(site, p)).collect();
    output.write(
        &Route::ApiCodes.file(),
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
        output.write(&Route::ApiCode(page.meta.code).file(), &to_json(&single))?;
    }
    Ok(1 + site.codes.len())
}

#[derive(Debug, Serialize, JsonSchema)]
#[schemars(rename = "PracticeDocument")]
struct Practice<'a> {
    version: u32,
    scenarios: Vec<Scenario<'a>>,
}

/// A practice scenario: Markdown fields as plain text, addresses absolute.
#[derive(Debug, Serialize, JsonSchema)]
struct Scenario<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    scenario: &'a str,
    /// The acceptable codes.
    answer: Vec<u16>,
    explanation: &'a str,
    options: Vec<Choice<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
struct Choice<'a> {
    code: u16,
    right: bool,
    /// Why a wrong option is wrong; absent on right ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<&'a str>,
    /// The feedback page.
    url: String,
}

fn write_practice(site: &Site, output: &Output) -> Result<(), OutputError> {
    let absolute = |route: Route| site.urls.absolute(&site.urls.route(route));
    let scenarios = (site.practice.iter())
        .map(|(slug, s)| Scenario {
            slug,
            title: &s.title,
            url: absolute(Route::Practice(slug)),
            scenario: s.scenario.text.trim(),
            answer: s.answer.iter().map(|c| c.get()).collect(),
            explanation: s.explanation.text.trim(),
            options: (s.options.iter())
                .map(|o| Choice {
                    code: o.code.get(),
                    right: s.accepts(o.code),
                    feedback: o.feedback.as_ref().map(|f| f.text.trim()),
                    url: absolute(Route::PracticeAnswer { slug, code: o.code }),
                })
                .collect(),
        })
        .collect();
    let practice = Practice {
        version: API_VERSION,
        scenarios,
    };
    output.write(&Route::ApiPractice.file(), &to_json(&practice))
}
