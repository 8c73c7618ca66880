//! The typed content model: what the load phase builds from content files, valid by construction.
//!
//! The file format is read into [`mod@file`] structs; the load phase checks them and builds these
//! types, which cannot hold a bad state (a code outside 100–599, a reference to no document, a
//! temporary registration without an expiry date). Class and URL are derived from the status
//! code and are never stored in content.

pub mod decide;
pub mod file;
pub mod practice;
pub mod translation;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::markdown::Rendered;
use crate::urls::Urls;

pub use crate::ids::{Class, Reference, Status, StatusCode, StatusKind};

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL the site is served from; may carry a path (`https://example.org/http/`).
    pub base_url: String,
    /// BCP 47 language tag of the content in `content/`, served at the root.
    pub language: String,
    /// The other languages, each served under `/<code>/` from `content/<code>/`.
    #[serde(default)]
    pub translations: Vec<TranslationConfig>,
    /// Where the content is kept: pages link "Edit this page" and "Report a problem" there.
    pub repository: Option<Repository>,
}

/// A language the site is translated into (`translations:` in `content/site.yaml`). Its name
/// (`language-name`) comes from its interface catalogue.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationConfig {
    /// BCP 47 language tag (`es`, `ja`, `pt-BR`); also the URL prefix and the folder under `content/`.
    pub code: String,
    /// The site's description in this language, for the home page and search engines.
    pub description: String,
    /// Writing direction.
    #[serde(default)]
    pub dir: Direction,
}

/// The writing direction of a language (`<html dir>`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// A GitHub-style repository (`https://github.com/owner/name`) and the branch pages are edited
/// on; checked by the load phase (an https URL with no query or fragment, a plain branch name).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repository {
    pub url: String,
    #[serde(default = "default_branch")]
    pub branch: String,
}

fn default_branch() -> String {
    "main".to_owned()
}

/// Whether a response with this code can carry content (RFC 9110 §6.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContentRule {
    Allowed,
    /// 1xx, 204, 304: the message ends after the header section.
    Never,
    /// 205: the server must not generate content.
    MustNot,
}

/// How caches may treat the response (RFC 9110 §15.1, RFC 9111 §4.2.2, RFC 6585).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Caching {
    Heuristic,
    ExplicitOnly,
    NeverStored,
    NotApplicable,
}

/// Whether and when a client may send the request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RetryWhen {
    NotApplicable,
    No,
    AfterChange,
    AfterDelay,
    Yes,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    pub when: RetryWhen,
    pub note: Option<String>,
}

/// What to do first, one sentence for each reader who arrives at a code: the API caller, the
/// server's operator, and (for codes the public meets in a browser) the website visitor.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstSteps {
    pub api: String,
    pub server: String,
    pub visitor: Option<String>,
}

/// RFC 2119 requirement level of a header field that goes with a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
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

/// The message a header rule's field is sent in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Message {
    /// Sent by the client: the code is defined by it or answers it (Expect on 417).
    Request,
    #[default]
    Response,
}

/// When a header rule holds, as far as the message itself can show it: what `/check/` tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Applies {
    /// Every response with the code.
    #[default]
    Always,
    /// A 206 with one range (its Content-Type is not `multipart/byteranges`).
    SinglePart,
    /// A 206 with several ranges (`multipart/byteranges`).
    Multipart,
    /// A WebSocket handshake (the request or response has `Upgrade: websocket`).
    Websocket,
    /// A request field of which the request this code answers carries at least one.
    OneOf,
    /// Depends on what the message does not show (what a 200 would have carried, what the
    /// server did with the content): the checker mentions the rule instead of judging it.
    Unseen,
}

#[derive(Debug, Clone)]
pub struct HeaderRule {
    pub name: String,
    pub message: Message,
    pub level: RequirementLevel,
    pub applies: Applies,
    pub note: Option<String>,
    pub spec: Reference,
    pub justification: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FormerName {
    pub name: String,
    pub spec: Option<Reference>,
}

/// Names that libraries give the code. Only names that exist are listed; none are invented.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone)]
pub struct VendorUse {
    pub vendor: String,
    pub name: String,
    pub meaning: String,
    /// False for log-only codes such as nginx 499 that never reach a client.
    pub client_sees: bool,
    pub source: Option<Reference>,
}

/// A code entry (`content/codes/<code>.md`).
#[derive(Debug, Clone)]
pub struct CodeMeta {
    pub code: StatusCode,
    /// The name people use: the entry's `display_name`, or else the registry's name without a
    /// status note ("Not Extended" for "Not Extended (OBSOLETED)"). Shown everywhere a code is named.
    pub name: String,
    /// The IANA reason phrase as the registry writes it (or the vendor's, for unofficial codes).
    pub registry_name: String,
    /// In a translated site, what the name means in the page's language ("Demasiadas
    /// solicitudes" for 429), for a secondary line under the English name, which stays the one
    /// shown since it is what the status line carries and what developers search for. `None` in
    /// English.
    pub local_name: Option<String>,
    pub summary: String,
    /// With the expiry date, for a temporary registration.
    pub status: Status,
    /// Defining references; the first is the defining section.
    pub spec: Vec<Reference>,
    pub related: Vec<StatusCode>,
    pub aliases: Vec<String>,
    pub former_names: Vec<FormerName>,
    pub content: Option<ContentRule>,
    pub caching: Option<Caching>,
    pub retry: Option<Retry>,
    pub first_steps: Option<FirstSteps>,
    pub headers: Vec<HeaderRule>,
    pub constants: Constants,
    pub vendor_uses: Vec<VendorUse>,
}

impl CodeMeta {
    /// The registry's name when it differs from the name shown, for a secondary line.
    pub fn registry_name_if_different(&self) -> Option<&str> {
        (self.registry_name != self.name).then_some(self.registry_name.as_str())
    }
}

/// The name shown for a code: `display_name` when the entry gives one, or else the registry's
/// name without the status note the registry appends ("(OBSOLETED)"); the badge says the status.
pub fn display_name(registry_name: &str, display_name: Option<&str>) -> String {
    match display_name {
        Some(name) => name.to_owned(),
        None => registry_name
            .strip_suffix("(OBSOLETED)")
            .map_or(registry_name, str::trim_end)
            .to_owned(),
    }
}

/// A class overview (`content/classes/<n>xx.md`); the class comes from the file name.
#[derive(Debug, Clone)]
pub struct ClassMeta {
    pub name: String,
    pub summary: String,
    pub spec: Vec<Reference>,
}

/// A comparison (`content/compare/<slug>.md`); the slug comes from the file name.
#[derive(Debug, Clone)]
pub struct CompareMeta {
    pub title: String,
    pub summary: String,
    /// At least two, each with an entry.
    pub codes: Vec<StatusCode>,
    /// Search terms a translation adds (English comparisons have none).
    pub aliases: Vec<String>,
}

/// A header field (`content/headers/<name>.md`); its page is at the lower-case name.
#[derive(Debug, Clone)]
pub struct HeaderMeta {
    /// Cased as its defining specification writes it (`WWW-Authenticate`).
    pub name: String,
    pub summary: String,
    /// ABNF, verbatim; may span several lines.
    pub syntax: String,
    /// One or more literal field lines.
    pub examples: Vec<String>,
    /// The defining section first.
    pub spec: Vec<Reference>,
}

/// Front matter of `content/guides/<slug>.md`, as written and as used: it has no field that
/// could hold a bad state.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuideMeta {
    pub title: String,
    pub summary: String,
    /// Search terms a translation adds; not written in English guides.
    #[serde(skip)]
    pub aliases: Vec<String>,
}

/// One loaded content file: its validated front matter and its rendered body.
#[derive(Debug, Clone)]
pub struct Page<M> {
    pub meta: M,
    /// Source path relative to the site root, for messages.
    pub source: PathBuf,
    pub body: std::sync::Arc<Rendered>,
}

/// A link in a content file: as the page carries it, and where it is written.
#[derive(Debug, Clone)]
pub struct LinkSite {
    pub href: String,
    pub place: crate::diagnostics::Place,
}

/// Every content file's links in order, by source path, for `check`'s link report (looked up by path,
/// never listed, so in no particular order).
/// Shared: `httpref serve` keeps a body's links between rebuilds.
pub type LinkSites = std::collections::HashMap<PathBuf, Arc<Vec<LinkSite>>>;

/// Records every link of a Markdown text kept in a YAML field (a tree explanation, a practice
/// scenario), all at `place`: the field, since its text is not a file of its own.
pub fn record_links_at(
    links: &mut LinkSites,
    path: &std::path::Path,
    rendered: &Rendered,
    place: &crate::diagnostics::Place,
) {
    let sites = rendered.links.iter().map(|link| LinkSite {
        href: link.href.clone(),
        place: place.clone(),
    });
    Arc::make_mut(links.entry(path.to_owned()).or_default()).extend(sites);
}

/// Everything the build needs, validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub urls: Urls,
    /// When each content file and template last changed (empty without a git history).
    pub history: crate::history::History,
    pub codes: BTreeMap<StatusCode, Page<CodeMeta>>,
    pub classes: BTreeMap<Class, Page<ClassMeta>>,
    pub comparisons: BTreeMap<String, Page<CompareMeta>>,
    pub guides: BTreeMap<String, Page<GuideMeta>>,
    /// Header fields, keyed by lower-case name (the page slug).
    pub headers: BTreeMap<String, Page<HeaderMeta>>,
    /// The IANA registry copy; empty when the site keeps none.
    pub registry: crate::registry::Registry,
    /// Decision trees, keyed by slug.
    pub trees: decide::Trees,
    /// Practice scenarios, keyed by slug, in slug order (the order they are practised in).
    pub practice: BTreeMap<String, practice::Scenario>,
    /// Library constant tables (`content/libraries/`); empty when the site keeps none.
    pub libraries: crate::constants::Libraries,
    /// Browser support from MDN's browser-compat-data (`content/compat/`), if the site keeps it.
    pub compat: Option<crate::compat::Extract>,
    /// Cited documents that have no section index yet, with the reason (`content/specs/unindexed.txt`).
    pub unindexed: Vec<(String, String)>,
    pub links: LinkSites,
    /// The site in each language of `translations:`, in that order (empty in a translation's own
    /// [`Site`]).
    pub translations: Vec<translation::Translation>,
}

impl Site {
    /// The warnings of every translation (outdated pages), sorted.
    pub fn warnings(&self) -> crate::Diagnostics {
        let mut all = crate::Diagnostics::default();
        for translation in &self.translations {
            all.extend(translation.warnings.iter().cloned());
        }
        all.sorted()
    }
}
