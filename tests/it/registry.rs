//! The IANA registry copy: its shape, and `httpref registry update`.

use std::fs;

use crate::common::*;
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

/// Runs `.github/scripts/registry-drift.sh` (what the weekly workflow runs) on a fixture site
/// against one of the CSV fixtures in tests/fixtures/registry-drift/, offline. Returns the exit
/// status, what it printed, and the output folder.
fn drift(site: &std::path::Path, csv: &str) -> (Option<i32>, String, std::path::PathBuf) {
    let out_dir = site.join("drift-out");
    let out = std::process::Command::new("bash")
        .arg(repo_root().join(".github/scripts/registry-drift.sh"))
        .arg(repo_root().join("tests/fixtures/registry-drift").join(csv))
        .arg(&out_dir)
        .env("HTTPREF", env!("CARGO_BIN_EXE_httpref"))
        .env("ROOT", site)
        .output()
        .unwrap();
    let printed = format!("{}{}", stdout(&out), stderr(&out));
    (out.status.code(), printed, out_dir)
}

#[test]
fn drift_script_reports_an_unchanged_registry() {
    let site = fixture_site(&[]);
    let (status, printed, out_dir) = drift(site.path(), "unchanged.csv");
    assert_eq!(status, Some(0), "{printed}");
    assert!(printed.contains("registry-drift: unchanged"), "{printed}");
    assert!(!out_dir.join("pr-title.txt").exists());
    assert!(!out_dir.join("pr-body.md").exists());
}

#[test]
fn drift_script_describes_a_renamed_code_with_checks_findings() {
    let site = fixture_site(&[]);
    let (status, printed, out_dir) = drift(site.path(), "renamed.csv");
    assert_eq!(status, Some(10), "{printed}");
    let title = fs::read_to_string(out_dir.join("pr-title.txt")).unwrap();
    assert!(
        title.starts_with("Registry: IANA status code registry changed (1 change, "),
        "{title}"
    );
    let body = fs::read_to_string(out_dir.join("pr-body.md")).unwrap();
    assert!(
        body.contains("- changed 404: Not Found [RFC9110, Section 15.5.5] → Page Not Found"),
        "{body}"
    );
    // check's finding, with its position, in the description.
    assert!(
        body.contains(
            "content/codes/404.md:3:7: error: name `Not Found` does not match the IANA registry"
        ),
        "{body}"
    );
    assert!(
        body.contains("= note: expected name: Page Not Found"),
        "{body}"
    );
    // The copy itself was replaced.
    let copy = fs::read_to_string(site.path().join("content/iana-status-codes.csv")).unwrap();
    assert!(copy.contains("404,Page Not Found,"), "{copy}");
}

#[test]
fn drift_script_describes_a_new_code() {
    let site = fixture_site(&[]);
    let (status, printed, out_dir) = drift(site.path(), "new-code.csv");
    assert_eq!(status, Some(10), "{printed}");
    let body = fs::read_to_string(out_dir.join("pr-body.md")).unwrap();
    assert!(
        body.contains("- added 202 Accepted [RFC9110, Section 15.3.3]"),
        "{body}"
    );
    assert!(
        body.contains("error: registered code 202 `Accepted` has no entry"),
        "{body}"
    );
    assert!(body.contains("help: add content/codes/202.md"), "{body}");
}

#[test]
fn drift_script_fails_on_a_file_that_is_not_the_registry() {
    let site = fixture_site(&[]);
    let copy = site.path().join("content/iana-status-codes.csv");
    let before = fs::read(&copy).unwrap();
    fs::write(
        site.path().join("drift-bad.csv"),
        "<html>rate limited</html>\n",
    )
    .unwrap();
    let out = std::process::Command::new("bash")
        .arg(repo_root().join(".github/scripts/registry-drift.sh"))
        .arg(site.path().join("drift-bad.csv"))
        .arg(site.path().join("drift-out"))
        .env("HTTPREF", env!("CARGO_BIN_EXE_httpref"))
        .env("ROOT", site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("the header must be"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fs::read(&copy).unwrap(), before);
}
