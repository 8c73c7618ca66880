//! The site in every language: each translation's site with its own addresses (`/<code>/`, and
//! the English page for an entry it has not translated), and what a page shows of the others
//! (`hreflang` alternates, the language switcher, the outdated-translation notice).

use std::path::Path;

use serde::Serialize;

use crate::model::translation::{PageState, Translation};
use crate::model::{Direction, Site};
use crate::routes::Route;
use crate::urls::Urls;

/// The site's languages: its own first, then each of `translations:`.
pub(crate) struct Languages {
    /// Each translation's site, with its language, description and addresses.
    pub sites: Vec<Site>,
    /// Every language's code and addresses, the site's own first.
    urls: Vec<(String, Urls)>,
}

impl Languages {
    pub fn new(site: &Site) -> Languages {
        let sites: Vec<Site> = (site.translations.iter())
            .map(|translation| translated_site(site, translation))
            .collect();
        let urls = std::iter::once((site.config.language.clone(), site.urls.clone()))
            .chain((sites.iter()).map(|s| (s.config.language.clone(), s.urls.clone())))
            .collect();
        Languages { sites, urls }
    }

    /// Each language's code and addresses, the site's own first.
    pub fn urls(&self) -> &[(String, Urls)] {
        &self.urls
    }

    /// What the page at `route`, in the language of `urls`, shows of every language: its
    /// address there (or that language's home page, where the page has no translation).
    pub fn of_page(&self, urls: &Urls, route: Route) -> Vec<PageLanguage> {
        let route = route.canonical();
        (self.urls.iter())
            .map(|(code, other)| {
                let has_page = other.serves(route);
                let url = other.route(if has_page { route } else { Route::Home });
                PageLanguage {
                    code: code.clone(),
                    absolute: other.absolute(&url),
                    url,
                    has_page,
                    current: other.language() == urls.language(),
                }
            })
            .collect()
    }
}

/// A language as one page shows it: in its `hreflang` links and the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct PageLanguage {
    /// The BCP 47 tag (`en`, `es`).
    pub code: String,
    /// The page in that language, or that language's home page when `has_page` is false.
    pub url: String,
    pub absolute: String,
    /// Whether the page exists in that language.
    pub has_page: bool,
    /// Whether it is the page's own language.
    pub current: bool,
}

/// The notice a translated page shows when it translates an older version of its English page.
#[derive(Debug, Clone, Serialize)]
pub struct Outdated {
    /// The English page.
    pub english_url: String,
    /// When the English page changed after the translated version (`YYYY-MM-DD`), if known.
    pub since: Option<String>,
}

/// The outdated notice for the page made from `source` in `translation`, if it needs one.
pub fn outdated(
    translation: Option<&Translation>,
    source: &Path,
    english: &Urls,
    route: Route,
) -> Option<Outdated> {
    match translation?.pages.get(source)? {
        PageState::Current => None,
        PageState::Outdated { since, .. } => Some(Outdated {
            english_url: english.route(route.canonical()),
            since: since.clone(),
        }),
    }
}

/// The writing direction's `dir` value.
pub fn dir(direction: Direction) -> &'static str {
    match direction {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    }
}

/// The site of one translation, addressed under its language's folder.
fn translated_site(site: &Site, translation: &Translation) -> Site {
    let mut out = translation.site.clone();
    let code = &translation.config.code;
    out.urls = (site.urls).in_language(
        code,
        &site.config.language,
        translation.untranslated_routes(site),
    );
    out.config.language.clone_from(code);
    out.config
        .description
        .clone_from(&translation.config.description);
    out.translations.clear();
    out
}
