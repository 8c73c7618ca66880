//! The checker (`/check/`): its rules file is made from the code entries, so an edited rule edits
//! the file, and the same content gives the same bytes; its page explains itself without
//! JavaScript (no visible form), is in the menu, and every code page links to it with its code.

use std::fs;

use crate::common::*;
use serde_json::Value;

fn rules(public: &std::path::Path) -> (Vec<u8>, Value) {
    let bytes = fs::read(public.join("check/rules.json")).unwrap();
    let value = serde_json::from_slice(&bytes).unwrap();
    (bytes, value)
}

#[test]
fn the_rules_file_reflects_the_entries() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let (bytes, value) = rules(&public);
    let code = &value["codes"]["401"];
    assert_eq!(code["name"], "Unauthorized");
    assert_eq!(code["status"], "standard");
    assert_eq!(code["url"], "/codes/401/");
    assert_eq!(code["content"], "allowed");
    assert_eq!(code["spec"]["label"], "RFC 9110 §15.5.2");
    let rule = &code["headers"][0];
    assert_eq!(rule["name"], "WWW-Authenticate");
    assert_eq!(rule["level"], "MUST");
    assert_eq!(rule["message"], "response");
    assert_eq!(rule["applies"], "always");
    assert_eq!(rule["note"], "At least one challenge.");
    assert_eq!(
        rule["spec"]["url"],
        "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2"
    );
    assert_eq!(
        value["fields"]["www-authenticate"],
        "/headers/www-authenticate/"
    );
    assert_eq!(value["codes"]["499"]["status"], "unofficial");
    assert!(value["codes"].get("427").is_none(), "no entry, no rules");
    let codes = value["codes"].as_object().unwrap().len();
    let entries = fs::read_dir(site.path().join("content/codes"))
        .unwrap()
        .count();
    assert_eq!(codes, entries, "one rules entry per code entry");

    // The same content gives the same bytes.
    let again = build_ok(site.path(), &[]);
    assert_eq!(rules(&again).0, bytes);

    // A corrected rule corrects the checker.
    let file = site.path().join("content/codes/401.md");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replace(
        "    note: At least one challenge.\n",
        "    applies: unseen\n    note: One challenge or more.\n",
    );
    assert_ne!(edited, text);
    fs::write(&file, edited).unwrap();
    let (_, value) = rules(&build_ok(site.path(), &[]));
    let rule = &value["codes"]["401"]["headers"][0];
    assert_eq!(rule["applies"], "unseen");
    assert_eq!(rule["note"], "One challenge or more.");
}

#[test]
fn the_page_works_without_javascript_and_every_code_links_to_it() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let page = page(&public, "check/index.html");
    assert_eq!(select_texts(&page, "h1"), ["Check a response"]);
    // The HTML parser reads `<noscript>` as text, as a browser with scripting on does.
    let notice = select_texts(&page, "noscript");
    assert_eq!(notice.len(), 1);
    assert!(notice[0].contains("needs JavaScript"), "{notice:?}");
    assert!(notice[0].contains(r#"href="/codes/""#), "{notice:?}");
    // The form is there for the script to reveal, hidden until then.
    assert_eq!(
        select_attrs(&page, "form#check-form[hidden]", "data-rules"),
        ["/check/rules.json"]
    );
    assert_eq!(select_attrs(&page, "textarea#check-input", "id").len(), 1);
    let scripts = select_attrs(&page, "script[src]", "src");
    assert!(
        scripts
            .iter()
            .any(|s| s.starts_with("/check.") && s.ends_with(".js")),
        "{scripts:?}"
    );
    assert!(
        select_texts(&page, "p")
            .iter()
            .any(|p| p.contains("Nothing you paste leaves your browser"))
    );
    assert_eq!(
        select_attrs(&page, ".menu-panel a[aria-current]", "href"),
        ["/check/"]
    );

    let mut codes = 0;
    for entry in fs::read_dir(site.path().join("content/codes")).unwrap() {
        let stem = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let html = crate::common::page(&public, &format!("codes/{stem}/index.html"));
        let links = select_attrs(&html, ".check-link a", "href");
        assert_eq!(links, [format!("/check/?code={stem}")], "codes/{stem}/");
        codes += 1;
    }
    assert!(codes >= 5, "{codes} code pages");
}
