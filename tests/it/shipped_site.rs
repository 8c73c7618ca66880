//! The content shipped in this repository builds cleanly and its pages hold together.

use crate::common::*;

#[test]
fn shipped_site_builds_with_every_link_resolving() {
    let (_out_dir, public) = build_shipped(&[]);
    assert_eq!(broken_links(&public, "/"), Vec::<String>::new());

    // Every code entry has a page with one h1 that starts with its number, and a deep link to
    // its defining section (or, for unofficial codes, the vendors that use it).
    let codes: Vec<String> = std::fs::read_dir(repo_root().join("content/codes"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_owned()
        })
        .collect();
    assert!(codes.len() >= 17, "starter content is missing: {codes:?}");
    for code in &codes {
        let html = page(&public, &format!("codes/{code}/index.html"));
        let h1 = select_texts(&html, "h1");
        assert_eq!(h1.len(), 1, "{code}");
        assert!(h1[0].starts_with(code.as_str()), "{code}: {h1:?}");
        if !select_texts(&html, ".notice-unofficial").is_empty() {
            // Unofficial codes have no defining specification; they name their vendors instead.
            assert!(
                !select_texts(&html, ".vendor-uses li").is_empty(),
                "{code}: no vendor named"
            );
            continue;
        }
        let spec = select_attrs(&html, ".defined-in a", "href");
        assert!(
            spec.first()
                .is_some_and(|u| u.contains('#') || u.contains("datatracker")),
            "{code}: no deep spec link"
        );
    }
}

#[test]
fn shipped_site_builds_under_a_sub_path() {
    let (_out_dir, public) = build_shipped(&["--base-url", "https://example.org/docs/http/"]);
    assert_eq!(broken_links(&public, "/docs/http/"), Vec::<String>::new());
}

#[test]
fn every_shipped_page_has_one_h1_a_title_and_a_description() {
    let (_out_dir, public) = build_shipped(&[]);
    let mut titles = std::collections::BTreeMap::new();
    for (rel, bytes) in snapshot_dir(&public) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = scraper::Html::parse_document(&String::from_utf8(bytes).unwrap());
        assert_eq!(select_texts(&html, "h1").len(), 1, "{rel}: one h1");
        let title = select_texts(&html, "title").pop().unwrap_or_default();
        assert!(title.len() > 10, "{rel}: title {title:?}");
        let description = select_attrs(&html, r#"meta[name="description"]"#, "content")
            .pop()
            .unwrap_or_default();
        assert!(description.len() > 20, "{rel}: description {description:?}");
        // Each language's pages under its folder; titles are unique within a language.
        let lang = ["es", "ja"]
            .into_iter()
            .find(|l| rel.starts_with(&format!("{l}/")))
            .unwrap_or("en");
        assert_eq!(select_attrs(&html, "html", "lang"), [lang], "{rel}");
        if let Some(other) = titles.insert((lang, title.clone()), rel.clone()) {
            panic!("{rel} and {other} share the title {title:?}");
        }
    }
    assert!(titles.len() > 190, "{} pages", titles.len());
}

/// The version facts of library constants come from content/libraries/*.tsv and reach both the
/// code page and the JSON API.
#[test]
fn constants_carry_version_facts() {
    let (_out_dir, public) = build_shipped(&[]);
    let json = |code: u16| -> serde_json::Value {
        serde_json::from_slice(
            &std::fs::read(public.join(format!("api/codes/{code}.json"))).unwrap(),
        )
        .unwrap()
    };
    let c413 = json(413);
    let constants = c413["code"]["constants"].as_array().unwrap();
    let python = constants
        .iter()
        .find(|c| c["library_id"] == "python")
        .expect("413 lists a Python constant");
    assert_eq!(python["name"], "HTTPStatus.CONTENT_TOO_LARGE");
    assert_eq!(python["versions"]["since"], "3.13");
    assert_eq!(
        python["versions"]["before"][0]["name"],
        "HTTPStatus.REQUEST_ENTITY_TOO_LARGE"
    );
    assert_eq!(python["versions"]["before"][0]["alias"], "3.13");
    let spring = constants
        .iter()
        .find(|c| c["library_id"] == "spring")
        .expect("413 lists a Spring constant");
    assert_eq!(spring["name"], "HttpStatus.CONTENT_TOO_LARGE");
    assert!(
        spring["note"]
            .as_str()
            .unwrap()
            .contains("removed in Spring 7.0"),
        "{spring}"
    );

    // 305 lists no Spring constant: Spring removed USE_PROXY, and the API says so.
    let c305 = json(305);
    let removed = &c305["code"]["removed_constants"];
    assert_eq!(removed[0]["name"], "HttpStatus.USE_PROXY", "{removed}");
    assert_eq!(removed[0]["removed"], "7.0.0");

    // The page shows the same facts next to the constant.
    let html = page(&public, "codes/413/index.html");
    let notes = select_texts(&html, ".constants .constant-note");
    assert!(
        notes.iter().any(|n| n.contains("Python 3.13+")),
        "{notes:?}"
    );
    let html = page(&public, "codes/305/index.html");
    let notes = select_texts(&html, ".constants .constant-note");
    assert!(
        notes.iter().any(|n| n == "removed in Spring 7.0.0"),
        "{notes:?}"
    );
}

/// Signs of upkeep: a page built from the repository shows the committer date of the last commit
/// that touched its file, and links to edit it and to report a problem in the repository that
/// `content/site.yaml` names; the same commit always gives the same date.
#[test]
fn pages_show_their_last_change_from_the_history_and_link_the_repository() {
    let (_out_dir, public) = build_shipped(&[]);
    let html = page(&public, "codes/404/index.html");
    let log = std::process::Command::new("git")
        .args([
            "log",
            "-1",
            "--no-merges",
            "--format=%cd",
            "--date=format-local:%Y-%m-%d",
        ])
        .args(["--", "content/codes/404.md"])
        .env("TZ", "UTC")
        .current_dir(repo_root())
        .output()
        .unwrap();
    let expected = String::from_utf8(log.stdout).unwrap().trim().to_owned();
    let shallow = std::process::Command::new("git")
        .args(["rev-parse", "--is-shallow-repository"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    let dates = select_attrs(&html, ".page-upkeep time", "datetime");
    if expected.is_empty() || String::from_utf8_lossy(&shallow.stdout).trim() != "false" {
        // Not a full checkout (a source tarball, a shallow CI clone): no date, and no guess.
        assert!(dates.is_empty(), "{dates:?}");
    } else {
        assert_eq!(dates, [expected]);
    }
    assert_eq!(
        select_attrs(&html, ".page-upkeep a", "href"),
        [
            "https://github.com/example/httpref/edit/main/content/codes/404.md",
            "https://github.com/example/httpref/issues/new?title=Problem%20on%20/codes/404/",
        ]
    );
    let print = select_texts(&html, ".print-source");
    assert!(
        print.len() == 1 && print[0].contains("https://httpref.example.org/codes/404/"),
        "{print:?}"
    );
}
