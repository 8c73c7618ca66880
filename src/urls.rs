//! Page URLs, derived from the base URL and a page's identity, so they are never typed by hand.
//!
//! Links inside the site are root-relative paths that include the base URL's path
//! (`/http/codes/404/` under `https://example.org/http/`), so the site works at the root of a
//! domain or under a sub-path. Canonical links use the absolute form.

use std::collections::BTreeSet;
use std::sync::Arc;

use url::Url;

use crate::routes::Route;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// Always ends with `/`.
    base_url: String,
    /// The path part of the base URL; starts and ends with `/`.
    base_path: String,
    /// The language whose pages these URLs address (`None`: the site's own, at the root).
    language: Option<Arc<Language>>,
}

/// A translation's addresses: its pages live under `<code>/`, but for the entries it has no
/// translation of, whose links lead to the English page.
#[derive(Debug, PartialEq, Eq)]
struct Language {
    code: String,
    /// The site's own language (`language` in `content/site.yaml`), the language of the pages
    /// this one falls back to.
    root: String,
    /// Route paths ([`Route::path`]) that have no page in this language.
    english: BTreeSet<String>,
}

/// Why a base URL was refused (the load phase reports it at `base_url` in `content/site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("not an absolute URL ({0})")]
    NotAbsolute(url::ParseError),
    #[error("the scheme must be http or https, not `{0}`")]
    Scheme(String),
    #[error("the URL has no host")]
    NoHost,
    #[error("the URL must not have a query or fragment")]
    QueryOrFragment,
}

impl Urls {
    /// Validates and normalises a base URL: http(s), absolute, no query or fragment; a missing
    /// trailing slash is added.
    pub fn new(base_url: &str) -> Result<Urls, BaseUrlError> {
        let mut url = Url::parse(base_url.trim()).map_err(BaseUrlError::NotAbsolute)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(BaseUrlError::Scheme(url.scheme().to_owned()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(BaseUrlError::NoHost);
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(BaseUrlError::QueryOrFragment);
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(Urls {
            base_path: url.path().to_owned(),
            base_url: url.to_string(),
            language: None,
        })
    }

    /// The addresses of a translation: its pages under `/<code>/`, except the routes (by
    /// [`Route::path`]) in `english`, which it has no page for and whose links lead to the page
    /// in `root`, the site's own language.
    pub fn in_language(&self, code: &str, root: &str, english: BTreeSet<String>) -> Urls {
        Urls {
            language: Some(Arc::new(Language {
                code: code.to_owned(),
                root: root.to_owned(),
                english,
            })),
            ..self.root()
        }
    }

    /// The addresses of the site's own language, at the root.
    pub fn root(&self) -> Urls {
        Urls {
            language: None,
            ..self.clone()
        }
    }

    /// The translation's language code, or `None` for the site's own language.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref().map(|l| l.code.as_str())
    }

    /// Whether this language has the route's page itself (always, in the site's own language):
    /// false for the data kept once at the root ([`Route::shared`]) and for untranslated entries.
    pub fn serves(&self, route: Route) -> bool {
        match &self.language {
            None => true,
            Some(language) => !route.shared() && !language.english.contains(&route.path()),
        }
    }

    /// Whether a link to `route` from a page in this language leads to the English page of an
    /// entry that has no translation (links to shared data are not marked).
    pub fn falls_back(&self, route: Route) -> bool {
        (self.language.as_ref()).is_some_and(|l| l.english.contains(&route.path()))
    }

    /// The language of the page a link to `route` leads to when it is not this one's: the site's
    /// own language for an entry this translation has no page of (see [`Urls::falls_back`]).
    pub fn fallback_language(&self, route: Route) -> Option<&str> {
        (self.language.as_ref())
            .filter(|l| l.english.contains(&route.path()))
            .map(|l| l.root.as_str())
    }

    /// The route's path inside the site, without a leading slash: [`Route::path`] under the
    /// language's folder when this language serves it.
    pub fn route_path(&self, route: Route) -> String {
        match self.language() {
            Some(code) if self.serves(route) => format!("{code}/{}", route.path()),
            _ => route.path(),
        }
    }

    /// The output file of the route's page in this language, relative to the output folder.
    pub fn file(&self, route: Route) -> String {
        crate::routes::file_of(&self.route_path(route))
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The root language's address of `site_path`, an address of this language's (unchanged for
    /// other addresses, and in the root language).
    pub fn to_root(&self, site_path: &str) -> String {
        let Some(code) = self.language() else {
            return site_path.to_owned();
        };
        let prefix = format!("{}{code}/", self.base_path);
        match site_path.strip_prefix(&prefix) {
            Some(rest) => format!("{}{rest}", self.base_path),
            None => site_path.to_owned(),
        }
    }

    /// Root-relative URL of a path inside the site (`rel` has no leading slash).
    pub fn path(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel.trim_start_matches('/'))
    }

    /// Absolute URL of a root-relative site path produced by [`Urls::path`].
    pub fn absolute(&self, site_path: &str) -> String {
        let rel = site_path.strip_prefix(&self.base_path).unwrap_or(site_path);
        format!("{}{}", self.base_url, rel.trim_start_matches('/'))
    }

    /// Root-relative URL of a route: the one place page addresses come from.
    pub fn route(&self, route: Route) -> String {
        self.path(&self.route_path(route))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{Class, StatusCode};

    #[test]
    fn root_base_url() {
        let urls = Urls::new("https://example.org").unwrap();
        assert_eq!(urls.base_url(), "https://example.org/");
        assert_eq!(
            urls.route(Route::Code(StatusCode::new(404).unwrap())),
            "/codes/404/"
        );
        assert_eq!(
            urls.absolute("/codes/404/"),
            "https://example.org/codes/404/"
        );
    }

    #[test]
    fn sub_path_base_url_with_or_without_slash() {
        for base in ["https://example.org/http", "https://example.org/http/"] {
            let urls = Urls::new(base).unwrap();
            assert_eq!(urls.base_path(), "/http/");
            assert_eq!(
                urls.route(Route::Class(Class::new(4).unwrap())),
                "/http/classes/4xx/"
            );
            assert_eq!(
                urls.route(Route::Compare("401-vs-403")),
                "/http/compare/401-vs-403/"
            );
            assert_eq!(
                urls.absolute(&urls.route(Route::Home)),
                "https://example.org/http/"
            );
        }
    }

    #[test]
    fn a_language_has_its_folder_but_for_shared_data_and_untranslated_entries() {
        let urls = Urls::new("https://example.org/http/").unwrap();
        let code = |n| Route::Code(StatusCode::new(n).unwrap());
        let english = BTreeSet::from([code(418).path()]);
        let es = urls.in_language("es", "en", english);
        assert_eq!(es.language(), Some("es"));
        assert_eq!(es.route(code(429)), "/http/es/codes/429/");
        assert_eq!(es.file(code(429)), "es/codes/429/index.html");
        assert_eq!(es.route(Route::Home), "/http/es/");
        assert_eq!(es.route(code(418)), "/http/codes/418/");
        assert!(es.falls_back(code(418)) && !es.serves(code(418)));
        assert_eq!(es.fallback_language(code(418)), Some("en"));
        assert_eq!(es.fallback_language(code(404)), None);
        assert_eq!(urls.fallback_language(code(418)), None);
        assert_eq!(es.route(Route::ApiCodes), "/http/api/codes.json");
        assert!(!es.serves(Route::Sitemap) && !es.falls_back(Route::Sitemap));
        assert_eq!(es.root(), urls);
        assert_eq!(urls.route(code(429)), "/http/codes/429/");
    }

    #[test]
    fn rejects_unusable_base_urls() {
        assert!(Urls::new("example.org").is_err());
        assert!(Urls::new("ftp://example.org/").is_err());
        assert!(Urls::new("https://example.org/?q=1").is_err());
    }

    #[test]
    fn a_language_address_maps_back_to_the_root_one() {
        let urls = Urls::new("https://example.org/http/").unwrap();
        let es = urls.in_language("es", "en", std::collections::BTreeSet::new());
        assert_eq!(es.to_root("/http/es/codes/404/#x"), "/http/codes/404/#x");
        assert_eq!(es.to_root("/http/codes/404/"), "/http/codes/404/");
        assert_eq!(
            es.to_root("https://www.rfc-editor.org/rfc/rfc9110"),
            "https://www.rfc-editor.org/rfc/rfc9110"
        );
        assert_eq!(urls.to_root("/http/es/codes/404/"), "/http/es/codes/404/");
    }
}
