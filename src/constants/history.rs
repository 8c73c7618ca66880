//! The version facts pages and the API show for a constant: since when, earlier names, synonyms
//! and removed names.

use serde::Serialize;

use super::{Entry, Libraries, Library};

/// An earlier or other name for the same code.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct OtherName {
    pub name: String,
    /// Alias since, deprecated since or removed in, when the name is no longer current.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
}

/// What a reader needs to know about a listed constant, from the table.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, schemars::JsonSchema)]
#[schemars(rename = "ConstantVersions")]
pub struct Facts {
    /// The first examined version with the name, when it is not the oldest examined one.
    pub since: Option<String>,
    pub deprecated: Option<String>,
    /// Names the library used for this code before, now aliases, deprecated or removed.
    pub before: Vec<OtherName>,
    /// Other current names for the same code (synonyms).
    pub also: Vec<String>,
    /// Names the library had for this code and removed without naming this one as their
    /// replacement (Spring's `DESTINATION_LOCKED`, 421, beside `MISDIRECTED_REQUEST`).
    pub removed: Vec<OtherName>,
}

impl Facts {
    /// One line for the page: "Python 3.13+; before: HTTPStatus.REQUEST_ENTITY_TOO_LARGE (alias since 3.13)".
    pub fn note(&self, library: Library) -> Option<String> {
        let product = library.product();
        let mut parts = Vec::new();
        if let Some(v) = &self.since {
            parts.push(format!("{product} {v}+"));
        }
        if let Some(v) = &self.deprecated {
            parts.push(format!("deprecated in {product} {v}"));
        }
        if !self.before.is_empty() {
            let names: Vec<String> = self
                .before
                .iter()
                .map(|o| format!("{} ({})", o.name, other_status(o, product)))
                .collect();
            parts.push(format!("before: {}", names.join(", ")));
        }
        if !self.also.is_empty() {
            parts.push(format!("also: {}", self.also.join(", ")));
        }
        if !self.removed.is_empty() {
            let names: Vec<String> = self
                .removed
                .iter()
                .map(|o| format!("{} ({})", o.name, other_status(o, product)))
                .collect();
            parts.push(format!("unrelated old name: {}", names.join(", ")));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

fn other_status(o: &OtherName, product: &str) -> String {
    match (&o.removed, &o.deprecated, &o.alias) {
        (Some(v), _, _) => format!("removed in {product} {v}"),
        (None, Some(v), _) => format!("deprecated in {product} {v}"),
        (None, None, Some(v)) => format!("an alias since {product} {v}"),
        (None, None, None) => "still works".to_owned(),
    }
}

/// The facts for `name` listed for `code`, or `None` without a table or a row.
pub fn facts(libraries: &Libraries, library: Library, code: u16, name: &str) -> Option<Facts> {
    let table = libraries.table(library)?;
    let entry = table.get(name).filter(|e| e.code == code)?;
    let since = (Some(entry.since.as_str()) != table.oldest()).then(|| entry.since.clone());
    let other = |e: &Entry| OtherName {
        name: e.name.clone(),
        alias: e.alias.clone(),
        deprecated: e.deprecated.clone(),
        removed: e.removed.clone(),
    };
    let before = table
        .for_code(code)
        .filter(|e| e.name != name && e.replacement.as_deref() == Some(name))
        .map(other)
        .collect();
    let removed = table
        .for_code(code)
        .filter(|e| e.removed.is_some() && e.replacement.is_none())
        .map(other)
        .collect();
    let also = table
        .for_code(code)
        .filter(|e| e.name != name && e.is_current())
        .map(|e| e.name.clone())
        .collect();
    Some(Facts {
        since,
        deprecated: entry.deprecated.clone(),
        before,
        also,
        removed,
    })
}

/// Removed names for `code` in libraries the page lists no constant for (Spring's `USE_PROXY` on
/// 305): history a reader should see.
pub fn removed_only(libraries: &Libraries, library: Library, code: u16) -> Vec<&Entry> {
    libraries
        .table(library)
        .map(|t| {
            let has_live = t.for_code(code).any(|e| e.removed.is_none());
            t.for_code(code)
                .filter(|e| e.removed.is_some() && !has_live)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::sample::libs;

    #[test]
    fn facts_name_the_version_and_the_earlier_name() {
        let f = facts(
            &libs(),
            Library::Spring,
            413,
            "HttpStatus.CONTENT_TOO_LARGE",
        )
        .unwrap();
        assert_eq!(
            f.note(Library::Spring).unwrap(),
            "Spring 7.0.0+; before: HttpStatus.PAYLOAD_TOO_LARGE (deprecated in Spring 7.0)"
        );
        assert_eq!(removed_only(&libs(), Library::Spring, 305).len(), 1);
    }
}
