//! Page URLs, derived from the base URL and a page's identity, so they are never typed by hand.
//!
//! Links inside the site are root-relative paths that include the base URL's path
//! (`/http/codes/404/` under `https://example.org/http/`), so the site works at the root of a
//! domain or under a sub-path. Canonical links use the absolute form.

use url::Url;

use crate::routes::Route;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// Always ends with `/`.
    base_url: String,
    /// The path part of the base URL; starts and ends with `/`.
    base_path: String,
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
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
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
        self.path(&route.path())
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
    fn rejects_unusable_base_urls() {
        assert!(Urls::new("example.org").is_err());
        assert!(Urls::new("ftp://example.org/").is_err());
        assert!(Urls::new("https://example.org/?q=1").is_err());
    }
}
