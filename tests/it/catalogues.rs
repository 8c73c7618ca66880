//! The interface catalogues (`templates/i18n/<code>.ftl`): pages take their words from the
//! catalogue of their language, and scripts get theirs from the page's JSON block.

use std::fs;

use crate::common::*;

/// The words of the page's `#strings` block, as scripts read them.
fn strings(public: &std::path::Path, rel: &str) -> serde_json::Value {
    let html = page(public, rel);
    let blocks = select_texts(&html, r#"script#strings[type="application/json"]"#);
    assert_eq!(blocks.len(), 1, "{rel}: one strings block");
    serde_json::from_str(&blocks[0]).unwrap()
}

#[test]
fn english_pages_carry_the_scripts_words_as_data() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    for rel in [
        "index.html",
        "codes/404/index.html",
        "check/index.html",
        "404.html",
    ] {
        let words = strings(&public, rel);
        let words = words.as_object().unwrap();
        assert!(
            words.keys().all(|k| k.starts_with("js-")),
            "{rel}: {words:?}"
        );
        assert_eq!(words["js-site-copy"], "Copy", "{rel}");
    }
    // A count is its plural variants, chosen in the browser with Intl.PluralRules.
    let words = strings(&public, "index.html");
    assert_eq!(words["js-search-count"]["select"], "count");
    assert_eq!(
        words["js-search-count"]["variants"]["one"],
        "{$count} result"
    );
    assert_eq!(
        words["js-search-count"]["variants"]["other"],
        "{$count} results"
    );
    // The page's own words, unchanged by the move into the catalogue.
    let home = page(&public, "index.html");
    assert_eq!(select_texts(&home, "h1"), ["HTTP status codes"]);
    assert_eq!(select_texts(&home, ".site-search button"), ["Search"]);
}

#[test]
fn a_site_in_spanish_takes_every_word_from_the_spanish_catalogue() {
    let site = fixture_site(&[]);
    let config = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.replace("language: en", "language: es")).unwrap();
    let public = build_ok(site.path(), &[]);
    let home = page(&public, "index.html");
    assert_eq!(select_attrs(&home, "html", "lang"), ["es"]);
    assert_eq!(select_texts(&home, "h1"), ["Códigos de estado HTTP"]);
    assert_eq!(select_texts(&home, ".skip-link"), ["Saltar al contenido"]);
    assert_eq!(
        select_attrs(&home, ".site-search input[type=search]", "placeholder")[0],
        "404, prohibido…"
    );
    let code = page(&public, "codes/404/index.html");
    assert!(
        select_texts(&code, ".fact-label").contains(&"Cuerpo:".to_owned()),
        "{:?}",
        select_texts(&code, ".fact-label")
    );
    assert_eq!(
        select_texts(&code, ".toc-side .toc-title"),
        ["En esta página"]
    );
    let words = strings(&public, "index.html");
    assert_eq!(words["js-site-copy"], "Copiar");
    assert_eq!(
        words["js-search-count"]["variants"]["other"],
        "{$count} resultados"
    );
}
