//! Offline reading and installation: the web app manifest and the service worker.
//!
//! The worker is generated last, from what the build actually wrote through the [`Output`]: its
//! precache list names every page, the search index, the stylesheets, scripts and icons, and its
//! version is a hash of their contents. A new deploy therefore has a new worker (the browser
//! notices the changed bytes), which fills a new cache named after that version and drops the
//! old one only once the new one is whole, so a reader never gets old and new pages mixed.
//!
//! Each language has its own manifest and worker, in its folder (`/es/sw.js`, scoped to `/es/`):
//! a reader of one language gets that language's pages offline, with the files every language
//! shares, and not the other languages' pages.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::output::{Output, OutputError, Written};
use crate::model::Site;
use crate::routes::Route;

/// The browser's colours for the page's surroundings (title bar, splash screen), the pages'
/// own background in each theme (`--bg` in static/style.css).
pub const THEME_LIGHT: &str = "#ffffff";
pub const THEME_DARK: &str = "#0d1117";

/// What the worker does with the lists the build puts in front of it.
const WORKER_CODE: &str = include_str!("sw.js");
/// The worker `httpref serve` answers with: it removes any worker and cache a built copy of the
/// site left on the same address, so cached pages never hide the live preview.
const RETIRE_CODE: &str = include_str!("sw-retire.js");

/// Icons for installation, from static/ (drawn from favicon.svg; see docs/site.md).
const ICONS: [(&str, &str, &str, &str); 4] = [
    ("favicon.svg", "any", "image/svg+xml", "any"),
    ("icon-192.png", "192x192", "image/png", "any"),
    ("icon-512.png", "512x512", "image/png", "any"),
    ("icon-maskable-512.png", "512x512", "image/png", "maskable"),
];

#[derive(Serialize)]
struct Manifest<'a> {
    id: String,
    name: &'a str,
    short_name: &'a str,
    description: &'a str,
    lang: &'a str,
    start_url: String,
    scope: String,
    display: &'a str,
    background_color: &'a str,
    theme_color: &'a str,
    icons: Vec<Icon>,
}

#[derive(Serialize)]
struct Icon {
    src: String,
    sizes: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
}

/// Writes the web app manifest; icons that static/ does not have are left out of it.
pub fn write_manifest(site: &Site, output: &Output) -> Result<(), OutputError> {
    let home = site.urls.route(Route::Home);
    let manifest = Manifest {
        id: home.clone(),
        name: &site.config.title,
        short_name: &site.config.title,
        description: &site.config.description,
        lang: &site.config.language,
        start_url: home.clone(),
        scope: home,
        display: "standalone",
        background_color: THEME_LIGHT,
        theme_color: THEME_LIGHT,
        icons: ICONS
            .iter()
            .filter(|(file, ..)| output.has(file))
            .map(|&(file, sizes, kind, purpose)| Icon {
                src: site.urls.path(file),
                sizes,
                kind,
                purpose,
            })
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&manifest).expect("a manifest serializes");
    json.push(b'\n');
    output.write(&site.urls.file(Route::Manifest), &json)
}

/// What the worker caches, as the build wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Precache {
    /// Hash of every cached file's path and contents: the cache's name.
    pub version: String,
    /// Pages and other files whose address stays the same across deploys: served from the
    /// network while online, from the cache when not. Root-relative URLs.
    pub pages: Vec<String>,
    /// Files whose name carries their content hash: served from the cache for good.
    pub immutable: Vec<String>,
    /// Total size in bytes of the cached files, as written.
    pub bytes: usize,
}

/// Whether an output file belongs in the offline cache: every page, the search index, CSS, JS,
/// icons and the manifest; not the data API, the sitemap or other files for machines.
fn cached(path: &str) -> bool {
    const FOR_MACHINES: [Route; 5] = [
        Route::Sitemap,
        Route::Robots,
        Route::Redirects,
        Route::OpenSearch,
        // At the site's root: a worker's scope cannot be above its own folder.
        Route::Worker,
    ];
    let machine = path.starts_with("api/") || FOR_MACHINES.iter().any(|r| r.file() == path);
    !machine
        && [
            ".html",
            ".css",
            ".js",
            ".json",
            ".svg",
            ".png",
            ".webmanifest",
        ]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// `dir/name.<10 hex digits>.ext`: named after its content, never changes in place.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts = name.rsplitn(3, '.');
    let (_ext, hash, stem) = (parts.next(), parts.next(), parts.next());
    stem.is_some()
        && hash.is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The URL a reader uses for an output file: `codes/404/index.html` is `/codes/404/`.
fn url_of(urls: &crate::urls::Urls, path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => urls.path(dir),
        _ => urls.path(path),
    }
}

/// Whether the output file at `path` belongs to the offline copy of the language with folder
/// `own` (`es/`; empty for the site's own language), given every translation's folder: that
/// language's files, and the root's shared files (not its pages, manifest or search index).
fn in_language(path: &str, own: &str, folders: &[String]) -> bool {
    if !own.is_empty() && path.starts_with(own) {
        return true;
    }
    if folders
        .iter()
        .any(|folder| path.starts_with(folder.as_str()))
    {
        return false;
    }
    own.is_empty()
        || !(path.ends_with(".html")
            || path.ends_with(".webmanifest")
            || path.starts_with("search-index.")
            || path.starts_with("search/"))
}

/// The translations' folders (`es/`), from the site's own language's site.
pub fn folders(root: &Site) -> Vec<String> {
    (root.translations.iter())
        .map(|t| format!("{}/", t.config.code))
        .collect()
}

/// The precache list of what has been written so far for the language of `site` (whose own
/// folder is `own`, among the translations' `folders`), but for the paths in `skip`.
pub fn precache(
    site: &Site,
    written: &BTreeMap<String, Written>,
    skip: &HashSet<String>,
    folders: &[String],
) -> Precache {
    let own = site
        .urls
        .language()
        .map(|code| format!("{code}/"))
        .unwrap_or_default();
    let mut hasher = Sha256::new();
    let mut pages = Vec::new();
    let mut immutable = Vec::new();
    let mut bytes = 0;
    for (path, file) in written
        .iter()
        .filter(|(path, _)| cached(path) && !skip.contains(*path))
        .filter(|(path, _)| in_language(path, &own, folders))
    {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update(file.sha256);
        bytes += file.len;
        let url = url_of(&site.urls.root(), path);
        if is_hashed(path) {
            immutable.push(url);
        } else {
            pages.push(url);
        }
    }
    let version = hasher
        .finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect();
    Precache {
        version,
        pages,
        immutable,
        bytes,
    }
}

/// Writes the service worker of the language of `site` (`root` is the site's own language's),
/// after everything it caches. `enabled` is false for the preview server, which gets a worker
/// that removes itself. `skip` names pages left out of the cache.
pub fn write_worker(
    site: &Site,
    root: &Site,
    output: &Output,
    enabled: bool,
    skip: &HashSet<String>,
) -> Result<(), OutputError> {
    let file = site.urls.file(Route::Worker);
    if !enabled {
        return output.write(&file, RETIRE_CODE.as_bytes());
    }
    let list = precache(site, &output.written(), skip, &folders(root));
    fn json(v: &impl Serialize) -> String {
        serde_json::to_string(v).expect("strings serialize")
    }
    let code = format!(
        "// Generated by `httpref build`: the offline copy of this build of the site.\n\
         const VERSION = {version};\n\
         const SCOPE = {scope};\n\
         // {bytes} bytes in all.\n\
         const PAGES = {pages};\n\
         const IMMUTABLE = {immutable};\n\n{WORKER_CODE}",
        version = json(&list.version),
        scope = json(&site.urls.route(Route::Home)),
        bytes = list.bytes,
        pages = json(&list.pages),
        immutable = json(&list.immutable),
    );
    output.write(&file, code.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("style.3f9a1c2b7d.css"));
        assert!(is_hashed("search-index.0123456789.json"));
        assert!(!is_hashed("favicon.svg"));
        assert!(!is_hashed("codes/404/index.html"));
        assert!(!is_hashed("manifest.webmanifest"));
    }

    #[test]
    fn machine_files_stay_out_of_the_cache() {
        assert!(cached("codes/404/index.html"));
        assert!(cached("404.html"));
        assert!(cached("search-index.0123456789.json"));
        assert!(cached("icon-192.png"));
        assert!(!cached("api/codes.json"));
        assert!(!cached("api/codes/404.json"));
        assert!(!cached("sitemap.xml"));
        assert!(!cached("sw.js"));
    }

    #[test]
    fn each_language_caches_its_own_pages_and_the_shared_files() {
        let folders = ["es/".to_owned()];
        assert!(in_language("codes/404/index.html", "", &folders));
        assert!(!in_language("es/codes/404/index.html", "", &folders));
        assert!(in_language("es/codes/404/index.html", "es/", &folders));
        assert!(in_language("style.0123456789.css", "es/", &folders));
        assert!(!in_language("codes/404/index.html", "es/", &folders));
        assert!(!in_language(
            "search-index.0123456789.json",
            "es/",
            &folders
        ));
        assert!(!in_language("manifest.webmanifest", "es/", &folders));
        assert!(!in_language("search/entry.json", "es/", &folders));
        assert!(in_language("search.0123456789.js", "es/", &folders));
    }
}
