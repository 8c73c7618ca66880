//! A code's facts as both its page and the JSON API carry them: one borrowed projection of the
//! model, so the two can never disagree about what a code's rules, headers or sources are.

use schemars::JsonSchema;
use serde::Serialize;

use crate::ids::header_slug;
use crate::model::{
    Caching, CodeMeta, ContentRule, Message, Reference as Source, RetryWhen, VendorUse,
};
use crate::routes::Route;

/// Turns a route into the address a view carries: root-relative on pages, absolute in the API.
pub type Link<'l> = &'l dyn Fn(Route) -> String;

/// A cited source: its short label (`RFC 9110 §15.5.5`), the section's title and a deep link.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Reference<'a> {
    pub label: String,
    pub title: Option<&'a str>,
    pub url: String,
}

impl<'a> From<&'a Source> for Reference<'a> {
    fn from(spec: &'a Source) -> Self {
        Reference {
            label: spec.label(),
            title: spec.title(),
            url: spec.link(),
        }
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FormerName<'a> {
    pub name: &'a str,
    pub spec: Option<Reference<'a>>,
}

/// When to retry, as written; templates word it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Retry<'a> {
    pub when: RetryWhen,
    pub note: Option<&'a str>,
}

/// A header field rule: which field goes with the code, at which requirement level.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HeaderRule<'a> {
    pub name: &'a str,
    /// The header field's own page.
    pub url: String,
    /// `request` or `response`: the message the field is sent in.
    pub message: Message,
    pub level: &'static str,
    pub note: Option<&'a str>,
    pub spec: Reference<'a>,
    /// Why the level stands where the cited section's wording differs.
    pub justification: Option<&'a str>,
}

/// Another meaning a vendor gives the code.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Vendor<'a> {
    pub vendor: &'a str,
    pub name: &'a str,
    pub meaning: &'a str,
    pub client_sees: bool,
    pub source: Option<Reference<'a>>,
}

impl<'a> From<&'a VendorUse> for Vendor<'a> {
    fn from(v: &'a VendorUse) -> Self {
        Vendor {
            vendor: &v.vendor,
            name: &v.name,
            meaning: &v.meaning,
            client_sees: v.client_sees,
            source: v.source.as_ref().map(Reference::from),
        }
    }
}

/// The rules and sources of a code, in the order the API lists them.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Facts<'a> {
    /// When a temporary registration expires (`2026-11-13`).
    pub expires: Option<String>,
    pub spec: Vec<Reference<'a>>,
    pub former_names: Vec<FormerName<'a>>,
    pub aliases: &'a [String],
    pub content: Option<ContentRule>,
    pub caching: Option<Caching>,
    pub retry: Option<Retry<'a>>,
    pub headers: Vec<HeaderRule<'a>>,
}

impl<'a> Facts<'a> {
    pub fn of(meta: &'a CodeMeta, link: Link) -> Facts<'a> {
        Facts {
            expires: meta.status.expires().map(|date| date.to_string()),
            spec: meta.spec.iter().map(Reference::from).collect(),
            former_names: (meta.former_names.iter())
                .map(|f| FormerName {
                    name: &f.name,
                    spec: f.spec.as_ref().map(Reference::from),
                })
                .collect(),
            aliases: &meta.aliases,
            content: meta.content,
            caching: meta.caching,
            retry: meta.retry.as_ref().map(|r| Retry {
                when: r.when,
                note: r.note.as_deref(),
            }),
            headers: header_rules(meta, link),
        }
    }
}

/// The header fields that go with a code, in the order written.
pub fn header_rules<'a>(meta: &'a CodeMeta, link: Link) -> Vec<HeaderRule<'a>> {
    (meta.headers.iter())
        .map(|h| HeaderRule {
            name: &h.name,
            url: link(Route::Header(&header_slug(&h.name))),
            message: h.message,
            level: h.level.label(),
            note: h.note.as_deref(),
            spec: Reference::from(&h.spec),
            justification: h.justification.as_deref(),
        })
        .collect()
}
