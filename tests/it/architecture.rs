//! The shape of the source tree, checked: the top-level modules depend on each other without
//! circles, no source file is longer than 500 lines before its tests, and nothing lives in a
//! folder named `build/` (which tools and ignore-file templates skip as build output). And the
//! documents' shape: README.md stays a front page, and every link between README.md,
//! CONTRIBUTING.md, ARCHITECTURE.md and docs/ leads to a file and heading that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;

fn sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The code of a file before its test module, without comments.
fn code_before_tests(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`load` for `src/load/yaml/de.rs`); `None` for the
/// crate root and the binary.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The crate's own modules each `code` names: `crate::x::...` and `use crate::{x, y}`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            for item in group.split(',') {
                named.insert(identifier(item.trim()));
            }
        } else {
            named.insert(identifier(rest));
        }
    }
    named.retain(|name| !name.is_empty());
    named
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: BTreeSet<String> = sources()
        .iter()
        .filter_map(|f| top_module(&src, f))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources() {
        let Some(module) = top_module(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let deps: Vec<String> = named_modules(&code_before_tests(&text))
            .into_iter()
            .filter(|dep| *dep != module && modules.contains(dep))
            .collect();
        graph.entry(module).or_default().extend(deps);
    }
    graph
}

/// A circle of modules through `start`, if there is one.
fn circle_through(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_owned()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().expect("paths are never empty");
        for next in graph.get(last).into_iter().flatten() {
            if next == start {
                let mut circle = path.clone();
                circle.push(start.to_owned());
                return Some(circle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn modules_depend_on_each_other_without_circles() {
    let graph = module_graph();
    assert!(graph.contains_key("load") && graph["load"].contains("model"));
    let circles: Vec<String> = graph
        .keys()
        .filter_map(|module| circle_through(&graph, module))
        .map(|circle| circle.join(" -> "))
        .collect();
    assert!(
        circles.is_empty(),
        "module circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_finder_finds_circles() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        circle_through(&graph, "a").map(|c| c.join(" -> ")),
        Some("a -> b -> c -> a".to_owned())
    );
    assert_eq!(circle_through(&graph, "d"), None);
    assert_eq!(
        named_modules("use crate::{ids, model::Site};\nlet x = crate::urls::Urls::new(y);"),
        ["ids", "model", "urls"].map(str::to_owned).into()
    );
}

#[test]
fn no_source_file_is_over_the_limit_before_its_tests() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(&file).expect("a readable source file");
            let lines = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .lines()
                .count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn nothing_lives_in_a_build_folder() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let in_build: Vec<PathBuf> = sources()
        .into_iter()
        .filter(|f| {
            f.strip_prefix(&src)
                .is_ok_and(|rel| rel.components().any(|c| c.as_os_str() == "build"))
        })
        .collect();
    assert!(in_build.is_empty(), "{in_build:?}");
}

/// The documents a reader follows links between: the front page, the guides and `docs/`.
fn documents() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = [
        "README.md",
        "CONTRIBUTING.md",
        "ARCHITECTURE.md",
        "tests/README.md",
        "benches/README.md",
    ]
    .iter()
    .map(|name| root.join(name))
    .collect();
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// A document's lines outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            lines.push(line);
        }
    }
    lines
}

/// The anchor GitHub gives a heading: lower case, spaces as hyphens, other punctuation dropped.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    prose(text)
        .into_iter()
        .filter(|line| line.starts_with('#'))
        .filter_map(|line| line.trim_start_matches('#').strip_prefix(' '))
        .map(anchor)
        .collect()
}

/// A line without its code spans (`` `[a](b)` `` shows a link, it is not one).
fn outside_code(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('`') {
        out.push_str(&rest[..at]);
        let run = rest[at..].chars().take_while(|&c| c == '`').count();
        let after = &rest[at + run..];
        let mut from = 0;
        let mut close = None;
        while let Some(found) = after[from..].find('`') {
            let start = from + found;
            let len = after[start..].chars().take_while(|&c| c == '`').count();
            if len == run {
                close = Some(start + len);
                break;
            }
            from = start + len;
        }
        match close {
            Some(end) => rest = &after[end..],
            None => {
                out.push_str(&rest[at..at + run]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `](target)` in a document's prose that points at a file or a heading of this repository
/// (not `https:`, `mailto:` or a content shorthand such as `code:404`).
fn local_links(text: &str) -> Vec<String> {
    let mut links = Vec::new();
    for line in prose(text) {
        let line = outside_code(line);
        for (at, _) in line.match_indices("](") {
            let target = line[at + 2..].split(')').next().unwrap_or_default();
            let path = target.split('#').next().unwrap_or_default();
            if !path.contains(':') && !target.contains(' ') {
                links.push(target.to_owned());
            }
        }
    }
    links
}

#[test]
fn every_link_between_the_documents_leads_somewhere() {
    let documents = documents();
    assert!(
        documents.len() >= 8,
        "README, CONTRIBUTING, ARCHITECTURE and docs/ are all found"
    );
    let mut checked = 0;
    let mut broken = Vec::new();
    for document in &documents {
        let text = std::fs::read_to_string(document).expect("the document is readable");
        for link in local_links(&text) {
            checked += 1;
            let (path, fragment) = link.split_once('#').unwrap_or((link.as_str(), ""));
            let target = if path.is_empty() {
                document.clone()
            } else {
                document.parent().expect("a folder").join(path)
            };
            let Ok(target_text) = std::fs::read_to_string(&target) else {
                broken.push(format!("{}: {link} (no such file)", document.display()));
                continue;
            };
            if !fragment.is_empty() && !anchors(&target_text).contains(fragment) {
                broken.push(format!("{}: {link} (no such heading)", document.display()));
            }
        }
    }
    assert!(
        checked > 30,
        "the documents link each other ({checked} links found)"
    );
    assert!(
        broken.is_empty(),
        "links that lead nowhere:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_readme_stays_a_front_page() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    let lines = readme.lines().count();
    assert!(
        lines <= 150,
        "README.md is {lines} lines; reference material belongs in docs/"
    );
    for command in ["cargo run --release -- build", "bash tests/run.sh"] {
        assert!(
            readme.contains(command),
            "README.md gives the set-up command `{command}`"
        );
    }
}

#[test]
fn the_anchor_of_a_heading_is_githubs() {
    assert_eq!(
        anchor("Browser support: `content/compat/http-status.json`"),
        "browser-support-contentcompathttp-statusjson"
    );
    assert_eq!(
        anchor("Names and output channels"),
        "names-and-output-channels"
    );
    let links = local_links(
        "[a](docs/x.md#y) [b](https://e.org/) [c](code:404) [d](#z) `[g](h.md)` ``[i](`j.md`)`` [k](l.md)\n```\n[e](f.md)\n```",
    );
    assert_eq!(links, ["docs/x.md#y", "#z", "l.md"]);
}
