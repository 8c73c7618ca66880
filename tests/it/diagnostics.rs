//! Every failure mode `check` knows, one invalid fixture each: `check` and `build` exit 1 and
//! name the file, line, column and field of every problem, and the full report is a snapshot
//! (tests/it/snapshots/). A case is a folder `tests/fixtures/invalid/<case>/`, laid over the valid
//! site, whose `expected.txt` lists what the report must hold:
//!
//! - `# ...`: a comment, saying what the case is about;
//! - `contains: TEXT` / `lacks: TEXT`: the report holds TEXT / does not;
//! - `build succeeds`: `build` writes the site anyway (links and anchors are `check`'s gate);
//! - any other line: the start of one problem line (`path:line:col: error: message`); the report
//!   has exactly as many problem lines as these.
//!
//! Adding a case is adding a folder and accepting its snapshot (`cargo insta review`). The first
//! comment line is the case's row in docs/cli.md's problem catalogue (`docs.rs`). The few cases
//! that need more than that have their own test below and are named in `OWN_TEST`.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use rayon::prelude::*;

use crate::common::*;

/// Fixture folders checked by a test of their own; their `expected.txt` only says what they are.
const OWN_TEST: &[&str] = &["many-repeated-keys", "template-render-budget"];

/// Runs `check` on the valid fixture with `case` laid over it; returns stderr.
fn check_case(site: &Path) -> String {
    let out = httpref(site, &["check", "--root", "."]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "check should fail:\n{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing on stdout when check fails"
    );
    assert!(!site.join("public").exists(), "check never writes");
    err
}

/// Asserts each `path:line:col: error: message` prefix appears at the start of a line, and that
/// the report has no other problem line.
fn assert_locations(report: &str, expected: &[&str]) {
    for prefix in expected {
        assert!(
            report.lines().any(|l| l.starts_with(prefix)),
            "missing `{prefix}` in:\n{report}"
        );
    }
    let count = report.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(
        count,
        expected.len(),
        "unexpected number of problems in:\n{report}"
    );
}

/// What one case's `expected.txt` says.
#[derive(Default)]
struct Expected {
    problems: Vec<String>,
    contains: Vec<String>,
    lacks: Vec<String>,
    build_succeeds: bool,
}

impl Expected {
    fn read(case: &str) -> Expected {
        let path = fixtures().join("invalid").join(case).join(EXPECTED);
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut expected = Expected::default();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if let Some(text) = line.strip_prefix("contains: ") {
                expected.contains.push(text.to_owned());
            } else if let Some(text) = line.strip_prefix("lacks: ") {
                expected.lacks.push(text.to_owned());
            } else if line == "build succeeds" {
                expected.build_succeeds = true;
            } else {
                expected.problems.push(line.to_owned());
            }
        }
        assert!(
            !expected.problems.is_empty() || !expected.contains.is_empty(),
            "{}: names no problem and no text, so it could not fail",
            path.display()
        );
        expected
    }
}

/// Checks one case against its `expected.txt` and its snapshot, then runs `build` on it.
fn case(name: &str) {
    let expected = Expected::read(name);
    let site = fixture_site(&[name]);
    let report = check_case(site.path());
    if !expected.problems.is_empty() {
        let prefixes: Vec<&str> = expected.problems.iter().map(String::as_str).collect();
        assert_locations(&report, &prefixes);
    }
    for text in &expected.contains {
        assert!(
            report.contains(text.as_str()),
            "missing `{text}` in:\n{report}"
        );
    }
    for text in &expected.lacks {
        assert!(
            !report.contains(text.as_str()),
            "unexpected `{text}` in:\n{report}"
        );
    }
    insta::assert_snapshot!(name, report);

    let out = httpref(site.path(), &["build", "--root", "."]);
    if expected.build_succeeds {
        assert!(out.status.success(), "{}", stderr(&out));
    } else {
        // `build` reports the same problems and writes nothing.
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(&out), report);
        assert!(!site.path().join("public").exists());
    }
}

/// The names of the fixture folders under `tests/fixtures/invalid/`, sorted.
fn case_folders() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_invalid_fixture_reports_what_its_folder_expects() {
    let folders = case_folders();
    let cases: Vec<&String> = folders
        .iter()
        .filter(|name| !OWN_TEST.contains(&name.as_str()))
        .collect();
    // A folder without `expected.txt` would otherwise be skipped without a word.
    for name in &folders {
        assert!(
            fixtures()
                .join("invalid")
                .join(name)
                .join(EXPECTED)
                .is_file(),
            "tests/fixtures/invalid/{name}/ has no {EXPECTED}"
        );
    }
    for name in OWN_TEST {
        assert!(
            folders.iter().any(|f| f == name),
            "no fixture folder {name}"
        );
    }
    assert!(cases.len() >= 90, "only {} cases found", cases.len());

    let failed: Vec<&str> = cases
        .par_iter()
        .filter(|name| catch_unwind(AssertUnwindSafe(|| case(name))).is_err())
        .map(|name| name.as_str())
        .collect();
    assert!(
        failed.is_empty(),
        "cases that failed (each printed above): {failed:?}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    let site = fixture_site(&[]);
    std::os::unix::fs::symlink(
        "does-not-exist.md",
        site.path().join("content/codes/402.md"),
    )
    .unwrap();
    let report = check_case(site.path());
    assert_locations(
        &report,
        &["content/codes/402.md:1:1: error: cannot read file:"],
    );
}

#[test]
fn github_format_prints_annotations() {
    let site = fixture_site(&["many-problems"]);
    let out = httpref(site.path(), &["check", "--root", ".", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(lines.len(), 6, "{lines:#?}");
    assert!(
        lines.iter().all(|l| l.starts_with("::error file=")),
        "{lines:#?}"
    );
    assert_eq!(
        lines[1],
        "::error file=content/codes/404.md,line=3,col=1,title=httpref check%3A nmae::unknown field `nmae`%0Aexpected: one of `code`, `name`, `display_name`, `summary`, `status`, `expires`, `spec`, `related`, `aliases`, `former_names`, `content`, `caching`, `retry`, `first_steps`, `headers`, `constants`, `vendor_uses`%0Ahint: did you mean `name`?"
    );
    insta::assert_snapshot!("github-format", stdout(&out));
}

#[test]
fn a_content_folder_that_cannot_be_listed_is_reported_once() {
    // Tests run as root here, so permissions cannot make a folder unreadable: a file where the
    // folder should be fails the same way. Links to comparisons (401.md has one) are not
    // reported as broken, since nobody can tell which comparisons exist.
    let site = fixture_site(&[]);
    let compare = site.path().join("content/compare");
    std::fs::remove_dir_all(&compare).unwrap();
    std::fs::write(&compare, "not a folder\n").unwrap();
    let report = check_case(site.path());
    assert_locations(
        &report,
        &["content/compare:1:1: error: this is not a folder"],
    );
    insta::assert_snapshot!("content-folder-not-listable", report);
}

#[test]
fn a_file_lists_fifty_problems_and_counts_the_rest() {
    let site = fixture_site(&["many-repeated-keys"]);
    let report = check_case(site.path());
    // An unknown field and 60 repeated keys: 50 listed, then one line for the other 11.
    assert_eq!(
        report
            .lines()
            .filter(|l| l.contains(": error: duplicate field `rfc`"))
            .count(),
        49,
        "{report}"
    );
    assert!(
        report.lines().any(|l| l
            .starts_with("content/codes/404.md:61:18: error: and 11 more problems in this file")),
        "{report}"
    );
    assert!(
        report.starts_with("== content/codes/404.md (61 problems)"),
        "{report}"
    );
    assert!(
        report.trim_end().ends_with("61 problems found in 1 file"),
        "{report}"
    );
}

#[test]
fn a_template_over_its_render_budget_stops_with_the_template_and_the_page() {
    let site = fixture_site(&["template-render-budget"]);
    let started = std::time::Instant::now();
    let report = check_case(site.path());
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "stopped in time"
    );
    let problems: Vec<&str> = report.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(problems.len(), 1, "{report}");
    // The inner loop crosses the bound: its iteration count, or in a slow (debug) build the
    // page's time.
    assert!(
        problems[0].starts_with(
            "templates/code.html:2:76: error: template error: render budget exceeded: "
        ),
        "{report}"
    );
    assert!(
        problems[0].contains("(while rendering content/codes/"),
        "{report}"
    );
}
