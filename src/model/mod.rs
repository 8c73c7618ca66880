//! The typed content model: what each content file may contain, checked by serde.
//!
//! Front-matter structs reject unknown fields, and every field with a closed set of values is an
//! enum. Class and URL are derived from the status code and are never stored in content.

pub mod decide;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::markdown::Rendered;
use crate::urls::Urls;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is served from; may carry a path (`https://example.org/http/`).
    pub base_url: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
}

/// A status code number. Valid codes are 100–599 (RFC 9110 §15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct StatusCode(pub u16);

/// Reads any whole number that fits (the range is checked when loading, with the entry in view);
/// anything else is an error that says what a status code is.
impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected, Visitor};
        struct Code;
        impl Visitor<'_> for Code {
            type Value = StatusCode;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(StatusCode::EXPECTED)
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<StatusCode, E> {
                u16::try_from(v)
                    .map(StatusCode)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<StatusCode, E> {
                u16::try_from(v)
                    .map(StatusCode)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
            }
        }
        deserializer.deserialize_u16(Code)
    }
}

impl StatusCode {
    /// What a status code is, as messages say it.
    pub const EXPECTED: &'static str = "a three-digit status code from 100 to 599";

    pub fn is_valid(self) -> bool {
        (100..=599).contains(&self.0)
    }

    /// The class digit, 1–5 for valid codes.
    pub fn class(self) -> Class {
        Class((self.0 / 100) as u8)
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A status class such as 4xx, identified by its first digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Class(pub u8);

impl Class {
    pub const ALL: [Class; 5] = [Class(1), Class(2), Class(3), Class(4), Class(5)];

    /// Parses a class slug such as `4xx`.
    pub fn from_slug(slug: &str) -> Option<Class> {
        match slug.as_bytes() {
            [d @ b'1'..=b'5', b'x', b'x'] => Some(Class(d - b'0')),
            _ => None,
        }
    }

    pub fn slug(self) -> String {
        format!("{}xx", self.0)
    }
}

/// Where a code stands in (or outside) the IANA registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Standard,
    Temporary,
    Unused,
    Deprecated,
    Obsolete,
    Unofficial,
}

impl Status {
    /// The value as written in front matter, also used as a CSS class.
    pub fn slug(self) -> &'static str {
        match self {
            Status::Standard => "standard",
            Status::Temporary => "temporary",
            Status::Unused => "unused",
            Status::Deprecated => "deprecated",
            Status::Obsolete => "obsolete",
            Status::Unofficial => "unofficial",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Standard => "Standard",
            Status::Temporary => "Temporary registration",
            Status::Unused => "Unused (reserved)",
            Status::Deprecated => "Deprecated",
            Status::Obsolete => "Obsolete",
            Status::Unofficial => "Unofficial",
        }
    }
}

/// A pointer to the text that defines something: an RFC section, an Internet-Draft, or a web page.
/// Exactly one of `rfc`, `draft` and `url` is given (checked when loading).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecRef {
    pub rfc: Option<u32>,
    pub draft: Option<String>,
    pub url: Option<String>,
    /// Section number as printed in the document, e.g. `15.5.14`; a string so `15.10` stays `15.10`.
    pub section: Option<String>,
    pub title: Option<String>,
}

impl SpecRef {
    /// A deep link to the defining section.
    pub fn link(&self) -> String {
        let fragment = self
            .section
            .as_ref()
            .map(|s| format!("#section-{s}"))
            .unwrap_or_default();
        match (&self.rfc, &self.draft, &self.url) {
            (Some(rfc), _, _) => format!("https://www.rfc-editor.org/rfc/rfc{rfc}{fragment}"),
            (_, Some(draft), _) => {
                format!("https://datatracker.ietf.org/doc/html/{draft}{fragment}")
            }
            (_, _, Some(url)) => url.clone(),
            _ => String::new(),
        }
    }

    /// A short citation such as `RFC 9110 §15.5.14`.
    pub fn label(&self) -> String {
        let section = self
            .section
            .as_ref()
            .map(|s| format!(" §{s}"))
            .unwrap_or_default();
        match (&self.rfc, &self.draft, &self.url) {
            (Some(rfc), _, _) => format!("RFC {rfc}{section}"),
            (_, Some(draft), _) => format!("{draft}{section}"),
            _ => self.title.clone().unwrap_or_else(|| self.link()),
        }
    }
}

/// Whether a response with this code can carry content (RFC 9110 §6.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContentRule {
    Allowed,
    /// 1xx, 204, 304: the message ends after the header section.
    Never,
    /// 205: the server must not generate content.
    MustNot,
}

/// How caches may treat the response (RFC 9110 §15.1, RFC 9111 §4.2.2, RFC 6585).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Caching {
    Heuristic,
    ExplicitOnly,
    NeverStored,
    NotApplicable,
}

/// Whether and when a client may send the request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetryWhen {
    NotApplicable,
    No,
    AfterChange,
    AfterDelay,
    Yes,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    pub when: RetryWhen,
    pub note: Option<String>,
}

/// RFC 2119 requirement level of a header field that goes with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum RequirementLevel {
    #[serde(rename = "MUST")]
    Must,
    #[serde(rename = "MUST NOT")]
    MustNot,
    #[serde(rename = "SHOULD")]
    Should,
    #[serde(rename = "SHOULD NOT")]
    ShouldNot,
    #[serde(rename = "MAY")]
    May,
    /// Common practice that no specification requires.
    #[serde(rename = "convention")]
    Convention,
    /// No requirement keyword, but the code's definition is stated in terms of the field (303 is a
    /// redirect "as indicated by a URI in the Location header field"): without it the response
    /// does not mean what the code says.
    #[serde(rename = "defining")]
    Defining,
}

impl RequirementLevel {
    pub fn label(self) -> &'static str {
        match self {
            RequirementLevel::Must => "MUST",
            RequirementLevel::MustNot => "MUST NOT",
            RequirementLevel::Should => "SHOULD",
            RequirementLevel::ShouldNot => "SHOULD NOT",
            RequirementLevel::May => "MAY",
            RequirementLevel::Convention => "convention",
            RequirementLevel::Defining => "defining",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRule {
    pub name: String,
    pub level: RequirementLevel,
    pub note: Option<String>,
    pub spec: SpecRef,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerName {
    pub name: String,
    pub spec: Option<SpecRef>,
}

/// Names that libraries give the code. Only names that exist are listed; none are invented.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constants {
    pub python: Option<String>,
    pub go: Option<String>,
    pub rust: Option<String>,
    pub dotnet: Option<String>,
    pub spring: Option<String>,
    pub rails: Option<String>,
    pub symfony: Option<String>,
}

impl Constants {
    /// `(library, constant)` pairs in a fixed display order.
    pub fn by_library(&self) -> Vec<(crate::constants::Library, &str)> {
        use crate::constants::Library;
        [
            (Library::Python, &self.python),
            (Library::Go, &self.go),
            (Library::Rust, &self.rust),
            (Library::Dotnet, &self.dotnet),
            (Library::Spring, &self.spring),
            (Library::Rails, &self.rails),
            (Library::Symfony, &self.symfony),
        ]
        .into_iter()
        .filter_map(|(library, value)| value.as_deref().map(|v| (library, v)))
        .collect()
    }

    /// `(library label, constant)` pairs in a fixed display order.
    pub fn entries(&self) -> Vec<(&'static str, &str)> {
        self.by_library()
            .into_iter()
            .map(|(library, name)| (library.label(), name))
            .collect()
    }
}

/// A meaning a vendor gives a number outside (or on top of) the registry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorUse {
    pub vendor: String,
    pub name: String,
    pub meaning: String,
    /// False for log-only codes such as nginx 499 that never reach a client.
    pub client_sees: bool,
    pub source: Option<SpecRef>,
}

/// Front matter of `content/codes/<code>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeMeta {
    pub code: StatusCode,
    /// The IANA reason phrase (or the vendor's, for unofficial codes).
    pub name: String,
    pub summary: String,
    pub status: Status,
    /// Expiry date of a temporary registration, `YYYY-MM-DD`.
    pub expires: Option<String>,
    /// Defining references; the first is the defining section.
    pub spec: Vec<SpecRef>,
    #[serde(default)]
    pub related: Vec<StatusCode>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub former_names: Vec<FormerName>,
    pub content: Option<ContentRule>,
    pub caching: Option<Caching>,
    pub retry: Option<Retry>,
    #[serde(default)]
    pub headers: Vec<HeaderRule>,
    #[serde(default)]
    pub constants: Constants,
    #[serde(default)]
    pub vendor_uses: Vec<VendorUse>,
}

/// Front matter of `content/classes/<n>xx.md`; the class comes from the file name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassMeta {
    pub name: String,
    pub summary: String,
    pub spec: Vec<SpecRef>,
}

/// Front matter of `content/compare/<slug>.md`; the slug comes from the file name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareMeta {
    pub title: String,
    pub summary: String,
    pub codes: Vec<StatusCode>,
}

/// Front matter of `content/guides/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideMeta {
    pub title: String,
    pub summary: String,
}

/// One loaded content file: its validated front matter and its rendered body.
#[derive(Debug, Clone)]
pub struct Page<M> {
    pub meta: M,
    /// Source path relative to the site root, for messages.
    pub source: PathBuf,
    pub body: Rendered,
}

/// A link in a content file: as the page carries it, and where it is written.
#[derive(Debug, Clone)]
pub struct LinkSite {
    pub href: String,
    pub place: crate::diagnostics::Place,
}

/// Every content file's links in order, by source path, for `check`'s link report.
pub type LinkSites = BTreeMap<PathBuf, Vec<LinkSite>>;

/// Everything the build needs, validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub urls: Urls,
    pub codes: BTreeMap<StatusCode, Page<CodeMeta>>,
    pub classes: BTreeMap<Class, Page<ClassMeta>>,
    pub comparisons: BTreeMap<String, Page<CompareMeta>>,
    pub guides: BTreeMap<String, Page<GuideMeta>>,
    /// The IANA registry copy; empty when the site keeps none.
    pub registry: crate::registry::Registry,
    /// Decision trees, keyed by slug.
    pub trees: decide::Trees,
    /// Library constant tables (`content/libraries/`); empty when the site keeps none.
    pub libraries: crate::constants::Libraries,
    /// Browser support from MDN's browser-compat-data (`content/compat/`), if the site keeps it.
    pub compat: Option<crate::compat::Extract>,
    /// Cited documents that have no section index yet, with the reason (`content/specs/unindexed.txt`).
    pub unindexed: Vec<(String, String)>,
    pub links: LinkSites,
}
