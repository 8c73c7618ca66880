//! Offline reading, installation, address-bar search and browser support, on built HTML: the
//! manifest and worker the build writes, the OpenSearch description, the support table from the
//! BCD extract, and `compat update`.

use std::fs;

use crate::common::*;

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn every_page_links_the_manifest_the_search_description_and_the_worker() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    for rel in [
        "index.html",
        "codes/404/index.html",
        "search/index.html",
        "404.html",
    ] {
        let html = page(&public, rel);
        assert_eq!(
            select_attrs(&html, "link[rel=manifest]", "href"),
            ["/http/manifest.webmanifest"],
            "{rel}"
        );
        assert_eq!(
            select_attrs(
                &html,
                "link[rel=search][type='application/opensearchdescription+xml']",
                "href"
            ),
            ["/http/opensearch.xml"],
            "{rel}"
        );
        assert_eq!(
            select_attrs(&html, "meta[name=theme-color]", "media"),
            [
                "(prefers-color-scheme: light)",
                "(prefers-color-scheme: dark)"
            ]
        );
        let scripts = select_attrs(&html, "script[data-worker]", "data-worker");
        assert_eq!(scripts, ["/http/sw.js"], "{rel}");
        assert_eq!(
            select_attrs(&html, "script[data-worker]", "data-scope"),
            ["/http/"]
        );
    }

    let manifest = json(&public.join("manifest.webmanifest"));
    assert_eq!(manifest["start_url"], "/http/");
    assert_eq!(manifest["scope"], "/http/");
    assert_eq!(manifest["display"], "standalone");
    let sizes: Vec<&str> = manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["sizes"].as_str().unwrap())
        .collect();
    assert!(
        sizes.contains(&"192x192") && sizes.contains(&"512x512"),
        "{sizes:?}"
    );
    for icon in manifest["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        assert!(
            public.join(src.strip_prefix("/http/").unwrap()).is_file(),
            "{src}"
        );
    }
}

#[test]
fn the_worker_caches_every_page_and_asset_under_a_version_of_the_build() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    let worker = fs::read_to_string(public.join("sw.js")).unwrap();
    let list = |name: &str| -> Vec<String> {
        let line = worker
            .lines()
            .find(|l| l.starts_with(&format!("const {name} = ")))
            .unwrap();
        let value = line
            .trim_start_matches(&format!("const {name} = "))
            .trim_end_matches(';');
        serde_json::from_str(value).unwrap()
    };
    let pages = list("PAGES");
    let immutable = list("IMMUTABLE");
    assert!(worker.contains("const SCOPE = \"/http/\";"));
    for url in [
        "/http/",
        "/http/codes/404/",
        "/http/search/",
        // The search entry names the current index: fetched from the network while online.
        "/http/search/entry.json",
        "/http/404.html",
        "/http/manifest.webmanifest",
        "/http/icon-192.png",
    ] {
        assert!(pages.contains(&url.to_owned()), "{url} in {pages:?}");
    }
    // Hashed files are served from the cache for good; the search index is one of them.
    assert!(
        immutable
            .iter()
            .any(|u| u.starts_with("/http/search-index."))
    );
    assert!(immutable.iter().any(|u| u.starts_with("/http/style.")));
    // Machine files and short addresses are left out.
    for url in pages.iter().chain(&immutable) {
        assert!(!url.contains("/api/") && !url.ends_with(".xml"), "{url}");
        assert!(
            !url.trim_start_matches("/http/").starts_with("404/"),
            "{url}"
        );
        // Everything listed exists.
        let rel = url.strip_prefix("/http/").unwrap();
        let file = if rel.is_empty() || rel.ends_with('/') {
            public.join(rel).join("index.html")
        } else {
            public.join(rel)
        };
        assert!(file.is_file(), "{url}");
    }

    // The version follows the content: same build, same worker; changed content, new version.
    let again = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    assert_eq!(fs::read_to_string(again.join("sw.js")).unwrap(), worker);
    let entry = site.path().join("content/codes/418.md");
    let text = fs::read_to_string(&entry).unwrap();
    fs::write(&entry, text.replacen("summary: ", "summary: Changed. ", 1)).unwrap();
    let changed = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    let version = |w: &str| {
        w.lines()
            .find(|l| l.starts_with("const VERSION"))
            .unwrap()
            .to_owned()
    };
    assert_ne!(
        version(&fs::read_to_string(changed.join("sw.js")).unwrap()),
        version(&worker)
    );
}

#[test]
fn the_preview_does_not_register_the_worker() {
    let site = fixture_site(&[]);
    let (_, files) =
        httpref::build_in_memory(site.path(), &httpref::LoadOptions::default()).unwrap();
    let home = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(!home.contains("data-worker"), "{home}");
    let worker = String::from_utf8(files["sw.js"].clone()).unwrap();
    assert!(worker.contains("unregister()"), "{worker}");
    assert!(!worker.contains("PAGES"));
}

#[test]
fn opensearch_description_is_valid_with_the_sub_path() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &["--base-url", "https://example.org/http/"]);
    let text = fs::read_to_string(public.join("opensearch.xml")).unwrap();
    // Parse it as XML: the root element, its namespace and the required elements.
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut seen: Vec<(String, Vec<(String, String)>)> = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let name = e.name().as_ref().to_owned();
                let attrs = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (a.key.as_ref().to_owned(), a.value.to_string())
                    })
                    .collect();
                seen.push((name, attrs));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let root = &seen[0];
    assert_eq!(root.0, "OpenSearchDescription");
    assert!(root.1.contains(&(
        "xmlns".into(),
        "http://a9.com/-/spec/opensearch/1.1/".into()
    )));
    for required in ["ShortName", "Description", "Url"] {
        assert!(seen.iter().any(|(n, _)| n == required), "{required}");
    }
    let html_url = seen
        .iter()
        .find(|(n, a)| n == "Url" && a.contains(&("type".into(), "text/html".into())))
        .expect("a text/html Url");
    let template = &html_url.1.iter().find(|(k, _)| k == "template").unwrap().1;
    assert_eq!(template, "https://example.org/http/search/?q={searchTerms}");
    let short = select_texts(&scraper::Html::parse_fragment(&text), "shortname");
    assert!(short[0].len() <= 16, "ShortName has at most 16 characters");
}

#[test]
fn code_pages_with_data_show_a_support_table() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let html = page(&public, "codes/308/index.html");
    assert_eq!(select_texts(&html, ".compat h2"), ["Browser support"]);
    assert_eq!(
        select_texts(&html, ".compat caption"),
        ["Desktop", "Mobile"]
    );
    let rows: Vec<String> = select_texts(&html, ".compat tbody th")
        .into_iter()
        .zip(select_texts(&html, ".compat tbody td"))
        .map(|(browser, since)| format!("{browser}: {since}"))
        .collect();
    // A mark, a word for screen readers (the mark is hidden from them) and the version.
    assert!(
        rows.contains(&"Chrome: ✓ supported: 36".to_owned()),
        "{rows:?}"
    );
    assert!(
        rows.contains(&"Safari on iOS: ✓ supported: 7".to_owned()),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 10, "{rows:?}");
    let source = select_texts(&html, ".compat-source");
    assert!(source[0].contains("8.1.9 (2026-11-12"), "{source:?}");
    // In the page's contents too; codes without data have no table.
    assert!(select_attrs(&html, ".toc a", "href").contains(&"#browser-support".to_owned()));
    let other = page(&public, "codes/404/index.html");
    assert!(select_texts(&other, ".compat").is_empty());
}

#[test]
fn compat_update_refuses_what_is_not_bcd_and_lists_changes() {
    let site = fixture_site(&[]);
    let extract = site.path().join("content/compat/http-status.json");
    let before = fs::read_to_string(&extract).unwrap();
    for (file, why) in [
        ("bcd-source-status.json", "no `__meta`"),
        ("../valid-site/content/site.yaml", "not JSON"),
    ] {
        let path = fixtures().join("compat").join(file);
        let out = httpref(
            site.path(),
            &["compat", "update", path.to_str().unwrap(), "--root", "."],
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(why), "{}", stderr(&out));
        assert_eq!(
            fs::read_to_string(&extract).unwrap(),
            before,
            "left as it was"
        );
    }

    // A newer release in which Firefox gained 308 later (made up): listed, then checked.
    let data = fs::read_to_string(fixtures().join("compat/bcd-308.json")).unwrap();
    let newer = data
        .replace("\"8.1.9\"", "\"8.2.0\"")
        .replacen("\"14\"", "\"15\"", 1);
    let path = site.path().join("data.json");
    fs::write(&path, newer).unwrap();
    let out = httpref(
        site.path(),
        &["compat", "update", "data.json", "--root", "."],
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.contains("BCD 8.1.9 (2026-11-12) → 8.2.0 (2026-11-12)"),
        "{text}"
    );
    assert!(text.contains("308 firefox: 14 → 15"), "{text}");
    assert!(
        text.contains("Checked "),
        "check runs after the update: {text}"
    );
}
