//! `httpref constants import LIBRARY VERSION=FILE...`: reads one source file of the library per
//! examined version (oldest first), extracts every status-code name from it, and writes
//! `content/libraries/<library>.tsv` with each name's code and version facts. The header records
//! each input's version, sha256 and origin, so anyone can fetch the same files and compare.
//!
//! The parsers read the library's own declarations, line by line:
//!
//! | library | file | form |
//! | --- | --- | --- |
//! | python | `Lib/http/__init__.py` | `NAME = (413, ...` in `class HTTPStatus`; `OLD = NEW` is an alias |
//! | go | `src/net/http/status.go` | `StatusName = 413` |
//! | rust | `src/status.rs` of the `http` crate | `(413, NAME, "Phrase");` in `status_codes!` |
//! | dotnet | `System.Net.Primitives.xml` (reference pack) or `HttpStatusCode.cs` | `F:System.Net.HttpStatusCode.Name` + "HTTP status 413", or `Name = 413,` |
//! | spring | `spring-web/.../http/HttpStatus.java` | `NAME(413, ...)`, `@Deprecated(since = "7.0")`, `@deprecated in favor of {@link #NEW}` |
//! | rails | `lib/rack/utils.rb` | `413 => 'Phrase'` (symbol = phrase lower-cased, spaces and `-` to `_`), `OBSOLETE_SYMBOLS_TO_STATUS_CODES`, `OBSOLETE_SYMBOL_MAPPINGS` |
//! | symfony | `src/Symfony/Component/HttpFoundation/Response.php` | `const HTTP_NAME = 413;`, a preceding `@deprecated` |

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::Library;

/// The table's columns, in order.
pub const COLUMNS: [&str; 7] = [
    "name",
    "code",
    "since",
    "alias",
    "deprecated",
    "removed",
    "replacement",
];

/// One name as one version of the library declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub name: String,
    pub code: u16,
    /// The name this one is an alias of (Python's `REQUEST_ENTITY_TOO_LARGE = CONTENT_TOO_LARGE`).
    pub alias_of: Option<String>,
    /// Marked deprecated; with the version the source gives, if it gives one.
    pub deprecated: Option<Option<String>>,
    /// The name the source says to use instead.
    pub replacement: Option<String>,
}

impl Item {
    fn new(name: String, code: u16) -> Item {
        Item {
            name,
            code,
            alias_of: None,
            deprecated: None,
            replacement: None,
        }
    }
}

/// Why a file could not be read as the library's source.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub String);

fn code_of(s: &str) -> Option<u16> {
    let digits: String = s
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .ok()
        .filter(|c| (100..=599).contains(c) && digits.len() == 3)
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// Extracts the names one file declares.
pub fn parse(library: Library, text: &str) -> Result<Vec<Item>, ImportError> {
    let items = match library {
        Library::Python => python(text),
        Library::Go => go(text),
        Library::Rust => rust(text),
        Library::Dotnet => dotnet(text),
        Library::Spring => spring(text),
        Library::Rails => rack(text),
        Library::Symfony => symfony(text),
    };
    if items.len() < 10 {
        return Err(ImportError(format!(
            "found {} status-code names; is this the {} source file? (see `httpref constants import --help`)",
            items.len(),
            library.label()
        )));
    }
    Ok(items)
}

fn python(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("class ") {
            inside = line.starts_with("class HTTPStatus");
            continue;
        }
        if !inside {
            continue;
        }
        let Some(rest) = line.strip_prefix("    ") else {
            continue;
        };
        let Some((name, value)) = rest.split_once(" = ") else {
            continue;
        };
        if !is_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        let value = value.trim();
        let qualified = format!("HTTPStatus.{name}");
        if let Some(code) = code_of(value.trim_start_matches('(')) {
            items.push(Item::new(qualified, code));
        } else if let Some(target) = items
            .iter()
            .find(|i| i.name == format!("HTTPStatus.{value}"))
            .cloned()
        {
            let mut item = Item::new(qualified, target.code);
            item.alias_of = Some(target.name);
            items.push(item);
        }
    }
    items
}

fn go(text: &str) -> Vec<Item> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let (name, value) = line.split_once('=')?;
            let name = name.trim();
            (name.starts_with("Status") && is_ident(name))
                .then(|| code_of(value).map(|c| Item::new(format!("http.{name}"), c)))?
        })
        .collect()
}

fn rust(text: &str) -> Vec<Item> {
    text.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix('(')?;
            let (code, rest) = rest.split_once(',')?;
            let (name, rest) = rest.split_once(',')?;
            let name = name.trim();
            (rest.trim_start().starts_with('"') && is_ident(name))
                .then(|| code_of(code).map(|c| Item::new(format!("StatusCode::{name}"), c)))?
        })
        .collect()
}

fn dotnet(text: &str) -> Vec<Item> {
    const MEMBER: &str = "<member name=\"F:System.Net.HttpStatusCode.";
    let mut items = Vec::new();
    if text.contains(MEMBER) {
        // The reference pack's documentation: each member's summary says "HTTP status 413".
        for chunk in text.split(MEMBER).skip(1) {
            let Some((name, rest)) = chunk.split_once('"') else {
                continue;
            };
            let rest = &rest[..rest.find("</member>").unwrap_or(rest.len())];
            let Some(at) = rest.find("HTTP status ") else {
                continue;
            };
            if let (true, Some(code)) = (is_ident(name), code_of(&rest[at + 12..])) {
                items.push(Item::new(format!("HttpStatusCode.{name}"), code));
            }
        }
        return items;
    }
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.contains("enum HttpStatusCode") {
            inside = true;
        } else if inside && line.starts_with('}') {
            break;
        } else if inside
            && !line.starts_with("//")
            && let Some((name, value)) = line.split_once('=')
            && let (true, Some(code)) = (is_ident(name.trim()), code_of(value))
        {
            items.push(Item::new(format!("HttpStatusCode.{}", name.trim()), code));
        }
    }
    items
}

fn spring(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut deprecated: Option<Option<String>> = None;
    let mut replacement: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("* @deprecated") {
            replacement = trimmed
                .split_once("{@link #")
                .and_then(|(_, r)| r.split_once('}'))
                .map(|(name, _)| format!("HttpStatus.{name}"));
        } else if trimmed.starts_with("@Deprecated") {
            deprecated = Some(
                trimmed
                    .split_once("since = \"")
                    .and_then(|(_, r)| r.split_once('"'))
                    .map(|(v, _)| v.to_owned()),
            );
        } else if let Some(rest) = line.strip_prefix('\t')
            && let Some((name, args)) = rest.split_once('(')
            && is_ident(name)
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && let Some(code) = code_of(args)
        {
            let mut item = Item::new(format!("HttpStatus.{name}"), code);
            item.deprecated = deprecated.take();
            item.replacement = replacement.take().filter(|_| item.deprecated.is_some());
            items.push(item);
        } else if trimmed.starts_with("/**") {
            deprecated = None;
            replacement = None;
        }
    }
    items
}

/// The block of a Ruby hash literal `NAME = {` ... `}`.
fn ruby_hash<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = text
        .lines()
        .skip_while(|l| !(l.trim_start().starts_with(name) && l.contains(" = {")));
    lines.next();
    lines
        .take_while(|l| !l.trim_start().starts_with('}'))
        .collect()
}

fn rack(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    for line in ruby_hash(text, "HTTP_STATUS_CODES") {
        let Some((code, phrase)) = line.split_once("=>") else {
            continue;
        };
        let phrase = phrase.trim().trim_end_matches(',');
        let quote = phrase.chars().next().unwrap_or(' ');
        let Some(phrase) = phrase
            .strip_prefix(quote)
            .and_then(|p| p.strip_suffix(quote))
            .filter(|_| quote == '\'' || quote == '"')
        else {
            continue;
        };
        if let Some(code) = code_of(code) {
            // Rack: message.downcase.gsub(/\s|-/, '_').to_sym
            let symbol: String = phrase
                .to_lowercase()
                .chars()
                .map(|c| {
                    if c.is_whitespace() || c == '-' {
                        '_'
                    } else {
                        c
                    }
                })
                .collect();
            items.push(Item::new(format!(":{symbol}"), code));
        }
    }
    let mappings: BTreeMap<String, String> = ruby_hash(text, "OBSOLETE_SYMBOL_MAPPINGS")
        .into_iter()
        .filter_map(|l| {
            let (old, new) = l.trim().trim_end_matches(',').split_once(": :")?;
            Some((format!(":{old}"), format!(":{new}")))
        })
        .collect();
    for line in ruby_hash(text, "OBSOLETE_SYMBOLS_TO_STATUS_CODES") {
        let Some((name, code)) = line.trim().trim_end_matches(',').split_once(": ") else {
            continue;
        };
        if let (true, Some(code)) = (is_ident(name), code_of(code)) {
            let name = format!(":{name}");
            let mut item = Item::new(name.clone(), code);
            item.deprecated = Some(None);
            item.replacement = mappings.get(&name).cloned();
            items.push(item);
        }
    }
    items
}

fn symfony(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut deprecated = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.contains("@deprecated") {
            deprecated = true;
        }
        let Some(rest) = trimmed
            .strip_prefix("public const ")
            .or_else(|| trimmed.strip_prefix("const "))
        else {
            continue;
        };
        let Some((name, value)) = rest.split_once('=') else {
            continue;
        };
        let name = name.trim();
        if name.starts_with("HTTP_")
            && is_ident(name)
            && let Some(code) = code_of(value)
        {
            let mut item = Item::new(format!("Response::{name}"), code);
            if std::mem::take(&mut deprecated) {
                item.deprecated = Some(None);
            }
            items.push(item);
        }
        deprecated = false;
    }
    items
}

/// One examined version: its label, the file's bytes and where it came from.
#[derive(Debug, Clone)]
pub struct Input {
    pub version: String,
    pub bytes: Vec<u8>,
    pub origin: String,
}

/// Builds the table text from the inputs, oldest first.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub fn table(library: Library, inputs: &[Input]) -> Result<String, ImportError> {
    if inputs.is_empty() {
        return Err(ImportError("no input files".into()));
    }
    let mut versions: Vec<Vec<Item>> = Vec::new();
    for input in inputs {
        let text = std::str::from_utf8(&input.bytes)
            .map_err(|_| ImportError(format!("{}: the file is not UTF-8", input.version)))?;
        versions.push(
            parse(library, text)
                .map_err(|e| ImportError(format!("version {}: {}", input.version, e.0)))?,
        );
    }
    let newest = versions.len() - 1;
    // Every name, in the order first met (code order within each version).
    let mut names: Vec<(String, u16)> = Vec::new();
    for items in &versions {
        let mut sorted: Vec<&Item> = items.iter().collect();
        sorted.sort_by_key(|i| i.code);
        for item in sorted {
            if !names.iter().any(|(n, _)| *n == item.name) {
                names.push((item.name.clone(), item.code));
            }
        }
    }
    let find = |v: usize, name: &str| versions[v].iter().find(|i| i.name == name);
    // The name the source says replaces `name`, followed until a name current in the newest version.
    let resolve = |name: &str| -> Option<String> {
        let mut seen = vec![name.to_owned()];
        let mut at = name.to_owned();
        loop {
            let last = (0..versions.len()).rev().find_map(|v| find(v, &at))?;
            let next = last.alias_of.clone().or_else(|| last.replacement.clone());
            match next {
                Some(next) if !seen.contains(&next) => {
                    seen.push(next.clone());
                    at = next;
                }
                _ => return (at != name).then_some(at),
            }
        }
    };
    let mut rows = Vec::new();
    for (name, _) in &names {
        let present: Vec<usize> = (0..versions.len())
            .filter(|&v| find(v, name).is_some())
            .collect();
        let first = present[0];
        let last = *present.last().expect("present somewhere");
        let code = find(last, name).expect("present").code;
        let alias = present
            .iter()
            .find(|&&v| find(v, name).is_some_and(|i| i.alias_of.is_some()))
            .filter(|_| find(last, name).is_some_and(|i| i.alias_of.is_some()))
            .map(|&v| inputs[v].version.clone());
        let deprecated = present
            .iter()
            .find_map(|&v| {
                find(v, name)
                    .and_then(|i| i.deprecated.clone())
                    .map(|since| since.unwrap_or_else(|| inputs[v].version.clone()))
            })
            .filter(|_| find(last, name).is_some_and(|i| i.deprecated.is_some()));
        let removed = (last < newest).then(|| inputs[last + 1].version.clone());
        let replacement = resolve(name).filter(|r| find(newest, r).is_some());
        rows.push([
            name.clone(),
            code.to_string(),
            inputs[first].version.clone(),
            alias.unwrap_or_default(),
            deprecated.unwrap_or_default(),
            removed.unwrap_or_default(),
            replacement.unwrap_or_default(),
        ]);
    }
    rows.sort_by_key(|r| r[1].parse::<u16>().unwrap_or(0));

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: status-code names, generated by `httpref constants import`; do not edit by hand.",
        library.label()
    );
    let _ = writeln!(
        out,
        "# since: first examined version with the name; alias/deprecated/removed: first examined version (or the version the source's deprecation gives);"
    );
    let _ = writeln!(
        out,
        "# replacement: the name the library's source says to use instead. Inputs, oldest first: version, sha256 of the file, origin."
    );
    let _ = writeln!(out, "# library\t{}", library.key());
    for input in inputs {
        let digest = Sha256::digest(&input.bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(
            out,
            "# input\t{}\tsha256:{hex}\t{}",
            input.version,
            input.origin.replace(['\t', '\n'], " ")
        );
    }
    let _ = writeln!(out, "{}", COLUMNS.join("\t"));
    for row in rows {
        let _ = writeln!(out, "{}", row.join("\t"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/constants")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn find<'a>(items: &'a [Item], name: &str) -> &'a Item {
        items
            .iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("no {name} in {items:#?}"))
    }

    #[test]
    fn python_names_and_aliases() {
        let items = python(&fixture("python-3.13-excerpt.py"));
        assert_eq!(find(&items, "HTTPStatus.CONTENT_TOO_LARGE").code, 413);
        let alias = find(&items, "HTTPStatus.REQUEST_ENTITY_TOO_LARGE");
        assert_eq!(alias.code, 413);
        assert_eq!(
            alias.alias_of.as_deref(),
            Some("HTTPStatus.CONTENT_TOO_LARGE")
        );
        assert!(
            !items.iter().any(|i| i.name.contains("GET")),
            "HTTPMethod is not HTTPStatus"
        );
    }

    #[test]
    fn go_consts() {
        let items = go(&fixture("go-status-excerpt.go"));
        assert_eq!(find(&items, "http.StatusRequestEntityTooLarge").code, 413);
        assert_eq!(find(&items, "http.StatusTeapot").code, 418);
    }

    #[test]
    fn rust_macro_rows() {
        let items = rust(&fixture("rust-status-excerpt.rs"));
        assert_eq!(find(&items, "StatusCode::PAYLOAD_TOO_LARGE").code, 413);
        assert_eq!(find(&items, "StatusCode::IM_A_TEAPOT").code, 418);
    }

    #[test]
    fn dotnet_reference_docs_and_enum() {
        let items = dotnet(&fixture("dotnet-8.0-excerpt.xml"));
        assert_eq!(
            find(&items, "HttpStatusCode.UnprocessableContent").code,
            422
        );
        assert_eq!(find(&items, "HttpStatusCode.UnprocessableEntity").code, 422);
        let items = dotnet(&fixture("dotnet-enum-form.cs"));
        assert_eq!(
            find(&items, "HttpStatusCode.RequestEntityTooLarge").code,
            413
        );
        assert!(
            !items.iter().any(|i| i.name.contains("ImATeapot")),
            "a comment is not a member"
        );
    }

    #[test]
    fn spring_deprecations_and_replacements() {
        let items = spring(&fixture("spring-form.java"));
        assert_eq!(items.len(), 5, "the Series enum is not read: {items:#?}");
        let old = find(&items, "HttpStatus.PAYLOAD_TOO_LARGE");
        assert_eq!(old.deprecated, Some(Some("7.0".to_owned())));
        assert_eq!(
            old.replacement.as_deref(),
            Some("HttpStatus.CONTENT_TOO_LARGE")
        );
        let processing = find(&items, "HttpStatus.PROCESSING");
        assert_eq!(processing.deprecated, Some(Some("7.0".to_owned())));
        assert_eq!(processing.replacement, None);
        let current = find(&items, "HttpStatus.CONTENT_TOO_LARGE");
        assert_eq!((current.code, current.deprecated.clone()), (413, None));
    }

    #[test]
    fn rack_symbols_and_obsolete_ones() {
        let items = rack(&fixture("rack-3.1-excerpt.rb"));
        assert_eq!(find(&items, ":content_too_large").code, 413);
        assert_eq!(find(&items, ":non_authoritative_information").code, 203);
        let old = find(&items, ":unprocessable_entity");
        assert_eq!(old.deprecated, Some(None));
        assert_eq!(old.replacement.as_deref(), Some(":unprocessable_content"));
        let gone = find(&items, ":bandwidth_limit_exceeded");
        assert_eq!((gone.code, gone.replacement.clone()), (509, None));
    }

    #[test]
    fn symfony_consts() {
        let items = symfony(&fixture("symfony-excerpt.php"));
        assert_eq!(
            find(&items, "Response::HTTP_REQUEST_ENTITY_TOO_LARGE").code,
            413
        );
        assert_eq!(
            find(&items, "Response::HTTP_PERMANENTLY_REDIRECT").code,
            308
        );
    }

    #[test]
    fn table_tracks_versions_aliases_and_removals() {
        let old = "class HTTPStatus:\n    A = 100, 'a'\n    B = 101, 'b'\n    C = 102, 'c'\n    D = 103, 'd'\n    E = 200, 'e'\n    F = 201, 'f'\n    G = 202, 'g'\n    H = 203, 'h'\n    I = 204, 'i'\n    OLD = 413, 'old'\n";
        let new = old.replace(
            "    OLD = 413, 'old'\n",
            "    NEW = (413, 'new')\n    OLD = NEW\n",
        );
        let newer = new.replace("    I = 204, 'i'\n", "");
        let inputs =
            [("3.11", old.to_owned()), ("3.13", new), ("3.14", newer)].map(|(v, t)| Input {
                version: v.into(),
                bytes: t.into_bytes(),
                origin: format!("test {v}"),
            });
        let text = table(Library::Python, &inputs).unwrap();
        let parsed = super::super::Table::parse(&text).unwrap();
        assert_eq!(parsed.versions, ["3.11", "3.13", "3.14"]);
        let old = parsed.get("HTTPStatus.OLD").unwrap();
        assert_eq!(
            (old.alias.as_deref(), old.replacement.as_deref()),
            (Some("3.13"), Some("HTTPStatus.NEW"))
        );
        assert_eq!(parsed.get("HTTPStatus.NEW").unwrap().since, "3.13");
        assert_eq!(
            parsed.get("HTTPStatus.I").unwrap().removed.as_deref(),
            Some("3.14")
        );
        assert!(text.contains("sha256:"), "{text}");
    }

    #[test]
    fn a_file_of_another_library_is_refused() {
        assert!(parse(Library::Spring, &fixture("go-status-excerpt.go")).is_err());
    }
}
