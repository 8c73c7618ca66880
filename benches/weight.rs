//! `cargo bench --bench weight`: the transfer weight of each page type of the shipped site,
//! gzip-compressed: the HTML plus every stylesheet and script it loads (the search index, loaded
//! only on first use, is reported separately). Budget: a code page at most 30 KB in total.
//!
//! Figures only: the budget is tracked here, not in a test.

mod support;

use std::fs;
use std::path::Path;

const BUDGET: usize = 30 * 1024;

/// gzip sizes of the page and of each asset it references.
fn weigh(public: &Path, page: &str) -> (usize, usize) {
    let html = fs::read(public.join(page)).expect("page exists");
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&html));
    let selector =
        scraper::Selector::parse("link[rel=stylesheet], script[src]").expect("valid selector");
    let assets: usize = doc
        .select(&selector)
        .filter_map(|e| e.value().attr("href").or_else(|| e.value().attr("src")))
        .map(|url| {
            let asset = fs::read(public.join(url.trim_start_matches('/'))).expect("asset exists");
            support::gzip_len(&asset, 9)
        })
        .sum();
    (support::gzip_len(&html, 9), assets)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    support::shipped_site(dir.path());
    let public = support::build(dir.path());

    println!("gzip -9 sizes in KB; total = HTML + CSS + JS the page loads");
    println!(
        "{:<24} {:>8} {:>8} {:>8}",
        "page", "HTML", "assets", "total"
    );
    let pages = [
        ("home", "index.html"),
        ("class 4xx", "classes/4xx/index.html"),
        ("comparison", "compare/401-vs-403/index.html"),
        ("guide", "guides/common-mistakes/index.html"),
        ("decision tree", "decide/start/index.html"),
        ("decision question", "decide/start/outcome/index.html"),
        (
            "decision result",
            "decide/client-error/unauthorized/index.html",
        ),
        ("search", "search/index.html"),
        ("not found", "404.html"),
        ("cheat sheet", "cheatsheet/index.html"),
    ];
    for (name, page) in pages {
        let (html, assets) = weigh(&public, page);
        println!(
            "{name:<24} {:>8.1} {:>8.1} {:>8.1}",
            kb(html),
            kb(assets),
            kb(html + assets)
        );
    }
    // Every code page, to find the heaviest.
    let mut heaviest = ("", 0, 0);
    let codes: Vec<_> = fs::read_dir(public.join("codes"))
        .expect("codes")
        .filter_map(Result::ok)
        .collect();
    let names: Vec<String> = codes
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        let (html, assets) = weigh(&public, &format!("codes/{name}/index.html"));
        if html + assets > heaviest.1 + heaviest.2 {
            heaviest = (name.as_str(), html, assets);
        }
    }
    let (code, html, assets) = heaviest;
    println!(
        "{:<24} {:>8.1} {:>8.1} {:>8.1}",
        format!("heaviest code page {code}"),
        kb(html),
        kb(assets),
        kb(html + assets)
    );
    let verdict = if html + assets <= BUDGET {
        "within"
    } else {
        "OVER"
    };
    println!(
        "code page budget {:.0} KB: {verdict} ({} code pages weighed)",
        kb(BUDGET),
        names.len()
    );
    let index: Vec<_> = fs::read_dir(&public)
        .expect("public")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("search-index"))
        .collect();
    for file in index {
        let bytes = fs::read(public.join(&file)).expect("index");
        println!(
            "search index {file}: {:.1} KB raw, {:.1} KB gzip (loaded on first use)",
            kb(bytes.len()),
            kb(support::gzip_len(&bytes, 9))
        );
    }
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}
