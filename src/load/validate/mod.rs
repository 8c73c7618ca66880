//! Rules that serde cannot express, in four jobs: what exists and where links lead ([`index`]),
//! the rules of each field that turn the file format into the model ([`fields`]; [`header`] for
//! header field entries), agreement with the IANA registry copy ([`registry`]) and the sections
//! of Markdown bodies ([`body`]).

pub(crate) mod body;
pub(crate) mod constants;
pub(crate) mod fields;
pub(crate) mod header;
pub(crate) mod index;
pub(crate) mod reader;
pub(crate) mod registry;
pub(crate) mod site;

pub(crate) use index::Index;

use crate::diagnostics::Diagnostics;
use crate::load::Parsed;
use crate::load::yaml::Seg;

fn key(k: &str) -> Seg {
    Seg::Key(k.to_owned())
}

/// Whether `s` is a page or tree name: lower-case letters, digits and hyphens.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A text field that must say something: not empty, and a summary on one line.
pub(crate) fn check_text<M>(draft: &Parsed<M>, field: &str, value: &str, diags: &mut Diagnostics) {
    if value.trim().is_empty() {
        diags.push(
            draft
                .at(&[key(field)], format!("`{field}` is empty"))
                .expected("some text"),
        );
    } else if field == "summary" && value.trim().contains('\n') {
        diags.push(
            draft
                .at(&[key(field)], "summary spans several lines")
                .expected("one sentence on one line"),
        );
    }
}
