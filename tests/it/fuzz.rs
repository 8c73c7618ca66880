//! Property tests over the three kinds of untrusted text: Markdown bodies, front matter and
//! decision trees. Inputs are built from hostile fragments (markup, attributes, schemes,
//! entities, YAML syntax) and random text; the properties are that nothing panics or hangs,
//! that every problem points inside its file, and that no rendered body carries anything that
//! runs, redirects or posts, whether or not problems were reported.
//!
//! CI runs the default number of cases (bounded, a few seconds). To search longer:
//! `PROPTEST_CASES=100000 cargo test --release --test it fuzz::`. A failing case is shrunk and saved
//! under tests/it/fuzz.proptest-regressions, and replayed first on every later run.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use httpref::load::yaml::Yaml;
use httpref::markdown::{self, Resolution};
use httpref::model::decide::{MAX_WALK, NodeRef};
use httpref::model::file::CodeFile;
use httpref::source::SourceFile;
use proptest::prelude::*;
use scraper::{Html, Selector};

/// Counts what each thread allocates, so a property can bound the memory one parse takes.
#[global_allocator]
static ALLOCATOR: httpref::render::budget::CountingAllocator =
    httpref::render::budget::CountingAllocator;

/// Pieces of Markdown and HTML that have broken renderers and sanitizers before.
const MARKUP: &[&str] = &[
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "<iframe srcdoc=\"<script>\">",
    "<meta http-equiv=refresh content=0>",
    "<form action=//evil>",
    "<style>",
    "<kbd>",
    "</kbd>",
    "<br/>",
    "<sup>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?php",
    "<",
    ">",
    "\"",
    "'",
    "`",
    "```",
    "```http\n",
    "    ",
    "\n",
    "\n\n",
    "# ",
    "## X {#x onclick=alert(1)}",
    "## X {.c}",
    "{#",
    "[x](",
    ")",
    "](",
    "[x]: ",
    "![i](",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "data:text/html,",
    "vbscript:",
    "&#106;",
    "&#x6A;",
    "&colon;",
    "&amp;",
    "code:404",
    "code:999",
    "class:4xx",
    "compare:a-vs-b",
    "https://example.org/",
    "mailto:a@b",
    "<https://x>",
    "<javascript:alert(1)>",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: ",
    "*",
    "_",
    "~~",
    "\\",
    "\u{0}",
    "\u{202e}",
    "é",
    "😀",
];

fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(MARKUP).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

fn resolve(dest: &str) -> Resolution {
    match dest.strip_prefix("code:") {
        Some("404") => Resolution::Resolved("/codes/404/".into()),
        Some(other) => Resolution::Broken {
            message: format!("no entry for code {other}"),
            hint: None,
        },
        None if dest
            .split_once(':')
            .is_some_and(|(scheme, _)| httpref::routes::Kind::from_scheme(scheme).is_some()) =>
        {
            Resolution::Broken {
                message: "unknown".into(),
                hint: None,
            }
        }
        None => Resolution::External,
    }
}

/// What a rendered body must never contain, however hostile its source.
fn assert_inert(html: &str) -> Result<(), TestCaseError> {
    let doc = Html::parse_fragment(html);
    for el in doc.select(&Selector::parse("*").unwrap()) {
        let name = el.value().name();
        prop_assert!(
            !matches!(
                name,
                "script"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "form"
                    | "meta"
                    | "style"
                    | "svg"
                    | "math"
                    | "link"
                    | "base"
                    | "frame"
                    | "input"
                    | "button"
            ),
            "<{name}> in {html}"
        );
        for (attr, value) in el.value().attrs() {
            prop_assert!(
                !attr.starts_with("on") && !matches!(attr, "style" | "srcdoc" | "formaction"),
                "{attr} in {html}"
            );
            if matches!(attr, "href" | "src") {
                let cleaned: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                prop_assert!(
                    !["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|s| cleaned.starts_with(s)),
                    "{attr}={value} in {html}"
                );
            }
        }
    }
    Ok(())
}

fn source(text: &str) -> SourceFile {
    SourceFile::new("content/codes/404.md", text)
}

/// Front matter lines, well-formed and not, around the fields of a code entry.
const YAML: &[&str] = &[
    "code: 404\n",
    "code: -404\n",
    "code: 10^32\n",
    "code: 1e308\n",
    "code: \"404\n",
    "name: Not Found\n",
    "name: 'x\n",
    "name:\n",
    "nmae: x\n",
    "summary: >\n  folded\n",
    "summary: |\n  literal\n",
    "status: standard\n",
    "status: wrong\n",
    "spec:\n  - rfc: 9110\n    section: \"15.5.5\"\n",
    "spec: [{ rfc: 9110, url: x }]\n",
    "related: [410, 1e308, -5]\n",
    "related: [\n",
    "aliases: [a, b]\n",
    "content: allowed\n",
    "caching: explicit-only\n",
    "retry:\n  when: not-applicable\n",
    "headers:\n  - name: Allow\n    level: must\n",
    "&a x: *a\n",
    "? complex\n",
    "- item\n",
    "key: value: other\n",
    "\t",
    "  ",
    "\u{0}",
    "\u{feff}",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "!!binary x\n",
    "{ a: 1\n",
    "# comment\n",
];

fn front_matter() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(YAML).prop_map(str::to_owned),
        1 => "\\PC{0,10}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// A random graph of decision nodes: gotos to existing, missing and cross-tree nodes, results
/// for codes with and without entries, self loops and repeated ids.
fn tree_yaml() -> impl Strategy<Value = String> {
    let node = (
        0usize..12,
        proptest::collection::vec((0usize..14, any::<bool>()), 0..4),
        proptest::option::of(prop_oneof![Just(200u16), Just(404), Just(999), Just(42)]),
    );
    proptest::collection::vec(node, 1..24).prop_map(|nodes| {
        let mut yaml = String::from("title: Fuzz\nsummary: Random graph.\nroot: n0\nnodes:\n");
        for (id, answers, result) in nodes {
            yaml += &format!("  - id: n{id}\n");
            match result {
                Some(code) => {
                    yaml += &format!("    result: {{ code: {code}, why: Because. }}\n");
                }
                None => {
                    yaml += "    question: \"Q?\"\n    answers:\n";
                    for (to, cross) in answers {
                        let goto = if cross {
                            format!("start/n{to}")
                        } else {
                            format!("n{to}")
                        };
                        yaml += &format!("      - {{ label: A{to}, goto: {goto} }}\n");
                    }
                }
            }
        }
        yaml
    })
}

proptest! {
    #[test]
    fn markdown_bodies_never_panic_and_render_nothing_executable(body in markup()) {
        let (rendered, problems) = markdown::render(&body, &resolve);
        for p in &problems {
            prop_assert!(p.offset <= body.len(), "{p:?}");
        }
        assert_inert(&rendered.html)?;
    }

    #[test]
    fn front_matter_never_panics_and_points_inside_the_file(yaml in front_matter()) {
        let text = format!("---\n{yaml}---\nBody.\n");
        let src = source(&text);
        let lines = text.lines().count() + 1;
        if let Ok(fm) = src.split_front_matter() {
            let parsed = Yaml { src: &src, text: fm.yaml, offset: fm.yaml_offset }.parse::<CodeFile>();
            if let Err(problems) = parsed {
                prop_assert!(!problems.is_empty());
                for d in problems {
                    // Lines and columns start at 1 by construction; they must also end inside.
                    prop_assert!(d.line <= lines, "{d:?} in {text:?}");
                    let width = text.lines().nth(d.line - 1).map_or(0, |l| l.chars().count());
                    prop_assert!(d.col <= width + 1, "{d:?} past the end of its line in {text:?}");
                }
            }
        }
    }
}

/// YAML built to grow: anchors aliased level upon level (a billion laughs, with lists or
/// mappings), mappings wide enough to cross the bound, nesting deep enough to cross it, and long
/// keys.
fn growing_yaml() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..12, 1usize..40, any::<bool>()).prop_map(|(levels, width, mapping)| {
            let mut yaml = "g0: &g0 x\n".to_owned();
            for i in 1..=levels {
                let items: Vec<String> = (0..width)
                    .map(|k| {
                        if mapping {
                            format!("k{k}: *g{}", i - 1)
                        } else {
                            format!("*g{}", i - 1)
                        }
                    })
                    .collect();
                let (open, close) = if mapping { ('{', '}') } else { ('[', ']') };
                yaml += &format!("g{i}: &g{i} {open}{}{close}\n", items.join(", "));
            }
            yaml
        }),
        (1usize..3000, any::<bool>()).prop_map(|(n, repeat)| {
            let keys: String = (0..n)
                .map(|i| {
                    if repeat {
                        "  k: 1\n".to_owned()
                    } else {
                        format!("  k{i}: {i}\n")
                    }
                })
                .collect();
            format!("wide:\n{keys}")
        }),
        (1usize..400, any::<bool>()).prop_map(|(depth, flow)| {
            if flow {
                format!("deep: {}{}\n", "[".repeat(depth), "]".repeat(depth))
            } else {
                let mut yaml = String::new();
                for d in 0..depth {
                    yaml += &format!("{}k{d}:\n", "  ".repeat(d));
                }
                yaml
            }
        }),
        (1usize..200_000).prop_map(|len| format!("{}: x\n", "k".repeat(len))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// However the YAML grows, one parse stays within the bounds: a fraction of a second and
    /// far less memory than the aliases would copy (measured on this thread).
    #[test]
    fn growing_yaml_stops_within_its_bounds(yaml in growing_yaml()) {
        let text = format!("---\ncode: 404\n{yaml}---\nBody.\n");
        let src = source(&text);
        let fm = src.split_front_matter().unwrap();
        let allocated = httpref::render::budget::allocated();
        let started = Instant::now();
        let parsed = Yaml { src: &src, text: fm.yaml, offset: fm.yaml_offset }.parse::<CodeFile>();
        let took = started.elapsed();
        let bytes = httpref::render::budget::allocated() - allocated;
        let problems = parsed.expect_err("no code entry has these fields");
        prop_assert!(!problems.is_empty());
        prop_assert!(took < Duration::from_secs(3), "{took:?}");
        prop_assert!(bytes < 100 * 1024 * 1024, "{} MiB", bytes / 1024 / 1024);
    }
}

proptest! {
    // Each case loads a whole fixture site from disk: fewer cases, same properties.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn decision_trees_never_panic_and_valid_ones_have_short_walks(a in tree_yaml(), b in tree_yaml()) {
        let site = crate::common::fixture_site(&[]);
        let decide = site.path().join("content/decide");
        std::fs::write(decide.join("start.yaml"), a).unwrap();
        std::fs::write(decide.join("other.yaml"), b).unwrap();
        match httpref::load::content(site.path(), &httpref::LoadOptions::default()) {
            Ok(loaded) => {
                let walked: BTreeMap<&String, usize> = loaded.trees.0.iter().map(|(slug, tree)| {
                    let deepest = tree.nodes.iter().filter_map(|n| loaded.trees.depth(&NodeRef {
                        tree: slug.clone(),
                        node: n.id.clone(),
                    })).max().unwrap_or(0);
                    (slug, deepest)
                }).collect();
                for (slug, depth) in walked {
                    prop_assert!(depth <= MAX_WALK, "{slug}: {depth}");
                }
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                // Each problem points at a line of the file it names (line 1 for a folder).
                for d in problems.iter() {
                    let lines = std::fs::read_to_string(site.path().join(&d.path))
                        .map_or(1, |text| text.lines().count() + 1);
                    prop_assert!(d.line <= lines, "{d:?} past the end of its file");
                }
            }
        }
    }
}

/// Characters that have broken file handling somewhere: separators, controls, escapes,
/// percent-encodings, case, and letters with two Unicode forms.
const NAME_PIECES: &[&str] = &[
    "a",
    "A",
    "index",
    "INDEX",
    ".html",
    ".HTML",
    ".css",
    "-",
    "_",
    " ",
    "\\",
    "\n",
    "\r",
    "\t",
    "\u{1b}[2J",
    "\u{7f}",
    "\u{202e}",
    "%2f",
    "%2F",
    "%5c",
    "%20",
    "::error ",
    ":",
    "?",
    "*",
    "\u{e9}",
    "e\u{301}",
    "\u{c9}",
    "codes",
    "Codes",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Static files with odd names: `check` never panics, refuses what cannot be published, and
    /// prints every name on its own line with nothing a terminal or a CI log would obey.
    #[test]
    fn odd_file_names_are_refused_or_published_and_always_printed_safely(
        names in proptest::collection::vec(proptest::collection::vec(proptest::sample::select(NAME_PIECES), 1..5), 1..5)
    ) {
        let site = crate::common::fixture_site(&[]);
        for pieces in names {
            let name = pieces.concat();
            let _ = std::fs::write(site.path().join("static").join(&name), "x");
        }
        let out = crate::common::httpref(site.path(), &["check", "--root", "."]);
        prop_assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        let report = crate::common::stderr(&out);
        for line in report.lines() {
            prop_assert!(!line.trim_start().starts_with("::"), "{line:?}");
            prop_assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{line:?}");
        }
    }
}
