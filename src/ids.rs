//! Identifiers every module may use and that use nothing from the crate: status codes, classes,
//! statuses, references to specifications, decision-tree node addresses, content folder names
//! and the registry file.
//!
//! Each type can only hold a valid value: a [`StatusCode`] is 100–599, a [`Class`] is 1–5, a
//! temporary [`Status`] carries a real date, and a [`Reference`] is exactly one kind of document.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The folder every content file lives under, relative to the site root.
pub const CONTENT_DIR: &str = "content";
/// Code entries: `content/codes/<code>.md`.
pub const CODES_DIR: &str = "codes";
/// Class overviews: `content/classes/<n>xx.md`.
pub const CLASSES_DIR: &str = "classes";
/// Comparisons: `content/compare/<slug>.md`.
pub const COMPARE_DIR: &str = "compare";
/// Guides: `content/guides/<slug>.md`.
pub const GUIDES_DIR: &str = "guides";
/// Decision trees: `content/decide/<tree>.yaml`.
pub const DECIDE_DIR: &str = "decide";
/// Header fields: `content/headers/<name>.md`, the field name in lower case.
pub const HEADERS_DIR: &str = "headers";
/// Practice scenarios (`content/practice/<slug>.yaml`), and their pages under `/practice/`.
pub const PRACTICE_DIR: &str = "practice";
/// The site settings, relative to `content/`.
pub const SITE_FILE: &str = "site.yaml";
/// The IANA registry copy, relative to `content/`.
pub const REGISTRY_FILE: &str = "iana-status-codes.csv";

/// A status code: a number from 100 to 599 (RFC 9110 §15). Only [`StatusCode::new`] makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct StatusCode(u16);

impl StatusCode {
    /// What a status code is, as messages say it.
    pub const EXPECTED: &'static str = "a three-digit status code from 100 to 599";

    /// The code `n`, if `n` is in 100–599.
    pub fn new(n: u16) -> Option<StatusCode> {
        (100..=599).contains(&n).then_some(StatusCode(n))
    }

    /// Parses a code as written in a file name or a link (`404`): three digits, 100–599.
    pub fn parse(s: &str) -> Option<StatusCode> {
        if s.len() != 3 {
            return None;
        }
        s.parse().ok().and_then(StatusCode::new)
    }

    pub fn get(self) -> u16 {
        self.0
    }

    /// The class, from the first digit.
    pub fn class(self) -> Class {
        Class((self.0 / 100) as u8)
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A status class such as 4xx, identified by its first digit, 1–5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Class(u8);

impl Class {
    pub const ALL: [Class; 5] = [Class(1), Class(2), Class(3), Class(4), Class(5)];

    /// The class whose first digit is `digit`, if it is 1–5.
    pub fn new(digit: u8) -> Option<Class> {
        (1..=5).contains(&digit).then_some(Class(digit))
    }

    /// Parses a class slug such as `4xx`.
    pub fn from_slug(slug: &str) -> Option<Class> {
        match slug.as_bytes() {
            [d @ b'1'..=b'5', b'x', b'x'] => Some(Class(d - b'0')),
            _ => None,
        }
    }

    /// The first digit, 1–5.
    pub fn digit(self) -> u8 {
        self.0
    }

    pub fn slug(self) -> String {
        format!("{}xx", self.0)
    }
}

/// Where a code stands, as written in front matter (`status: temporary`): the kind of
/// [`Status`], without the data some kinds carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatusKind {
    Standard,
    Temporary,
    Unused,
    Deprecated,
    Obsolete,
    Unofficial,
}

impl StatusKind {
    /// The value as written in front matter, also used as a CSS class.
    pub fn slug(self) -> &'static str {
        match self {
            StatusKind::Standard => "standard",
            StatusKind::Temporary => "temporary",
            StatusKind::Unused => "unused",
            StatusKind::Deprecated => "deprecated",
            StatusKind::Obsolete => "obsolete",
            StatusKind::Unofficial => "unofficial",
        }
    }
}

/// Where a code stands in (or outside) the IANA registry. A temporary registration always has
/// its expiry date, and no other status has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Standard,
    Temporary { expires: Date },
    Unused,
    Deprecated,
    Obsolete,
    Unofficial,
}

impl Status {
    pub fn kind(self) -> StatusKind {
        match self {
            Status::Standard => StatusKind::Standard,
            Status::Temporary { .. } => StatusKind::Temporary,
            Status::Unused => StatusKind::Unused,
            Status::Deprecated => StatusKind::Deprecated,
            Status::Obsolete => StatusKind::Obsolete,
            Status::Unofficial => StatusKind::Unofficial,
        }
    }

    /// The status of `kind`, given the expiry date that only a temporary registration has.
    /// `None` when the date is missing for a temporary one or given for another.
    pub fn new(kind: StatusKind, expires: Option<Date>) -> Option<Status> {
        Some(match (kind, expires) {
            (StatusKind::Temporary, Some(expires)) => Status::Temporary { expires },
            (_, Some(_)) | (StatusKind::Temporary, None) => return None,
            (StatusKind::Standard, None) => Status::Standard,
            (StatusKind::Unused, None) => Status::Unused,
            (StatusKind::Deprecated, None) => Status::Deprecated,
            (StatusKind::Obsolete, None) => Status::Obsolete,
            (StatusKind::Unofficial, None) => Status::Unofficial,
        })
    }

    pub fn slug(self) -> &'static str {
        self.kind().slug()
    }

    /// The expiry date of a temporary registration.
    pub fn expires(self) -> Option<Date> {
        match self {
            Status::Temporary { expires } => Some(expires),
            _ => None,
        }
    }
}

/// A pointer to the text that defines something: an RFC (or one of its sections), an
/// Internet-Draft (or one of its sections), or a web page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Rfc {
        number: u32,
        /// As printed in the document, e.g. `15.5.14`; a string so `15.10` stays `15.10`.
        section: Option<String>,
        title: Option<String>,
    },
    Draft {
        /// The draft's name with its version, `draft-ietf-httpbis-resumable-upload-05`.
        name: String,
        section: Option<String>,
        title: Option<String>,
    },
    Url {
        /// An absolute http(s) URL.
        url: String,
        title: Option<String>,
    },
}

impl Reference {
    pub fn section(&self) -> Option<&str> {
        match self {
            Reference::Rfc { section, .. } | Reference::Draft { section, .. } => section.as_deref(),
            Reference::Url { .. } => None,
        }
    }

    pub fn title(&self) -> Option<&str> {
        match self {
            Reference::Rfc { title, .. }
            | Reference::Draft { title, .. }
            | Reference::Url { title, .. } => title.as_deref(),
        }
    }

    /// A deep link to the defining section.
    pub fn link(&self) -> String {
        let fragment = self
            .section()
            .map(|s| format!("#section-{s}"))
            .unwrap_or_default();
        match self {
            Reference::Rfc { number, .. } => {
                format!("https://www.rfc-editor.org/rfc/rfc{number}{fragment}")
            }
            Reference::Draft { name, .. } => {
                format!("https://datatracker.ietf.org/doc/html/{name}{fragment}")
            }
            Reference::Url { url, .. } => url.clone(),
        }
    }

    /// A short citation such as `RFC 9110 §15.5.14`; a web page's title, or its URL.
    pub fn label(&self) -> String {
        match self {
            Reference::Url { url, title } => title.clone().unwrap_or_else(|| url.clone()),
            _ => self.citation(),
        }
    }

    /// The document and section, without a title: `RFC 9110 §15.5.14`, a draft's name, a URL.
    pub fn citation(&self) -> String {
        let section = self.section().map(|s| format!(" §{s}")).unwrap_or_default();
        match self {
            Reference::Rfc { number, .. } => format!("RFC {number}{section}"),
            Reference::Draft { name, .. } => format!("{name}{section}"),
            Reference::Url { url, .. } => url.clone(),
        }
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.citation())
    }
}

/// A decision-tree node's address: tree slug and node id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeRef {
    pub tree: String,
    pub node: String,
}

impl NodeRef {
    /// Parses `goto` as written in `tree` (`node` or `other-tree/node`).
    pub fn parse(goto: &str, tree: &str) -> NodeRef {
        match goto.split_once('/') {
            Some((t, n)) => NodeRef {
                tree: t.to_owned(),
                node: n.to_owned(),
            },
            None => NodeRef {
                tree: tree.to_owned(),
                node: goto.to_owned(),
            },
        }
    }
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.tree, self.node)
    }
}

/// A header field's page slug and file stem: its name in lower case (`Retry-After` is
/// `retry-after`), since field names are case-insensitive.
pub fn header_slug(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_classes_only_hold_valid_values() {
        assert_eq!(StatusCode::new(99), None);
        assert_eq!(StatusCode::new(600), None);
        assert_eq!(StatusCode::new(404).map(StatusCode::get), Some(404));
        assert_eq!(
            StatusCode::parse("404").map(|c| c.class().slug()),
            Some("4xx".into())
        );
        assert_eq!(StatusCode::parse("0404"), None);
        assert_eq!(StatusCode::parse("099"), None);
        assert_eq!(Class::new(0), None);
        assert_eq!(Class::new(6), None);
        assert_eq!(Class::from_slug("9xx"), None);
        assert_eq!(Class::from_slug("4xx").map(Class::digit), Some(4));
    }

    #[test]
    fn only_a_temporary_status_has_an_expiry_date() {
        let date = Date::new(2026, 11, 13).unwrap();
        assert_eq!(
            Status::new(StatusKind::Temporary, Some(date)).and_then(Status::expires),
            Some(date)
        );
        assert_eq!(Status::new(StatusKind::Temporary, None), None);
        assert_eq!(Status::new(StatusKind::Standard, Some(date)), None);
        assert_eq!(
            Status::new(StatusKind::Unofficial, None).map(Status::slug),
            Some("unofficial")
        );
    }

    #[test]
    fn references_link_and_cite_their_document() {
        let rfc = Reference::Rfc {
            number: 9110,
            section: Some("15.5.5".into()),
            title: Some("404 Not Found".into()),
        };
        assert_eq!(
            rfc.link(),
            "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"
        );
        assert_eq!(rfc.label(), "RFC 9110 §15.5.5");
        let draft = Reference::Draft {
            name: "draft-ietf-httpbis-resumable-upload-05".into(),
            section: None,
            title: None,
        };
        assert_eq!(
            draft.link(),
            "https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-resumable-upload-05"
        );
        let url = Reference::Url {
            url: "https://example.org/".into(),
            title: None,
        };
        assert_eq!(url.label(), "https://example.org/");
    }

    #[test]
    fn node_refs_default_to_their_own_tree() {
        assert_eq!(NodeRef::parse("auth", "start").to_string(), "start/auth");
        assert_eq!(
            NodeRef::parse("other/auth", "start").to_string(),
            "other/auth"
        );
    }
}
