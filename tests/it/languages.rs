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
        ["(aún sin traducir)"],
        "said in the language the reader would switch to"
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

/// The shipped site rendered once, in memory (the pipeline `build` runs), for the tests below,
/// with what the load phase says Japanese translates.
struct Shipped {
    files: BTreeMap<String, Vec<u8>>,
    base: String,
    /// Each code and whether Japanese translates it.
    codes: BTreeMap<u16, bool>,
}

fn shipped() -> &'static Shipped {
    static SHIPPED: std::sync::OnceLock<Shipped> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        let root = repo_root();
        let (site, renderer) = httpref::load(&root, &httpref::LoadOptions::default())
            .unwrap_or_else(|e| panic!("the shipped content loads: {e}"));
        let ja = (site.translations.iter())
            .find(|t| t.config.code == "ja")
            .expect("ja is a language of the site");
        let codes = (site.codes.values())
            .map(|c| (c.meta.code.get(), ja.pages.contains_key(&c.source)))
            .collect();
        let output = httpref::Output::memory();
        httpref::render::to_output(&site, &root, &renderer, &output).expect("it renders");
        Shipped {
            files: output.into_files(),
            base: site.config.base_url.clone(),
            codes,
        }
    })
}

/// Issue 23: Japanese has a page for each entry it translates and none for the others (the
/// unofficial codes, comparisons, guides, header fields, practice scenarios), not even a short
/// address; the sitemap lists no Japanese address for them and their English and Spanish
/// entries name no Japanese alternate.
#[test]
fn the_shipped_japanese_site_has_no_page_for_an_entry_it_lacks() {
    let Shipped { files, base, codes } = shipped();
    for absent in [
        "ja/compare/401-vs-403/index.html",
        "ja/codes/499/index.html",
        "ja/499/index.html",
        "ja/headers/retry-after/index.html",
        "ja/guides/common-mistakes/index.html",
        "ja/practice/accept-header-xml-only/index.html",
    ] {
        assert!(!files.contains_key(absent), "{absent} is built");
    }
    let lacking = codes.values().filter(|translated| !**translated).count();
    assert_eq!((codes.len(), lacking), (89, 25));
    for (code, translated) in codes {
        for page in [
            format!("codes/{code}/index.html"),
            format!("{code}/index.html"),
        ] {
            assert!(files.contains_key(&page), "{page}");
            assert!(files.contains_key(&format!("es/{page}")), "es/{page}");
            assert_eq!(
                files.contains_key(&format!("ja/{page}")),
                *translated,
                "ja/{page}"
            );
        }
    }
    // The kinds Japanese has not started: the index page only, listing the English pages.
    for folder in ["compare", "guides", "headers", "practice"] {
        let under = |prefix: &str| -> Vec<&String> {
            (files.keys())
                .filter(|f| f.starts_with(prefix) && f.ends_with(".html"))
                .collect()
        };
        assert!(under(&format!("{folder}/")).len() > 3, "{folder}");
        assert_eq!(
            under(&format!("ja/{folder}/")),
            [&format!("ja/{folder}/index.html")]
        );
    }

    let urls = sitemap(files);
    let ja_locs: Vec<&String> = (urls.keys())
        .filter(|u| u.starts_with(&format!("{base}ja/")))
        .collect();
    assert!(ja_locs.len() > 64, "{}", ja_locs.len());
    for loc in &ja_locs {
        let rel = loc.strip_prefix(base.as_str()).unwrap();
        assert!(files.contains_key(&format!("{rel}index.html")), "{loc}");
    }
    let names = |page: &str| -> Vec<String> {
        let loc = format!("{base}{page}");
        let alts = (urls.get(&loc)).unwrap_or_else(|| panic!("{loc} not in the sitemap"));
        alts.keys().cloned().collect()
    };
    for page in [
        "codes/429/",
        "ja/codes/429/",
        "es/codes/429/",
        "ja/decide/start/",
    ] {
        assert_eq!(names(page), ["en", "es", "ja", "x-default"], "{page}");
    }
    for page in [
        "compare/401-vs-403/",
        "es/compare/401-vs-403/",
        "codes/499/",
        "headers/retry-after/",
        "guides/common-mistakes/",
        "practice/accept-header-xml-only/",
    ] {
        assert_eq!(names(page), ["en", "es", "x-default"], "{page}");
    }
}

/// Every language's short addresses (`/429/`, `/es/429/`, `/ja/429/`) lead to that language's
/// page of the same code, in the page and in `_redirects`, for each code it has a page of.
#[test]
fn each_short_address_leads_to_the_same_code_in_its_language() {
    let Shipped { files, codes, .. } = shipped();
    let redirects = String::from_utf8(files["_redirects"].clone()).unwrap();
    for prefix in ["", "es/", "ja/"] {
        for code in codes.keys() {
            let target = format!("/{prefix}codes/{code}/");
            if !files.contains_key(&format!("{prefix}codes/{code}/index.html")) {
                continue;
            }
            let page = html_of(files, &format!("{prefix}{code}/index.html"));
            assert_eq!(
                select_attrs(&page, "meta[http-equiv=refresh]", "content"),
                [format!("0; url={target}")],
                "/{prefix}{code}/"
            );
            let canonical = select_attrs(&page, "link[rel=canonical]", "href");
            assert!(
                canonical[0].ends_with(&target),
                "/{prefix}{code}/: {canonical:?}"
            );
            assert!(
                select_texts(&page, "h1")[0].starts_with(&code.to_string()),
                "/{prefix}{code}/"
            );
            for from in [format!("/{prefix}{code}"), format!("/{prefix}{code}/")] {
                let rule = format!("{from} {target} 301");
                assert!(redirects.lines().any(|l| l == rule), "{rule}");
            }
        }
    }
}

/// Where a link sits on its page, for a failure message: the nearest classes around it.
fn placed(link: scraper::ElementRef<'_>) -> String {
    (link.ancestors().filter_map(scraper::ElementRef::wrap))
        .filter_map(|e| e.value().attr("class"))
        .take(2)
        .collect::<Vec<_>>()
        .join(" < ")
}

/// The links of the Japanese pages to an English page (not data, not another language) that
/// do not carry `hreflang="en"` and the "（英語）" mark, inside Markdown bodies (`.prose`) if
/// `body`, outside them if not: "file: href (where)".
fn unmarked_english_links(body: bool) -> Vec<String> {
    let files = &shipped().files;
    let links = Selector::parse("main a[href^='/']").unwrap();
    let mark = Selector::parse(".english-mark").unwrap();
    let prose = Selector::parse(".prose").unwrap();
    let mut found = Vec::new();
    let mut english = 0;
    for path in html_files(files).iter().filter(|p| p.starts_with("ja/")) {
        let html = html_of(files, path);
        let in_prose: std::collections::HashSet<_> = (html.select(&prose))
            .flat_map(|p| p.descendants().map(|d| d.id()))
            .collect();
        for link in html.select(&links) {
            let href = link.value().attr("href").unwrap();
            let data = ["/api/", "/sitemap.xml", "/es/", "/ja/", "/check/rules.json"];
            if data.iter().any(|d| href.starts_with(d)) || in_prose.contains(&link.id()) != body {
                continue;
            }
            english += 1;
            let page = href.split('#').next().unwrap();
            assert!(
                files.contains_key(&format!("{}index.html", &page[1..])),
                "{path}: {href} is not a page"
            );
            let marks: String = link.select(&mark).flat_map(|m| m.text()).collect();
            if link.value().attr("hreflang") != Some("en") || marks != "（英語）" {
                found.push(format!("{path}: {href} ({})", placed(link)));
            }
        }
    }
    assert!(english > 10, "only {english} links to English pages seen");
    found
}

/// Fails listing up to 25 of the unmarked links `found`, spread over the list.
fn assert_all_marked(found: &[String]) {
    assert!(
        found.is_empty(),
        "{} links unmarked, e.g.:\n{}",
        found.len(),
        found
            .iter()
            .step_by(found.len().div_ceil(25).max(1))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Issue 23: from a Japanese page, a link to a page Japanese lacks leads to the English page
/// and says so (`hreflang="en"`, "（英語）"): the cards and rows of lists, fact tables, related
/// comparisons, decision results, the pager, everywhere outside Markdown bodies.
#[test]
fn japanese_pages_mark_every_link_to_an_english_page() {
    assert_all_marked(&unmarked_english_links(false));
}

/// The same inside Markdown bodies: the renderer adds `hreflang="en"` and an empty mark to a body
/// link it resolved to an English page, and the render fills the mark with "（英語）".
#[test]
fn japanese_markdown_bodies_mark_every_link_to_an_english_page() {
    assert_all_marked(&unmarked_english_links(true));
}
