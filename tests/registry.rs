//! The IANA registry copy: its shape, and `httpref registry update`.

mod common;

use std::fs;

use common::*;
use httpref::registry::Registry;

#[test]
fn shipped_copy_assigns_the_64_registered_codes() {
    let text = fs::read_to_string(repo_root().join("content/iana-status-codes.csv")).unwrap();
    let registry = Registry::parse(&text).unwrap();
    assert_eq!(registry.assigned().count(), 64);
    assert_eq!(registry.get(413).unwrap().name(), "Content Too Large");
    assert_eq!(registry.get(422).unwrap().name(), "Unprocessable Content");
    assert!(registry.get(104).unwrap().is_temporary());
    assert!(registry.get(427).is_none());
    // Every shipped assigned code has an entry (the check also enforces this).
    for row in registry.assigned() {
        assert!(
            repo_root()
                .join(format!("content/codes/{}.md", row.first))
                .is_file(),
            "{} has no entry",
            row.first
        );
    }
}

#[test]
fn update_replaces_the_copy_lists_changes_and_checks_entries() {
    let site = fixture_site(&["registry-mismatch"]);
    let copy = site.path().join("content/iana-status-codes.csv");
    let downloaded = site.path().join("downloaded.csv");
    let fixed = fs::read_to_string(&copy)
        .unwrap()
        .replace("404,Missing", "404,Not Found")
        .replace(
            "401,Unauthorized,\"[RFC9110, Section 15.5.3]\"",
            "401,Unauthorized,\"[RFC9110, Section 15.5.2]\"",
        )
        .replace(
            "402,Payment Required,\"[RFC9110, Section 15.5.3]\"",
            "402,Unassigned,",
        )
        .replace(
            "501-599",
            "501-502,Unassigned,\n503,Service Unavailable,\"[RFC9110, Section 15.6.4]\"\n504-599",
        );
    fs::write(&downloaded, &fixed).unwrap();

    let out = httpref(
        site.path(),
        &["registry", "update", "downloaded.csv", "--root", "."],
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{}\n{}", text, stderr(&out));
    assert!(text.contains("changed 404: Missing"), "{text}");
    assert!(text.contains("added 503 Service Unavailable"), "{text}");
    assert!(text.contains("removed 402 Payment Required"), "{text}");
    assert!(text.contains("no problems found"), "{text}");
    assert_eq!(
        Registry::parse(&fs::read_to_string(&copy).unwrap()).unwrap(),
        Registry::parse(&fixed).unwrap()
    );
}

#[test]
fn update_refuses_a_file_that_is_not_the_registry() {
    let site = fixture_site(&["registry-mismatch"]);
    let copy = site.path().join("content/iana-status-codes.csv");
    let before = fs::read(&copy).unwrap();
    fs::write(site.path().join("wrong.csv"), "code,name\n404,Not Found\n").unwrap();
    let out = httpref(
        site.path(),
        &["registry", "update", "wrong.csv", "--root", "."],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: wrong.csv:1: the header must be"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(&copy).unwrap(), before);
}
