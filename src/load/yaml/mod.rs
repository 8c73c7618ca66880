//! Front matter YAML into typed structs, reporting every problem with its line, column and field.
//!
//! The YAML is parsed once into a `tree` that keeps where every key and value is written (by
//! `syntax`, which also places the parser's own problems where they are), then read into
//! the typed structs through serde by a deserializer over that tree (`de`) whose errors are
//! structured: which field, what was expected, what was found. After an error the tree is
//! repaired at that path (an unknown key removed; a missing field or a bad value replaced by a
//! stand-in that reads as whatever the field expects) and reading runs again, so one file yields
//! all of its unknown fields, wrong types and missing fields in a single run.

mod de;
pub(crate) mod limits;
mod syntax;
pub(crate) mod tree;

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::model::StatusCode;
use crate::source::SourceFile;

use de::{De, Found, Kind};
use tree::{Entry, Node, Value};

/// A 1-based line and column (in characters) of the parsed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A field path such as `spec[0].section`.
pub fn field_name(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if out.is_empty() => out.push_str(k),
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The YAML front matter of one file, able to point at its fields.
#[derive(Debug, Clone, Copy)]
pub struct Yaml<'a> {
    pub src: &'a SourceFile,
    pub text: &'a str,
    /// Byte offset of `text` in the file (the start of a line).
    pub offset: usize,
}

/// Repairs after which reading gives up; each one is a reported problem, so this only bounds a
/// file with a great many of them.
const MAX_REPAIRS: usize = 64;

/// Where each field of a whole-file YAML text (a decision tree, a practice scenario) is written:
/// parsed the first time a diagnostic or a link's place needs it, then kept, since one file's fields
/// may be pointed at many times.
#[derive(Debug, Default)]
pub(crate) struct Fields(OnceLock<Option<Node>>);

impl Fields {
    /// A diagnostic at the field `path` of `src`, as [`Yaml::diagnostic`] places it.
    pub fn at(&self, src: &SourceFile, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        let yaml = Yaml {
            src,
            text: &src.text,
            offset: 0,
        };
        self.in_yaml(yaml, path, message)
    }

    /// A diagnostic at the field `path` of `yaml`, always the same text for one `Fields`.
    pub fn in_yaml(&self, yaml: Yaml<'_>, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        let root = self.0.get_or_init(|| syntax::tree(yaml.text));
        yaml.point(root.as_ref(), path, true, message)
    }
}

/// `field`, a diagnostic at a string field of `src` whose value is `text`, moved to byte
/// `offset` of that text where the value is written as a literal block (`|`) or on one line
/// without escapes, so a problem inside a long text is shown on its own line; otherwise `field`.
pub(crate) fn in_text(
    field: Diagnostic,
    src: &SourceFile,
    text: &str,
    offset: usize,
) -> Diagnostic {
    let Some(before) = text.get(..offset) else {
        return field;
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let nth = before.matches('\n').count();
    let Some(key_line) = src.line_text(field.line) else {
        return field;
    };
    let value: String = key_line.chars().skip(field.col.saturating_sub(1)).collect();
    let (raw_line, start) = if value.starts_with('|') {
        match src.line_text(field.line + 1 + nth) {
            Some(raw) if raw.ends_with(line) => (field.line + 1 + nth, raw.len() - line.len()),
            _ => return field,
        }
    } else {
        let value_start = key_line.len() - value.len();
        match key_line[value_start..].find(line) {
            Some(at) if nth == 0 => (field.line, value_start + at),
            _ => return field,
        }
    };
    let Some(written) = src
        .line_text(raw_line)
        .and_then(|raw| raw.get(..start + (offset - line_start)))
    else {
        return field;
    };
    let col = written.chars().count() + 1;
    let mut at = src.diagnostic_at_line(raw_line, col, field.message);
    at.field = field.field;
    at.expected = field.expected;
    at.hint = field.hint;
    at
}

impl Yaml<'_> {
    /// A diagnostic pointing at the field `path` (or the closest enclosing field that exists):
    /// at its value when written on the key's line, else at its key.
    pub fn diagnostic(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.point(syntax::tree(self.text).as_ref(), path, true, message)
    }

    fn point(
        &self,
        root: Option<&Node>,
        path: &[Seg],
        value: bool,
        message: impl Into<String>,
    ) -> Diagnostic {
        let d = match root.and_then(|r| r.locate(path, value)) {
            Some(at) => self.at(at, message),
            None => self.src.diagnostic_at(self.offset, message),
        };
        if path.is_empty() {
            d
        } else {
            d.field(field_name(path))
        }
    }

    /// A diagnostic at a line and column of `text`.
    fn at(&self, at: Pos, message: impl Into<String>) -> Diagnostic {
        let (first_line, _) = self.src.position(self.offset);
        self.src
            .diagnostic_at_line(first_line + at.line - 1, at.col, message)
    }

    /// Deserializes into `T`, collecting every problem.
    #[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        let (first_line, _) = self.src.position(self.offset);
        let (tree, syntax_problems) = syntax::read(self.text, first_line);
        let mut problems: Vec<Diagnostic> = syntax_problems
            .into_iter()
            .map(|p| self.syntax_diagnostic(p))
            .collect();
        let Some(original) = tree else {
            return Err(problems);
        };
        if !matches!(original.value, Value::Map(_)) {
            // A whole YAML file (site.yaml, a tree) or the front matter of a Markdown file.
            let whole_file = self.offset == 0 && self.text.len() == self.src.text.len();
            let (message, expected) = if whole_file {
                (
                    "the file must be a mapping of fields",
                    "`field: value` lines",
                )
            } else {
                (
                    "front matter must be a mapping of fields",
                    "`field: value` lines between the two `---` lines",
                )
            };
            let found = match &original.value {
                Value::Null if self.text.trim().is_empty() && whole_file => {
                    "the file is empty".to_owned()
                }
                value => format!("found {}", describe(value)),
            };
            problems.push(
                self.src
                    .diagnostic_at(self.offset, message)
                    .expected(expected)
                    .hint(found),
            );
            return Err(problems);
        }
        let mut tree = original.clone();
        // Fields offered as did-you-mean: their absence is the same problem, not a new one.
        let mut suggested: HashSet<Vec<Seg>> = HashSet::new();
        for _ in 0..MAX_REPAIRS {
            let err = match T::deserialize(De {
                node: &tree,
                path: Vec::new(),
            }) {
                Ok(t) if problems.is_empty() => return Ok(t),
                Ok(_) => return Err(problems),
                Err(e) => e,
            };
            let path = err.path.unwrap_or_default();
            let repaired = match err.kind {
                Kind::UnknownField { field, expected } => {
                    let hint = did_you_mean(&field, expected.iter().copied());
                    if let Some(m) = hint {
                        let mut p = path[..path.len().saturating_sub(1)].to_vec();
                        p.push(Seg::Key(m.to_owned()));
                        suggested.insert(p);
                    }
                    problems.push(
                        self.point(
                            Some(&original),
                            &path,
                            false,
                            format!("unknown field `{field}`"),
                        )
                        .expected(expected_fields(expected))
                        .hint(
                            hint.map(|m| format!("did you mean `{m}`?"))
                                .unwrap_or_else(|| {
                                    "remove the field, or check its spelling and indentation"
                                        .to_owned()
                                }),
                        ),
                    );
                    remove(&mut tree, &path)
                }
                Kind::MissingField(field) => {
                    let mut key_path = path.clone();
                    key_path.push(Seg::Key(field.to_owned()));
                    if !suggested.contains(&key_path) {
                        problems.push(
                            self.missing_at(&original, &path, format!("missing field `{field}`"))
                                .field(field_name(&key_path))
                                .expected(format!("a `{field}` field"))
                                .hint(format!("add a line `{field}: ...`")),
                        );
                    }
                    insert_wildcard(&mut tree, &path, field)
                }
                Kind::UnknownVariant { found, expected } => {
                    let names: Vec<&str> = expected.to_vec();
                    let hint = did_you_mean(&found, names.iter().copied())
                        .map(|m| format!("did you mean `{m}`?"));
                    problems.push(
                        self.point(
                            Some(&original),
                            &path,
                            true,
                            format!("`{found}` is not an allowed value"),
                        )
                        .expected(format!("one of {}", quote_list(&names)))
                        .hint_opt(hint),
                    );
                    replace(&mut tree, &path)
                }
                Kind::Mismatch {
                    found,
                    expected,
                    wrong_value,
                } => {
                    let found = match found {
                        Found::Number { float } => number_as_written(&original, &path, float),
                        Found::Other(s) => s,
                    };
                    problems.push(self.mismatch(&original, &path, &found, &expected, wrong_value));
                    replace(&mut tree, &path)
                }
                Kind::Custom(message) => {
                    problems.push(self.point(Some(&original), &path, true, message));
                    replace(&mut tree, &path)
                }
            };
            if !repaired {
                break;
            }
        }
        if problems.is_empty() {
            // Not expected, but an error must never be silent.
            problems.push(
                self.src
                    .diagnostic_at(self.offset, "front matter could not be read"),
            );
        }
        Err(problems)
    }

    /// Where a field missing from the mapping at `path` is reported: the start of the front
    /// matter for a top-level field, else the mapping's own field.
    fn missing_at(&self, root: &Node, path: &[Seg], message: String) -> Diagnostic {
        if path.is_empty() {
            self.src.diagnostic_at(self.offset, message)
        } else {
            self.point(Some(root), path, true, message)
        }
    }

    /// A problem the YAML parser met, at its line and column in the file.
    fn syntax_diagnostic(&self, p: syntax::Problem) -> Diagnostic {
        let d = self.at(p.at, p.message).expected(p.expected).hint(p.hint);
        let d = match p.width {
            Some(chars) => d.width(chars),
            None => d,
        };
        match p.field {
            Some(field) => d.field(field),
            None => d,
        }
    }

    fn mismatch(
        &self,
        root: &Node,
        path: &[Seg],
        found: &str,
        expected: &str,
        wrong_value: bool,
    ) -> Diagnostic {
        let what = if wrong_value {
            "wrong value"
        } else {
            "wrong type"
        };
        let mut d = self.point(Some(root), path, true, format!("{what}: found {found}"));
        if !expected.is_empty() {
            d = d.expected(humanize_expected(expected));
        }
        if expected == StatusCode::EXPECTED {
            d = d.hint("write the code as a plain number, e.g. 404");
        } else if expected.contains("string")
            && (found.starts_with("floating") || found.starts_with("integer"))
        {
            d = d.hint("quote the value, e.g. section: \"15.5\", so it is read as text");
        } else if wrong_value && matches!(expected, "u8" | "u16" | "u32" | "u64" | "i32" | "i64") {
            d = d.hint("the number is out of range for this field");
        } else if expected == "u16" || expected.contains("integer") {
            d = d.hint("write a plain number without quotes, e.g. 404");
        }
        d
    }
}

/// serde's description of a number, with the number as the file writes it (serde would print
/// `1e308` as 309 digits, and a number too large to read as the stand-in that was read).
fn number_as_written(root: &Node, path: &[Seg], float: bool) -> String {
    let kind = if float { "floating point" } else { "integer" };
    match root.get(path).map(|n| &n.value) {
        Some(Value::Int { text, .. } | Value::Float { text, .. }) => format!("{kind} `{text}`"),
        _ => kind.to_owned(),
    }
}

fn quote_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn expected_fields(candidates: &[&str]) -> String {
    if candidates.is_empty() {
        "no fields here".to_owned()
    } else {
        format!("one of {}", quote_list(candidates))
    }
}

fn humanize_expected(expected: &str) -> String {
    match expected {
        "u8" => "a whole number from 0 to 255".to_owned(),
        "u16" => "a whole number from 0 to 65535".to_owned(),
        "u32" => "a whole number from 0 to 4294967295".to_owned(),
        "u64" | "i32" | "i64" => "a whole number".to_owned(),
        "a string" => "text (a string)".to_owned(),
        "a sequence" => "a list, written `[a, b]` or as `- item` lines".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        e if e.starts_with("struct ") => "a mapping of fields (`name: value` lines)".to_owned(),
        e => e.to_owned(),
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null | Value::Wildcard => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Int { .. } | Value::Float { .. } => "a number",
        Value::Str(_) => "plain text",
        Value::Seq(_) => "a list",
        Value::Map(_) => "a mapping",
    }
}

/// Removes the entry at `path` from its mapping.
fn remove(tree: &mut Node, path: &[Seg]) -> bool {
    let Some((Seg::Key(key), parent)) = path.split_last() else {
        return false;
    };
    match tree.get_mut(parent).map(|n| &mut n.value) {
        Some(Value::Map(entries)) => {
            let before = entries.len();
            entries.retain(|e| e.name() != key.as_str());
            entries.len() < before
        }
        _ => false,
    }
}

/// Puts a stand-in where the value at `path` was; false if there already was one.
fn replace(tree: &mut Node, path: &[Seg]) -> bool {
    match tree.get_mut(path) {
        Some(node) if !matches!(node.value, Value::Wildcard) => {
            node.value = Value::Wildcard;
            true
        }
        _ => false,
    }
}

/// Adds `field` with a stand-in value to the mapping at `path`.
fn insert_wildcard(tree: &mut Node, path: &[Seg], field: &str) -> bool {
    let Some(node) = tree.get_mut(path) else {
        return false;
    };
    let at = node.at;
    let Value::Map(entries) = &mut node.value else {
        return false;
    };
    if entries.iter().any(|e| e.name() == field) {
        return false;
    }
    entries.push(Entry {
        key: Node {
            at,
            value: Value::Str(field.to_owned()),
        },
        value: Node {
            at,
            value: Value::Wildcard,
        },
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        code: u16,
        name: String,
        #[serde(default)]
        related: Vec<u16>,
        spec: Vec<Spec>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Spec {
        rfc: u32,
        section: String,
    }

    fn parse(yaml: &str) -> Result<Meta, Vec<Diagnostic>> {
        let text = format!("---\n{yaml}---\nbody\n");
        let src = SourceFile::new("x.md", text);
        let y = Yaml {
            src: &src,
            text: &src.text[4..4 + yaml.len()],
            offset: 4,
        };
        y.parse::<Meta>()
    }

    fn summary(diags: &[Diagnostic]) -> Vec<String> {
        diags
            .iter()
            .map(|d| format!("{}:{} {} {:?}", d.line, d.col, d.message, d.field))
            .collect()
    }

    #[test]
    fn parses_valid_front_matter() {
        let m =
            parse("code: 404\nname: Not Found\nspec:\n  - rfc: 9110\n    section: \"15.5.5\"\n")
                .unwrap();
        assert_eq!(m.code, 404);
    }

    #[test]
    fn reports_every_unknown_field_with_did_you_mean() {
        let errs =
            parse("code: 404\nnmae: Not Found\nname: x\ncolour: red\nspec: []\n").unwrap_err();
        assert_eq!(
            summary(&errs),
            [
                "3:1 unknown field `nmae` Some(\"nmae\")",
                "5:1 unknown field `colour` Some(\"colour\")"
            ]
        );
        assert_eq!(errs[0].hint.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn reports_all_missing_fields() {
        let errs = parse("code: 404\n").unwrap_err();
        let messages: Vec<_> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["missing field `name`", "missing field `spec`"]);
    }

    #[test]
    fn reports_wrong_types_at_the_value() {
        let errs =
            parse("code: four\nname: x\nspec:\n  - rfc: 9110\n    section: 15.5\n").unwrap_err();
        assert_eq!(
            summary(&errs),
            [
                "2:7 wrong type: found string \"four\" Some(\"code\")",
                "6:14 wrong type: found floating point `15.5` Some(\"spec[0].section\")",
            ]
        );
        assert!(errs[1].hint.as_deref().unwrap().contains("quote the value"));
    }

    #[test]
    fn points_into_inline_lists() {
        let errs = parse("code: 404\nname: x\nrelated: [401, abc]\nspec: []\n").unwrap_err();
        assert_eq!(
            summary(&errs),
            ["4:16 wrong type: found string \"abc\" Some(\"related[1]\")"]
        );
    }

    #[test]
    fn reports_syntax_errors_with_file_position() {
        let errs = parse("code: 404\nname: x: y\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].message.starts_with("invalid YAML"),
            "{}",
            errs[0].message
        );
        assert!(errs[0].line >= 3, "line {}", errs[0].line);
        // An unclosed bracket is reported where it opens, with no knock-on errors.
        let errs = parse("code: 404\nname: [unclosed\n").unwrap_err();
        assert_eq!(
            summary(&errs),
            ["3:7 list is not closed: this `[` has no closing `]` None"]
        );
    }

    #[test]
    fn reports_every_bad_list_item_and_nothing_inside_placeholders() {
        let errs = parse(
            "code: 404\nname: x\nrelated: [410, 1e308, -5]\nspec: [abc, { rfc: x, section: \"1\" }]\n",
        )
        .unwrap_err();
        assert_eq!(
            summary(&errs),
            [
                "4:16 wrong type: found floating point `1e308` Some(\"related[1]\")",
                "4:23 wrong value: found integer `-5` Some(\"related[2]\")",
                "5:8 wrong type: found string \"abc\" Some(\"spec[0]\")",
                "5:20 wrong type: found string \"x\" Some(\"spec[1].rfc\")",
            ]
        );
    }

    #[test]
    fn rejects_non_mapping_front_matter() {
        let errs = parse("just text\n").unwrap_err();
        assert_eq!(errs[0].message, "front matter must be a mapping of fields");
    }

    #[test]
    fn locate_follows_nested_items_and_inline_maps() {
        let yaml = "code: 413\nformer_names:\n  - name: A\n    spec: { rfc: 7231, section: \"6.5.11\" }\n  - name: B\n";
        let root = syntax::tree(yaml).unwrap();
        let key = |k: &str| Seg::Key(k.into());
        let at = root.locate(&[key("former_names"), Seg::Index(1), key("name")], false);
        assert_eq!(at, Some(Pos { line: 5, col: 5 }));
        let path = [
            key("former_names"),
            Seg::Index(0),
            key("spec"),
            key("section"),
        ];
        assert_eq!(root.locate(&path, false), Some(Pos { line: 4, col: 24 }));
        assert_eq!(root.locate(&path, true), Some(Pos { line: 4, col: 33 }));
        // A block value on the lines below its key is pointed at by its key.
        assert_eq!(
            root.locate(&[key("former_names")], true),
            Some(Pos { line: 2, col: 1 })
        );
    }
}
