//! A language other than the site's own: the site with that language's words over the English
//! facts, and the state of each page's translation.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{Site, TranslationConfig};

/// The site in one translated language.
#[derive(Debug, Clone)]
pub struct Translation {
    pub config: TranslationConfig,
    /// Every entry of the English site, its language fields and body replaced by the
    /// translation's where there is one (facts are always the English entry's). Its `urls`
    /// are the English ones; the language prefix is added when routes are rendered.
    pub site: Site,
    /// The state of the translation of each English content file, by its path relative to the
    /// site root (as [`super::Page::source`]); a file missing here has no translation.
    pub pages: BTreeMap<PathBuf, PageState>,
    /// The translation file of each translated English content file (same keys as `pages`), for
    /// "Edit this page" links and dates: `content/es/codes/429.md` for `content/codes/429.md`.
    pub files: BTreeMap<PathBuf, PathBuf>,
    /// What `check` and `build` report without failing: each outdated translation, at its
    /// `source:` line.
    pub warnings: Vec<crate::diagnostics::Diagnostic>,
}

/// How a translated page stands against its English source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageState {
    /// Translates the English file as it is now.
    Current,
    /// Translates an older version of the English file: its git blob id, and the date of the
    /// first English change after it (`None` without git history).
    Outdated {
        source: String,
        since: Option<String>,
    },
}
