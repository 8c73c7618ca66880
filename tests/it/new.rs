//! `httpref new`: scaffolds with every required field, prefilled from the registry where it can,
//! that never overwrite, and whose blanks `httpref check` lists.

use crate::common::*;

fn new(site: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--root", "."]);
    httpref(site, &all)
}

#[test]
fn a_registered_code_is_prefilled_from_the_registry() {
    let site = fixture_site(&["registry-mismatch"]);
    let out = new(site.path(), &["code", "402"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().next().unwrap(),
        "Wrote content/codes/402.md: fill in the empty fields and sections, then run `httpref check`."
    );
    let text = std::fs::read_to_string(site.path().join("content/codes/402.md")).unwrap();
    assert!(
        text.contains("\ncode: 402\n")
            && text.contains("\nname: \"Payment Required\"\n")
            && text.contains("\nstatus: standard\n"),
        "{text}"
    );
    assert!(
        text.contains("  - { rfc: 9110, section: \"15.5.3\", title: \"\" }"),
        "{text}"
    );
    for section in [
        "What it means",
        "When to use it",
        "Example",
        "How clients should handle it",
        "Common mistakes",
    ] {
        assert!(text.contains(&format!("\n## {section}\n")), "{section}");
    }
    // Every field parses; what is left to do is reported, and nothing else about this file.
    let report = stderr(&httpref(site.path(), &["check", "--root", "."]));
    let mine: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("content/codes/402.md:") && l.contains(": error: "))
        .collect();
    let messages: Vec<&str> = mine
        .iter()
        .map(|l| l.split(": error: ").nth(1).unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "`summary` is empty [field `summary`]",
            "the reference has no `title` [field `spec[0]`]",
            "section `## What it means` is empty",
            "section `## When to use it` is empty",
            "no example exchange",
            "section `## Example` is empty",
            "section `## How clients should handle it` is empty",
            "section `## Common mistakes` is empty",
        ],
        "{report}"
    );
}

#[test]
fn an_unregistered_code_is_scaffolded_as_unofficial_with_a_vendor() {
    let site = fixture_site(&[]);
    assert!(new(site.path(), &["code", "520"]).status.success());
    let text = std::fs::read_to_string(site.path().join("content/codes/520.md")).unwrap();
    assert!(
        text.contains("\nstatus: unofficial\n")
            && text.contains("\nspec: []\n")
            && text.contains("vendor_uses:"),
        "{text}"
    );
    assert!(text.contains("\n## Where you meet it\n"));
    let report = stderr(&httpref(site.path(), &["check", "--root", "."]));
    for blank in [
        "`name` is empty",
        "`vendor` is empty",
        "`meaning` is empty",
        "reference URL is not absolute",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with("content/codes/520.md:") && l.contains(blank)),
            "{blank}: {report}"
        );
    }
}

#[test]
fn comparisons_and_trees_are_scaffolded_too() {
    let site = fixture_site(&[]);
    let out = new(site.path(), &["compare", "404", "403"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.path().join("content/compare/403-vs-404.md")).unwrap();
    assert!(
        text.contains("title: \"403 vs 404\"") && text.contains("codes: [403, 404]"),
        "{text}"
    );

    assert!(new(site.path(), &["tree", "caching"]).status.success());
    let report = stderr(&httpref(site.path(), &["check", "--root", "."]));
    assert!(
        report.contains(
            "content/decide/caching.yaml:9:15: error: node `first-question`: the question is empty"
        ),
        "{report}"
    );
    assert!(
        !report.contains("invalid YAML") && !report.contains("unknown field"),
        "{report}"
    );
}

#[test]
fn a_header_field_is_scaffolded_with_every_field() {
    let site = fixture_site(&[]);
    let out = new(site.path(), &["header", "Retry-After"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(site.path().join("content/headers/retry-after.md")).unwrap();
    for field in [
        "name: Retry-After",
        "summary:",
        "syntax:",
        "examples:",
        "spec:",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    // It parses: `check` reports only what is left to fill in, each at its place.
    let report = stderr(&httpref(site.path(), &["check", "--root", "."]));
    assert!(
        !report.contains("invalid YAML") && !report.contains("unknown field"),
        "{report}"
    );
    for message in [
        "`summary` is empty",
        "`syntax` is empty",
        "section `## What it carries` is empty",
        "section `## Mistakes` is empty",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.starts_with("content/headers/retry-after.md:") && l.contains(message)),
            "{message}: {report}"
        );
    }
    let out = new(site.path(), &["header", "Not A Field"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not a header field name"));
}

#[test]
fn never_overwrites_and_rejects_bad_input() {
    let site = fixture_site(&[]);
    let before = std::fs::read(site.path().join("content/codes/404.md")).unwrap();
    for (args, message) in [
        (
            vec!["code", "404"],
            "error: content/codes/404.md already exists; edit it instead",
        ),
        (
            vec!["compare", "401", "403"],
            "error: content/compare/401-vs-403.md already exists; edit it instead",
        ),
        (
            vec!["code", "700"],
            "error: 700 is not a status code: codes run from 100 to 599",
        ),
        (
            vec!["tree", "Bad Name"],
            "error: `Bad Name` is not a tree name",
        ),
    ] {
        let out = new(site.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).starts_with(message),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read(site.path().join("content/codes/404.md")).unwrap(),
        before
    );
}

/// Every scaffold's required sections are enforced, from the table the scaffold itself is written
/// from: a comparison started by the library with only its summary filled in fails `check` with one
/// error per required section, each at its heading's line, and nothing else.
#[test]
fn a_scaffolded_comparison_with_only_a_summary_fails_at_each_empty_section() {
    use httpref::routes::Kind;
    use httpref::scaffold::{NewFile, create};

    let site = fixture_site(&[]);
    let rel = create(site.path(), &NewFile::Compare(vec![404, 403])).unwrap();
    let path = site.path().join(&rel);
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "summary: \"\"",
        "summary: \"403 refuses a resource that exists; 404 finds none.\"",
    );
    std::fs::write(&path, &text).unwrap();

    let Err(httpref::Error::Diagnostics(diags)) =
        httpref::check(site.path(), &httpref::LoadOptions::default())
    else {
        panic!("check should fail on empty sections");
    };
    let found: Vec<(String, usize, usize, String)> = diags
        .iter()
        .map(|d| {
            (
                d.path.display().to_string(),
                d.line,
                d.col,
                d.message.clone(),
            )
        })
        .collect();
    let required = Kind::Compare.required_sections(false);
    assert!(!required.is_empty());
    let expected: Vec<(String, usize, usize, String)> = required
        .iter()
        .map(|name| {
            let heading = format!("## {name}");
            let line = text.lines().position(|l| l == heading).unwrap() + 1;
            (
                rel.display().to_string(),
                line,
                1,
                format!("section `{heading}` is empty"),
            )
        })
        .collect();
    assert_eq!(found, expected);
}
