//! Shared helpers for the integration tests: fixture sites in temp dirs, the CLI, and HTML parsing.

#[cfg(feature = "serve")]
pub mod serve_client;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo_root().join("tests").join("fixtures")
}

/// Copies every file under `from` into `to`, replacing files that exist. A file named
/// `NAME.prepend` is written before the start of `NAME` instead (a case that adds a few lines to
/// a large file, such as a catalogue, without copying the rest, whose line numbers then stay put).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if let Some(name) = target.to_str().and_then(|t| t.strip_suffix(".prepend")) {
            let mut text = fs::read_to_string(entry.path()).unwrap();
            text.push_str(&fs::read_to_string(name).unwrap());
            fs::write(name, text).unwrap();
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The file in each `tests/fixtures/invalid/<case>/` folder that lists what `check` reports.
pub const EXPECTED: &str = "expected.txt";

/// A site root in a temp dir: the project's templates and static files, the valid fixture
/// content, then the files of each overlay (an invalid case) on top.
pub fn fixture_site(overlays: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &repo_root().join("templates"),
        &dir.path().join("templates"),
    );
    copy_tree(&repo_root().join("static"), &dir.path().join("static"));
    copy_tree(&fixtures().join("valid-site"), dir.path());
    for overlay in overlays {
        copy_tree(&fixtures().join("invalid").join(overlay), dir.path());
    }
    // An invalid case's `expected.txt` says what `check` reports; it is no file of the site.
    let expected = dir.path().join(EXPECTED);
    if expected.exists() {
        fs::remove_file(expected).unwrap();
    }
    dir
}

/// Runs the httpref binary with `args` in `cwd`.
pub fn httpref(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_httpref"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Builds `site` into `site/public` and panics with the diagnostics if it fails.
pub fn build_ok(site: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "--root", "."];
    args.extend_from_slice(extra);
    let out = httpref(site, &args);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    site.join("public")
}

/// Builds the repository's own site into a temp dir (kept alive by the returned guard), with
/// `extra` arguments after `build --root . --out DIR`; panics with the diagnostics if it fails.
pub fn build_shipped(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let out_dir = tempfile::tempdir().unwrap();
    let public = out_dir.path().join("public");
    let mut args = vec!["build", "--root", ".", "--out", public.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = httpref(&repo_root(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    (out_dir, public)
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn page(public: &Path, rel: &str) -> Html {
    let path = public.join(rel);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn select_texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn select_attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// Checks that every internal link and fragment on every page resolves to a written file and an
/// element id. `base_path` is the site's path prefix (`/` or `/http/`). Returns the broken links.
pub fn broken_links(public: &Path, base_path: &str) -> Vec<String> {
    let pages = snapshot_dir(public);
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (rel, bytes) in &pages {
        if rel.ends_with(".html") {
            let html = Html::parse_document(&String::from_utf8_lossy(bytes));
            ids.insert(rel.clone(), select_attrs(&html, "[id]", "id"));
        }
    }
    let mut broken = Vec::new();
    for (rel, bytes) in &pages {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(&String::from_utf8_lossy(bytes));
        for href in select_attrs(&html, "a[href], link[href]", "href") {
            if href.starts_with("http://") || href.starts_with("https://") {
                continue;
            }
            let (path, fragment) = href
                .split_once('#')
                .map_or((href.as_str(), None), |(p, f)| (p, Some(f)));
            // A query reaches the same static file (`/check/?code=404`).
            let path = path.split_once('?').map_or(path, |(p, _)| p);
            let target = if path.is_empty() {
                rel.clone()
            } else {
                let Some(inside) = path.strip_prefix(base_path) else {
                    broken.push(format!(
                        "{rel}: {href} is outside the base path {base_path}"
                    ));
                    continue;
                };
                if inside.is_empty() || inside.ends_with('/') {
                    format!("{inside}index.html")
                } else {
                    inside.to_owned()
                }
            };
            if !pages.contains_key(&target) {
                broken.push(format!("{rel}: {href} (no file {target})"));
            } else if let Some(fragment) = fragment
                && !ids
                    .get(&target)
                    .is_some_and(|ids| ids.iter().any(|id| id == fragment))
            {
                broken.push(format!("{rel}: {href} (no id {fragment} in {target})"));
            }
        }
    }
    broken
}
