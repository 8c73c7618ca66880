//! A language other than the site's own: the site with that language's words over the English
//! facts, and the state of each page's translation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::{Site, TranslationConfig};
use crate::routes::Route;

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

impl Translation {
    /// The route paths ([`Route::path`]) of every entry page of the English `site` whose content
    /// file this translation does not translate: the pages the language has not got, whose links
    /// lead to English ([`crate::urls::Urls::in_language`]).
    pub fn untranslated_routes(&self, site: &Site) -> BTreeSet<String> {
        untranslated_routes(site, |source| self.pages.contains_key(source))
    }
}

/// The route paths of every entry page of the English `site` whose content file is not
/// `translated`: see [`Translation::untranslated_routes`]. The load phase asks this before the
/// translation is built, to resolve the links of its bodies.
pub fn untranslated_routes(site: &Site, translated: impl Fn(&Path) -> bool) -> BTreeSet<String> {
    let missing = |source: &Path| !translated(source);
    let mut routes: Vec<Route> = Vec::new();
    for page in site.codes.values().filter(|p| missing(&p.source)) {
        routes.extend([
            Route::Code(page.meta.code),
            Route::ShortAddress(page.meta.code),
        ]);
    }
    for (class, _) in site.classes.iter().filter(|(_, p)| missing(&p.source)) {
        routes.push(Route::Class(*class));
    }
    for (slug, _) in site.comparisons.iter().filter(|(_, p)| missing(&p.source)) {
        routes.push(Route::Compare(slug));
    }
    for (slug, _) in site.guides.iter().filter(|(_, p)| missing(&p.source)) {
        routes.push(Route::Guide(slug));
    }
    for (slug, _) in site.headers.iter().filter(|(_, p)| missing(&p.source)) {
        routes.push(Route::Header(slug));
    }
    for (slug, tree) in site.trees.0.iter().filter(|(_, t)| missing(&t.source)) {
        routes.push(Route::Tree(slug));
        routes.extend((tree.nodes.iter()).map(|n| Route::Node {
            tree: slug,
            node: &n.id,
        }));
    }
    for (slug, scenario) in site.practice.iter().filter(|(_, s)| missing(&s.source)) {
        routes.push(Route::Practice(slug));
        routes.extend(
            (scenario.options.iter()).map(|o| Route::PracticeAnswer { slug, code: o.code }),
        );
    }
    routes.iter().map(Route::path).collect()
}
