//! What every page of one language gets as `site`: the site's name, its language and the
//! addresses the header, footer and scripts need.

use serde::Serialize;

use super::{ClassLink, decide};
use crate::model::Site;
use crate::routes::Route;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    /// The site's own language (`content/site.yaml`'s `language`), which names codes in every
    /// language: a translated page marks those names with it.
    pub root_language: String,
    /// Whether the site has translations (the sitemap then lists alternates).
    pub multilingual: bool,
    /// The language's writing direction (`ltr`, `rtl`), for `<html dir>`.
    pub dir: &'static str,
    pub base_url: String,
    /// The language's home page (`/es/` for a translation).
    pub home_url: String,
    /// The site's root, where the files every language shares are (stylesheets, scripts,
    /// icons, the JSON API): the base URL's path.
    pub root_url: String,
    /// The search page's absolute address, for the OpenSearch description.
    pub search_absolute: String,
    /// The classes, for the header's navigation.
    pub classes: Vec<ClassLink>,
    /// The first question of "Which status code should I use?", if the site has decision trees.
    pub decide_url: Option<String>,
    /// The search entry file (it names the hashed index), fetched by the search client on first use.
    pub search_entry_url: String,
    /// The index of header fields, if the site has any.
    pub headers_url: Option<String>,
    /// The practice index, if the site has practice scenarios.
    pub practice_url: Option<String>,
    /// The indexes of comparisons and guides, when the site has any.
    pub compare_url: Option<String>,
    pub guides_url: Option<String>,
    /// Every code on one page (`/codes/`), and the five classes (`/classes/`).
    pub codes_url: String,
    pub classes_url: String,
    pub search_url: String,
    /// Whether pages register the offline service worker (`sw.js`).
    pub offline: bool,
    /// The worker's address.
    pub worker_url: String,
    /// The browser's colours around the page (`<meta name="theme-color">`), per theme.
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
}

/// The site view of `site` in its language; `direction` is the language's writing direction,
/// `root_language` the site's own language.
pub fn site(
    site: &Site,
    search_entry_url: &str,
    direction: crate::model::Direction,
    root_language: &str,
) -> SiteView {
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        root_language: root_language.to_owned(),
        multilingual: !site.config.translations.is_empty(),
        dir: crate::render::languages::dir(direction),
        base_url: site.urls.base_url().to_owned(),
        home_url: site.urls.route(Route::Home),
        root_url: site.urls.base_path().to_owned(),
        search_absolute: site.urls.absolute(&site.urls.route(Route::Search)),
        classes: site
            .classes
            .iter()
            .map(|(class, page)| ClassLink {
                slug: class.slug(),
                name: page.meta.name.clone(),
                url: site.urls.route(Route::Class(*class)),
            })
            .collect(),
        decide_url: decide::start_url(site),
        search_entry_url: search_entry_url.to_owned(),
        headers_url: (!site.headers.is_empty()).then(|| site.urls.route(Route::Headers)),
        practice_url: (!site.practice.is_empty()).then(|| site.urls.route(Route::PracticeIndex)),
        compare_url: (!site.comparisons.is_empty()).then(|| site.urls.route(Route::CompareIndex)),
        guides_url: (!site.guides.is_empty()).then(|| site.urls.route(Route::GuidesIndex)),
        codes_url: site.urls.route(Route::CodesIndex),
        classes_url: site.urls.route(Route::ClassesIndex),
        search_url: site.urls.route(Route::Search),
        offline: true,
        worker_url: site.urls.route(Route::Worker),
        theme_light: crate::render::offline::THEME_LIGHT,
        theme_dark: crate::render::offline::THEME_DARK,
    }
}
