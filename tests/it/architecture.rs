//! The shape of the source tree, checked: the top-level modules depend on each other without
//! circles, and so do the files inside each module folder; no source file is longer than 500
//! lines before its tests, and no function longer than [`MAX_FUNCTION_LINES`] (clippy's
//! `too_many_lines`, configured in Cargo.toml and clippy.toml, holds the rest to its lower
//! threshold unless one says why not with `#[expect]`); and nothing lives in a folder named
//! `build/` (which tools and ignore-file templates skip as build output). And the
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

/// A file's module path: `[load, citations, links]` for `src/load/citations/links.rs`, `[load]`
/// for `src/load/mod.rs`, nothing for the crate root and the binary.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("a file under src/");
    let mut path: Vec<String> = rel
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .map(|c| c.trim_end_matches(".rs").to_owned())
        .collect();
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// The paths up to the first `}` or `,` at the top level of `group` (after its `{`), each
/// trimmed.
fn group_items(group: &str) -> Vec<&str> {
    let (mut depth, mut start, mut items) = (0, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(group[start..i].trim());
                return items;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(group[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// Every path `text` (what follows `crate::` or `super::`) names, from `prefix` on, with
/// `{…}` groups expanded: `a::{b, c::d}` is `a::b` and `a::c::d`.
fn expand(mut path: Vec<String>, text: &str, out: &mut Vec<Vec<String>>) {
    let mut rest = text;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            for item in group_items(group) {
                expand(path.clone(), item, out);
            }
            return;
        }
        let id = identifier(rest);
        if id.is_empty() {
            break;
        }
        rest = &rest[id.len()..];
        if id != "self" {
            path.push(id);
        }
        match rest.strip_prefix("::") {
            Some(more) => rest = more,
            None => break,
        }
    }
    out.push(path);
}

/// Every path of the crate that `code`, in the module at `module`, names: `crate::…`, and
/// `super::…` and `self::…` resolved against `module`.
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            // A later link of a chain (`super::super::`), or `$crate::`.
            if code[..at].ends_with([':', '$'])
                || code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let mut rest = &code[at..];
            let mut base: Vec<String> = match start {
                "crate::" => Vec::new(),
                _ => module.to_vec(),
            };
            rest = rest.strip_prefix(start).unwrap_or(rest);
            if start == "super::" {
                base.pop();
                while let Some(more) = rest.strip_prefix("super::") {
                    base.pop();
                    rest = more;
                }
            }
            expand(base, rest, &mut out);
        }
    }
    out
}

/// For each module folder (by its module path), which of its children name which: an edge from
/// child `a` to child `b` when a file of `a` (or inside `a`) names `b` or something inside it.
/// The folder's own `mod.rs` is the parent, not a child, and is left out.
fn folder_graphs() -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let files: Vec<(Vec<String>, String)> = sources()
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("a readable source file");
            (module_path(&src, file), code_before_tests(&text))
        })
        .collect();
    let modules: BTreeSet<&[String]> = files.iter().map(|(m, _)| m.as_slice()).collect();
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, code) in &files {
        for named in named_paths(code, module) {
            let common = module
                .iter()
                .zip(&named)
                .take_while(|(a, b)| a == b)
                .count();
            if common < module.len() && common < named.len() && modules.contains(&named[..=common])
            {
                (graphs.entry(module[..common].to_vec()).or_default())
                    .entry(module[common].clone())
                    .or_default()
                    .insert(named[common].clone());
            }
        }
    }
    graphs
}

#[test]
fn files_inside_each_module_folder_depend_on_each_other_without_circles() {
    let graphs = folder_graphs();
    let load = &graphs[&vec!["load".to_owned()]];
    assert!(load["entries"].contains("decide"), "{load:?}");
    assert!(load["cache"].contains("citations"), "{load:?}");
    let circles: Vec<String> = (graphs.iter())
        .filter(|(folder, _)| !folder.is_empty())
        .flat_map(|(folder, graph)| {
            (graph.keys()).filter_map(move |child| {
                let circle = circle_through(graph, child)?;
                Some(format!(
                    "in src/{}/: {}",
                    folder.join("/"),
                    circle.join(" -> ")
                ))
            })
        })
        .collect();
    assert!(circles.is_empty(), "file circles:\n{}", circles.join("\n"));
}

#[test]
fn paths_are_read_relative_to_the_file() {
    let module = ["load", "citations", "links"].map(str::to_owned);
    let named = named_paths(
        "use super::super::cache::{self, Cache};\nuse crate::{ids, model::{Site, file::X}};\nuse self::deep::Y;",
        &module,
    );
    let named: Vec<String> = named.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        named,
        [
            "ids",
            "model::Site",
            "model::file::X",
            "load::cache",
            "load::cache::Cache",
            "load::citations::links::deep::Y"
        ]
    );
}

/// The most lines of code (blank lines and comments aside) any function may have, even one that
/// says why it is over clippy's threshold.
const MAX_FUNCTION_LINES: usize = 200;

/// `code` with the contents of string and character literals blanked, so that braces in them are
/// not taken for code.
fn without_literals(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push('"');
            }
            // A character literal (`'{'`, `'"'`, `'\''`); a lifetime has no closing quote.
            '\'' => {
                let ahead: String = chars.clone().take(3).collect();
                let len = if ahead.starts_with('\\') { 3 } else { 2 };
                if ahead.chars().nth(len - 1) == Some('\'') {
                    chars.nth(len - 1);
                    out.push_str("' '");
                } else {
                    out.push('\'');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Each function in `code`: its name, its lines of code, and whether an
/// `#[expect(clippy::too_many_lines…)]` stands before it.
fn function_lengths(code: &str) -> Vec<(String, usize, bool)> {
    let code = without_literals(code);
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let head = &trimmed[..at];
        if !(head.is_empty() || head.ends_with(' ')) || head.contains('(') && !head.contains("pub(")
        {
            continue;
        }
        let name = identifier(&trimmed[at + 3..]);
        // The body: from the first `{` after the signature to its match.
        let (mut depth, mut opened, mut end) = (0usize, false, i);
        'lines: for (j, l) in lines.iter().enumerate().skip(i) {
            for c in l.chars() {
                match c {
                    ';' if !opened && depth == 0 => break 'lines,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if opened && depth == 0 {
                    end = j;
                    break 'lines;
                }
            }
        }
        if !opened || name.is_empty() {
            continue;
        }
        let length = lines[i..=end]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .count();
        let expected = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("#[") || l.trim().is_empty())
            .any(|l| l.contains("clippy::too_many_lines"));
        found.push((name, length, expected));
    }
    found
}

#[test]
fn no_function_is_over_the_limit() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = std::fs::read_to_string(root.join("clippy.toml")).expect("clippy.toml");
    let threshold: usize = (config.lines())
        .find_map(|l| l.strip_prefix("too-many-lines-threshold = "))
        .and_then(|n| n.trim().parse().ok())
        .expect("clippy.toml sets too-many-lines-threshold");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    assert!(
        manifest.contains("[lints.clippy]\n") && manifest.contains("\ntoo_many_lines = \"warn\""),
        "Cargo.toml's [lints.clippy] turns on too_many_lines"
    );
    assert!(threshold < MAX_FUNCTION_LINES);
    let (mut seen, mut over_threshold) = (0, 0);
    let mut long = Vec::new();
    for file in sources() {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        for (name, length, expected) in function_lengths(&code_before_tests(&text)) {
            seen += 1;
            over_threshold += usize::from(expected);
            if length > MAX_FUNCTION_LINES {
                long.push(format!("{} fn {name} ({length} lines)", file.display()));
            }
        }
    }
    assert!(seen > 500, "only {seen} functions found");
    // The functions that say why they are long are found, so the count above is of real code.
    assert!(over_threshold > 0);
    assert!(
        long.is_empty(),
        "functions over the limit:\n{}",
        long.join("\n")
    );
}

#[test]
fn function_lengths_are_counted_from_signature_to_closing_brace() {
    let code = "pub(crate) fn short(x: u8) -> u8 {\n    let s = \"}\";\n\n    x\n}\n\n#[expect(clippy::too_many_lines)]\nfn other<'a>() { let c = ['{', '\"', '\\'']; }\nfn declared();\n";
    assert_eq!(
        function_lengths(code),
        [
            ("short".to_owned(), 4, false),
            ("other".to_owned(), 1, true)
        ]
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
