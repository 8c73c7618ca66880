//! Every language a site of its own, on built HTML: a translation's pages under `/<code>/`, the
//! data kept once at the root, `hreflang` alternates (reciprocal), the sitemap's alternates, the
//! language switcher, an untranslated entry linked to English and marked, the outdated notice,
//! and each language's search index.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::PathBuf;

use httpref::model::translation::PageState;
use scraper::{Html, Selector};

use crate::common::*;

const BASE: &str = "https://fixture.example.org/";

/// The valid fixture with a Spanish translation in `site.yaml`.
fn spanish_fixture() -> tempfile::TempDir {
    let site = fixture_site(&[]);
    let config = site.path().join("content/site.yaml");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str("translations:\n  - code: es\n    description: Una referencia pequeña.\n");
    fs::write(&config, text).unwrap();
    site
}

/// Every HTML file built, relative, with `/` separators.
fn html_files(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    (files.keys())
        .filter(|path| path.ends_with(".html"))
        .cloned()
        .collect()
}

/// Every content file the site's pages are made from: a complete translation translates each.
fn sources(site: &httpref::Site) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    out.extend(site.codes.values().map(|p| p.source.clone()));
    out.extend(site.classes.values().map(|p| p.source.clone()));
    out.extend(site.comparisons.values().map(|p| p.source.clone()));
    out.extend(site.guides.values().map(|p| p.source.clone()));
    out.extend(site.headers.values().map(|p| p.source.clone()));
    out.extend(site.trees.0.values().map(|t| t.source.clone()));
    out.extend(site.practice.values().map(|s| s.source.clone()));
    out
}

/// The output file an absolute page address is written to.
fn file_of(url: &str) -> String {
    let rel = url.strip_prefix(BASE).expect("a URL of the site");
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_owned()
    }
}

/// `hreflang` → address of a page's alternates.
fn alternates(html: &Html) -> BTreeMap<String, String> {
    let selector = Selector::parse("link[rel=alternate][hreflang]").unwrap();
    html.select(&selector)
        .map(|l| {
            let attr = |name| l.value().attr(name).unwrap().to_owned();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

#[test]
fn a_translation_has_every_page_and_the_shared_data_stays_at_the_root() {
    let files = render_with(|_| {});
    let english: Vec<String> = html_files(&files)
        .into_iter()
        .filter(|path| !path.starts_with("es/"))
        .collect();
    assert!(english.len() > 30, "{english:?}");
    for path in &english {
        assert!(
            files.contains_key(&format!("es/{path}")),
            "es/{path} missing"
        );
    }
    let under = |folder: &str| files.keys().any(|f| f.starts_with(folder));
    for shared in [
        "api/",
        "sitemap.xml",
        "robots.txt",
        "_redirects",
        "check/rules.json",
    ] {
        assert!(under(shared), "{shared}");
        assert!(!under(&format!("es/{shared}")), "es/{shared}");
    }
    for own in [
        "manifest.webmanifest",
        "sw.js",
        "opensearch.xml",
        "search/entry.json",
    ] {
        assert!(files.contains_key(&format!("es/{own}")), "es/{own}");
    }

    let html = html_of(&files, "es/codes/404/index.html");
    assert_eq!(select_attrs(&html, "html", "lang"), ["es"]);
    assert_eq!(select_attrs(&html, "html", "dir"), ["ltr"]);
    // Same section ids as English: a deep link works in either language.
    let ids = |html: &Html| select_attrs(html, "h2[id]", "id");
    assert_eq!(ids(&html), ids(&html_of(&files, "codes/404/index.html")));
    // Shared files come from the root; the language's own pages from its folder.
    let css = select_attrs(&html, "link[rel=stylesheet]", "href");
    assert!(css[0].starts_with("/style."), "{css:?}");
    assert_eq!(select_attrs(&html, "a.site-title", "href"), ["/es/"]);
    assert_eq!(
        select_attrs(&html, "script[data-worker]", "data-worker"),
        ["/es/sw.js"]
    );
    assert!(!select_attrs(&html, "a[href='/es/classes/4xx/']", "href").is_empty());

    // The switcher: each language named in itself, the current one marked, same page.
    let switcher = "nav.lang-panel a";
    assert_eq!(select_texts(&html, switcher), ["English", "Español"]);
    assert_eq!(
        select_attrs(&html, switcher, "href"),
        ["/codes/404/", "/es/codes/404/"]
    );
    assert_eq!(
        select_attrs(&html, &format!("{switcher}[aria-current]"), "lang"),
        ["es"]
    );

    let text = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    let redirects = text("_redirects");
    assert!(
        redirects.lines().any(|l| l == "/es/* /es/404.html 404"),
        "{redirects}"
    );
    assert!(
        redirects
            .lines()
            .any(|l| l == "/es/404/ /es/codes/404/ 301")
    );
    let opensearch = text("es/opensearch.xml");
    assert!(opensearch.contains(&format!("template=\"{BASE}es/search/?q={{searchTerms}}\"")));
    let manifest: serde_json::Value =
        serde_json::from_slice(&files["es/manifest.webmanifest"]).unwrap();
    assert_eq!(
        (manifest["lang"].as_str(), manifest["scope"].as_str()),
        (Some("es"), Some("/es/"))
    );
}

#[test]
fn hreflang_alternates_are_reciprocal_and_lead_to_built_pages() {
    let files = render_with(|_| {});
    let mut checked = 0;
    for path in html_files(&files) {
        let html = html_of(&files, &path);
        if select_attrs(&html, "meta[http-equiv=refresh]", "content").len() == 1 {
            continue; // short addresses only send the reader on
        }
        let own = alternates(&html);
        assert_eq!(
            own.keys().collect::<Vec<_>>(),
            ["en", "es", "x-default"],
            "{path}"
        );
        assert_eq!(own["x-default"], own["en"], "{path}");
        for (lang, url) in own.iter().filter(|(l, _)| *l != "x-default") {
            let target = file_of(url);
            assert!(files.contains_key(&target), "{path}: {lang} → {url}");
            let theirs = alternates(&html_of(&files, &target));
            assert_eq!(theirs, own, "{path} and {target} disagree");
            let lang_attr = select_attrs(&html_of(&files, &target), "html", "lang");
            assert_eq!(lang_attr, [lang.as_str()], "{target}");
        }
        checked += 1;
    }
    assert!(checked > 60, "{checked}");
}

/// Each `<url>` of the sitemap: its address and its alternates (`hreflang` → address).
fn sitemap(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, BTreeMap<String, String>> {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(&files["sitemap.xml"]).unwrap();
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut out, mut loc, mut alts) = (BTreeMap::new(), String::new(), BTreeMap::new());
    let mut in_loc = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "loc" => in_loc = true,
            Event::Text(t) if in_loc => {
                loc = t
                    .xml_content(quick_xml::XmlVersion::Implicit1_0)
                    .into_owned();
            }
            Event::End(e) if e.name().as_ref() == "loc" => in_loc = false,
            Event::Empty(e) if e.name().as_ref() == "xhtml:link" => {
                let attrs: BTreeMap<String, String> = (e.attributes().flatten())
                    .map(|a| (a.key.as_ref().to_owned(), a.value.into_owned()))
                    .collect();
                alts.insert(attrs["hreflang"].clone(), attrs["href"].clone());
            }
            Event::End(e) if e.name().as_ref() == "url" => {
                out.insert(std::mem::take(&mut loc), std::mem::take(&mut alts));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_sitemap_lists_every_page_in_every_language_with_its_alternates() {
    let urls = sitemap(&render_with(|_| {}));
    for page in [
        "",
        "codes/404/",
        "decide/",
        "practice/expired-token/",
        "search/",
    ] {
        let en = format!("{BASE}{page}");
        let es = format!("{BASE}es/{page}");
        let expected = BTreeMap::from([
            ("en".to_owned(), en.clone()),
            ("es".to_owned(), es.clone()),
            ("x-default".to_owned(), en.clone()),
        ]);
        assert_eq!(urls.get(&en), Some(&expected), "{en}");
        assert_eq!(urls.get(&es), Some(&expected), "{es}");
    }
    assert!(
        !urls
            .keys()
            .any(|u| u.contains("/api/") || u.ends_with("404.html"))
    );
}

/// Loads the Spanish fixture, lets `change` edit the model, and renders it in memory.
fn render_with(change: impl FnOnce(&mut httpref::Site)) -> BTreeMap<String, Vec<u8>> {
    let site_dir = spanish_fixture();
    let root = site_dir.path();
    let (mut site, renderer) =
        httpref::load(root, &httpref::LoadOptions::default()).expect("the fixture loads");
    // A complete translation, whatever the load phase found (the fixture has no Spanish files).
    let every = sources(&site);
    site.translations[0].pages = (every.into_iter())
        .map(|source| (source, PageState::Current))
        .collect();
    change(&mut site);
    let output = httpref::Output::memory();
    httpref::render::to_output(&site, root, &renderer, &output).expect("it renders");
    output.into_files()
}

fn html_of(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Html {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} not built"));
    Html::parse_document(std::str::from_utf8(bytes).unwrap())
}

#[test]
fn an_untranslated_entry_is_linked_in_english_and_marked_an_outdated_one_says_so_and_rtl_flows() {
    let untranslated = PathBuf::from("content/codes/403.md");
    let outdated = PathBuf::from("content/codes/401.md");
    let files = render_with(|site| {
        let pages = &mut site.translations[0].pages;
        assert!(pages.remove(&untranslated).is_some());
        let since = Some("2026-11-30".to_owned());
        let source = "0123456789abcdef0123456789abcdef01234567".to_owned();
        pages.insert(outdated.clone(), PageState::Outdated { source, since });
        // A right-to-left language's direction reaches its pages.
        site.translations[0].config.dir = httpref::model::Direction::Rtl;
    });
    let rtl = html_of(&files, "es/index.html");
    assert_eq!(select_attrs(&rtl, "html", "dir"), ["rtl"]);
    assert_eq!(
        select_attrs(&html_of(&files, "index.html"), "html", "dir"),
        ["ltr"]
    );
    assert!(!files.contains_key("es/codes/403/index.html"));
    assert!(!files.contains_key("es/403/index.html"));
    assert!(files.contains_key("codes/403/index.html"));

    // A link to it from a Spanish page leads to the English page, marked as English.
    let class = html_of(&files, "es/classes/4xx/index.html");
    let selector = Selector::parse("a[href='/codes/403/']").unwrap();
    let links: Vec<_> = class.select(&selector).collect();
    assert!(!links.is_empty());
    for link in links {
        assert_eq!(link.value().attr("hreflang"), Some("en"));
        let mark = Selector::parse(".english-mark").unwrap();
        let text: String = link.select(&mark).flat_map(|m| m.text()).collect();
        // Said in the page's language.
        assert_eq!(text, "(en inglés)");
    }
    assert_eq!(
        select_attrs(&class, "a[href='/es/codes/404/']", "hreflang"),
        Vec::<String>::new()
    );

    // The English page has no Spanish alternate, and its switcher says so.
    let english = html_of(&files, "codes/403/index.html");
    assert_eq!(
        alternates(&english).into_keys().collect::<Vec<_>>(),
        ["en", "x-default"]
    );
    assert_eq!(
        select_attrs(&english, "nav.lang-panel a[lang=es]", "href"),
        ["/es/"]
    );
    assert_eq!(
        select_texts(&english, "nav.lang-panel a[lang=es] .lang-missing"),
        ["(not translated yet)"]
    );

    // The outdated translation shows the notice, linking the English page, with the date.
    let notice = html_of(&files, "es/codes/401/index.html");
    assert_eq!(
        select_attrs(&notice, "main .outdated-notice a", "href"),
        ["/codes/401/"]
    );
    assert_eq!(
        select_attrs(&notice, "main .outdated-notice time", "datetime"),
        ["2026-11-30"]
    );
    let current = html_of(&files, "es/codes/404/index.html");
    assert!(select_texts(&current, ".outdated-notice").is_empty());
    assert!(select_texts(&html_of(&files, "codes/401/index.html"), ".outdated-notice").is_empty());
}

/// The terms of a search index file (front-coded; see `render::search`).
fn index_terms(index: &serde_json::Value) -> BTreeSet<String> {
    let mut previous = String::new();
    let mut out = BTreeSet::new();
    for entry in index["terms"].as_str().unwrap().split(' ') {
        let mut chars = entry.chars();
        let shared = chars.next().unwrap().to_digit(36).unwrap() as usize;
        let term: String = previous.chars().take(shared).chain(chars).collect();
        out.insert(term.clone());
        previous = term;
    }
    out
}

fn search_index(files: &BTreeMap<String, Vec<u8>>, entry: &str) -> serde_json::Value {
    let entry: serde_json::Value = serde_json::from_slice(&files[entry]).unwrap();
    let url = entry["index"].as_str().unwrap();
    serde_json::from_slice(&files[url.trim_start_matches('/')]).unwrap()
}

#[test]
fn each_language_has_its_own_search_index_with_folded_terms() {
    let code = httpref::model::StatusCode::new(401).unwrap();
    let files = render_with(|site| {
        let translated = &mut site.translations[0].site;
        let meta = &mut translated.codes.get_mut(&code).unwrap().meta;
        meta.local_name = Some("No autorizado".to_owned());
        meta.summary = "Falta una autorización válida para la petición.".to_owned();
    });
    let english = search_index(&files, "search/entry.json");
    let spanish = search_index(&files, "es/search/entry.json");
    let urls = |index: &serde_json::Value| -> Vec<String> {
        (index["docs"].as_array().unwrap().iter())
            .map(|d| d[1].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        urls(&spanish).iter().all(|u| u.starts_with("/es/")),
        "{:?}",
        urls(&spanish)
    );
    assert!(urls(&english).iter().all(|u| !u.starts_with("/es/")));
    let terms = index_terms(&spanish);
    // Spanish words, folded; numbers, English names and constants too.
    for term in [
        "autorizado",
        "autorizacion",
        "peticion",
        "valida",
        "401",
        "unauthorized",
    ] {
        assert!(terms.contains(term), "{term} not in the Spanish index");
    }
    assert!(!terms.contains("autorización"));
    assert!(!index_terms(&english).contains("autorizacion"));
}
