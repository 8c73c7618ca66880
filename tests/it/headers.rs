//! Header field pages on the shipped site: a field's page lists every code that uses it with
//! the level its code page shows, code pages link their fields, and the API and the search index
//! carry the same.

use std::collections::BTreeMap;

use crate::common::*;
use scraper::Selector;

/// The rows of a page's "Status codes that use it" table: code number to (level, code URL).
fn uses(public: &std::path::Path, rel: &str) -> BTreeMap<String, (String, String)> {
    let html = page(public, rel);
    let rows = Selector::parse(".header-uses tbody tr").unwrap();
    let link = Selector::parse("td:first-child a").unwrap();
    let level = Selector::parse(".level").unwrap();
    html.select(&rows)
        .map(|row| {
            let a = row.select(&link).next().expect("a code link in every row");
            let text: String = a.text().collect();
            let code = text.split_whitespace().next().unwrap().to_owned();
            let level: String = row.select(&level).next().unwrap().text().collect();
            (code, (level, a.attr("href").unwrap().to_owned()))
        })
        .collect()
}

#[test]
fn retry_after_lists_its_codes_and_429_links_to_it() {
    let (_guard, public) = build_shipped(&[]);
    let rows = uses(&public, "headers/retry-after/index.html");
    for (code, level) in [("413", "SHOULD"), ("429", "MAY"), ("503", "MAY")] {
        let (found, url) = rows.get(code).unwrap_or_else(|| panic!("{code}: {rows:?}"));
        assert_eq!(found, level, "{code}");
        assert_eq!(url, &format!("/codes/{code}/"));
    }
    let html = page(&public, "headers/retry-after/index.html");
    assert_eq!(select_texts(&html, "h1"), ["Retry-After"]);
    assert_eq!(
        select_texts(&html, ".header-syntax"),
        ["Retry-After = HTTP-date / delay-seconds"]
    );
    assert!(
        select_attrs(&html, ".defined-in a", "href")[0].ends_with("rfc9110#section-10.2.3"),
        "the defining section comes first"
    );

    // Bodies link other fields with `header:` links.
    assert_eq!(
        select_attrs(&html, ".prose a[href='/headers/location/']", "href").len(),
        1
    );

    // The 429 page links the field from its header table and its facts strip.
    let html = page(&public, "codes/429/index.html");
    let table = select_attrs(&html, "table.headers a[href^='/headers/']", "href");
    assert_eq!(table, ["/headers/retry-after/"]);

    // The index lists every field once, naming the codes that use it.
    let index = page(&public, "headers/index.html");
    let names = select_texts(&index, ".headers-list tbody td:first-child");
    let files = std::fs::read_dir(repo_root().join("content/headers"))
        .unwrap()
        .count();
    assert_eq!(names.len(), files);
    assert!(names.contains(&"Retry-After".to_owned()), "{names:?}");
    let row = Selector::parse(".headers-list tbody tr").unwrap();
    let retry_after = index
        .select(&row)
        .find(|r| r.text().any(|t| t == "Retry-After"))
        .unwrap();
    let counted: String = retry_after.text().collect();
    let named: Vec<String> = rows.keys().cloned().collect();
    assert!(counted.ends_with(&named.join(", ")), "{counted}");
}

#[test]
fn every_code_page_links_each_of_its_fields() {
    let (_guard, public) = build_shipped(&[]);
    for entry in std::fs::read_dir(public.join("codes")).unwrap() {
        let code = entry.unwrap().file_name().to_string_lossy().into_owned();
        if code == "index.html" {
            continue; // the index of every code
        }
        let html = page(&public, &format!("codes/{code}/index.html"));
        let fields = select_texts(&html, "table.headers td:first-child");
        let links = select_attrs(&html, "table.headers td:first-child a", "href");
        assert_eq!(fields.len(), links.len(), "{code}: every field is a link");
        for (field, link) in fields.iter().zip(&links) {
            assert_eq!(link, &format!("/headers/{}/", field.to_ascii_lowercase()));
            // And the field's page lists this code.
            let rel = format!("{}index.html", link.trim_start_matches('/'));
            assert!(uses(&public, &rel).contains_key(&code), "{code} on {rel}");
        }
    }
}

#[test]
fn the_api_lists_each_field_with_the_codes_that_use_it() {
    let (_guard, public) = build_shipped(&[]);
    let api: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("api/headers.json")).unwrap()).unwrap();
    assert_eq!(api["version"], 1);
    let headers = api["headers"].as_array().unwrap();
    let retry_after = headers
        .iter()
        .find(|h| h["name"] == "Retry-After")
        .expect("Retry-After is listed");
    assert!(
        retry_after["url"]
            .as_str()
            .unwrap()
            .ends_with("/headers/retry-after/")
    );
    let levels: BTreeMap<u64, &str> = retry_after["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["code"].as_u64().unwrap(), c["level"].as_str().unwrap()))
        .collect();
    assert_eq!(levels.get(&429), Some(&"MAY"));
    assert_eq!(levels.get(&413), Some(&"SHOULD"));
    // The same rule as the code's own API entry.
    let code: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join("api/codes/429.json")).unwrap()).unwrap();
    let rule = &code["code"]["headers"][0];
    assert_eq!(rule["name"], "Retry-After");
    assert_eq!(rule["url"], retry_after["url"]);
    let listed = retry_after["codes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == 429)
        .unwrap();
    assert_eq!(listed["note"], rule["note"]);
    assert_eq!(listed["spec"], rule["spec"]);
}

/// Term to [(page URL, tier)].
type Postings = BTreeMap<String, Vec<(String, u8)>>;

/// The search index's postings for each term, and each page's title by URL.
fn search_index(public: &std::path::Path) -> (Postings, BTreeMap<String, String>) {
    let name = std::fs::read_dir(public)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|f| f.starts_with("search-index."))
        .unwrap();
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(public.join(name)).unwrap()).unwrap();
    let docs = index["docs"].as_array().unwrap();
    let postings: Vec<&str> = index["postings"].as_str().unwrap().split(';').collect();
    let tiers: Vec<&str> = index["tiers"].as_str().unwrap().split(' ').collect();
    let mut previous = String::new();
    let mut found = BTreeMap::new();
    for (i, entry) in index["terms"].as_str().unwrap().split(' ').enumerate() {
        let shared = usize::from_str_radix(&entry[..1], 36).unwrap();
        previous = format!("{}{}", &previous[..shared], &entry[1..]);
        let mut doc = 0;
        let list = postings[i]
            .split(',')
            .zip(tiers[i].bytes())
            .map(|(gap, tier)| {
                doc += usize::from_str_radix(gap, 36).unwrap();
                (docs[doc][1].as_str().unwrap().to_owned(), tier - b'0')
            })
            .collect();
        found.insert(previous.clone(), list);
    }
    let titles = docs
        .iter()
        .map(|d| (d[1].as_str().unwrap().into(), d[0].as_str().unwrap().into()))
        .collect();
    (found, titles)
}

#[test]
fn search_finds_a_field_by_its_name() {
    let (_guard, public) = build_shipped(&[]);
    let (postings, titles) = search_index(&public);
    // Pages with every word of the field's name in a name (tier 0 or 1), and the words in a row
    // in their title, which the client ranks above scattered words: only the field's own page.
    let named = |words: &[&str]| -> Vec<String> {
        let sets: Vec<Vec<&String>> = words
            .iter()
            .map(|w| {
                postings[*w]
                    .iter()
                    .filter(|(_, tier)| *tier <= 1)
                    .map(|(url, _)| url)
                    .collect()
            })
            .collect();
        sets[0]
            .iter()
            .filter(|url| sets.iter().all(|s| s.contains(url)))
            .filter(|url| {
                let title = titles[url.as_str()].to_lowercase().replace('-', " ");
                title.contains(&words.join(" "))
            })
            .map(|url| url.to_string())
            .collect()
    };
    assert_eq!(named(&["retry", "after"]), ["/headers/retry-after/"]);
    assert_eq!(
        named(&["www", "authenticate"]),
        ["/headers/www-authenticate/"]
    );
    // Typed as one word, too; the codes that send the field are posted under that word (so
    // `retry-after` finds 429 and 503, not 449 "Retry With", whose name merely has both words),
    // but not a code where it is a request field (If-None-Match on 412) or one it must not send.
    let whole =
        |term: &str| -> Vec<&str> { postings[term].iter().map(|(url, _)| url.as_str()).collect() };
    let retry_after = whole("retryafter");
    for url in ["/headers/retry-after/", "/codes/429/", "/codes/503/"] {
        assert!(retry_after.contains(&url), "{url} in {retry_after:?}");
    }
    assert!(!retry_after.contains(&"/codes/449/"), "{retry_after:?}");
    let if_none_match = whole("ifnonematch");
    assert!(if_none_match.contains(&"/headers/if-none-match/"));
    assert!(!if_none_match.contains(&"/codes/412/"), "{if_none_match:?}");
}
