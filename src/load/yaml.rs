//! Front matter YAML into typed structs, reporting every problem with its line, column and field.
//!
//! The YAML is parsed once into a value tree (by `load::syntax`, which places the parser's own
//! problems where they are), then deserialized with `serde_path_to_error` so each error knows its
//! field path. After an error the offending key is removed (or a placeholder is put in, for a
//! missing field or a bad list item) and deserialization runs again, so one file yields all of its
//! unknown fields, wrong types and missing fields in a single run instead of only the first.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::load::source::SourceFile;
use crate::load::syntax::{self, strip_location};
use crate::model::StatusCode;

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
    /// Byte offset of `text` in the file.
    pub offset: usize,
}

impl Yaml<'_> {
    /// A diagnostic pointing at the field `path` (or the closest enclosing field that can be found).
    pub fn diagnostic(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        let at = locate_value(self.text, path);
        let d = self.src.diagnostic_at(self.offset + at, message);
        if path.is_empty() {
            d
        } else {
            d.field(field_name(path))
        }
    }

    /// A diagnostic pointing at the key itself rather than its value.
    pub fn key_diagnostic(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        let at = locate(self.text, path);
        self.src
            .diagnostic_at(self.offset + at, message)
            .field(field_name(path))
    }

    /// Deserializes into `T`, collecting every problem.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        let (value, syntax_problems) = syntax::read(self.text);
        let mut problems: Vec<Diagnostic> = syntax_problems
            .into_iter()
            .map(|p| self.syntax_diagnostic(p))
            .collect();
        let Some(mut value) = value else {
            return Err(problems);
        };
        if !value.is_mapping() {
            let found = if value.is_null() {
                "nothing"
            } else {
                describe_value(&value)
            };
            problems.push(
                self.diagnostic(&[], "front matter must be a mapping of fields")
                    .expected("`field: value` lines between the two `---` lines")
                    .hint(format!("found {found}")),
            );
            return Err(problems);
        }
        // Paths that already have a reported problem, and placeholders already tried at a path.
        let mut reported: HashSet<Vec<Seg>> = HashSet::new();
        let mut placeholders_tried: Vec<(Vec<Seg>, usize)> = Vec::new();
        // Fields offered as did-you-mean: their absence is the same problem, not a new one.
        let mut suggested: HashSet<Vec<Seg>> = HashSet::new();
        // Each round removes or patches one problem; the bound only guards against surprises.
        for _ in 0..64 {
            let err = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
                Ok(t) if problems.is_empty() => return Ok(t),
                Ok(_) => return Err(problems),
                Err(e) => e,
            };
            let path = convert_path(err.path());
            let message = err.inner().to_string();
            let message = strip_location(&message);
            if let Some(rest) = message.strip_prefix("unknown field `") {
                let (field, expected) = split_backticked(rest);
                // The path may or may not already name the unknown key.
                let mut key_path = path.clone();
                if key_path.last() != Some(&Seg::Key(field.to_owned())) {
                    key_path.push(Seg::Key(field.to_owned()));
                }
                let candidates = backticked_list(expected);
                let hint = did_you_mean(field, candidates.iter().copied())
                    .map(|m| format!("did you mean `{m}`?"))
                    .unwrap_or_else(|| {
                        "remove the field, or check its spelling and indentation".to_owned()
                    });
                suggested.extend(did_you_mean(field, candidates.iter().copied()).map(|m| {
                    let mut p = key_path[..key_path.len() - 1].to_vec();
                    p.push(Seg::Key(m.to_owned()));
                    p
                }));
                problems.push(
                    self.key_diagnostic(&key_path, format!("unknown field `{field}`"))
                        .expected(expected_fields(&candidates))
                        .hint(hint),
                );
                if !remove(&mut value, &key_path) {
                    break;
                }
                reported.insert(key_path);
            } else if let Some(rest) = message.strip_prefix("missing field `") {
                let (field, _) = split_backticked(rest);
                let mut key_path = path.clone();
                key_path.push(Seg::Key(field.to_owned()));
                // A field missing from one of our own placeholders is not the author's problem.
                let in_placeholder = placeholders_tried
                    .iter()
                    .any(|(p, _)| key_path.starts_with(p) && key_path != *p);
                let tried = match placeholders_tried.iter_mut().find(|(p, _)| *p == key_path) {
                    Some((_, n)) => n,
                    None => {
                        if !reported.contains(&key_path)
                            && !suggested.contains(&key_path)
                            && !in_placeholder
                        {
                            problems.push(
                                self.diagnostic(&path, format!("missing field `{field}`"))
                                    .field(field_name(&key_path))
                                    .expected(format!("a `{field}` field"))
                                    .hint(format!("add a line `{field}: ...`")),
                            );
                            reported.insert(key_path.clone());
                        }
                        placeholders_tried.push((key_path.clone(), 0));
                        &mut placeholders_tried.last_mut().expect("just pushed").1
                    }
                };
                if !insert_placeholder(&mut value, &key_path, tried) {
                    break;
                }
            } else {
                // A wrong type or value at `path`.
                if placeholders_tried.iter().any(|(p, _)| path.starts_with(p)) {
                    let i = match placeholders_tried.iter().position(|(p, _)| *p == path) {
                        Some(i) => i,
                        None => {
                            placeholders_tried.push((path.clone(), 0));
                            placeholders_tried.len() - 1
                        }
                    };
                    let tried = &mut placeholders_tried[i].1;
                    // Our own placeholder has the wrong type: an enum names its variants, so use
                    // one of those; otherwise try the next kind of value.
                    if let Some(valid) = first_variant(message)
                        && set(&mut value, &path, Value::String(valid))
                    {
                        continue;
                    }
                    if !insert_placeholder(&mut value, &path, tried) {
                        break;
                    }
                    continue;
                }
                problems.push(self.value_error(&path, message));
                reported.insert(path.clone());
                if let Some(valid) = first_variant(message)
                    && set(&mut value, &path, Value::String(valid))
                {
                    continue;
                }
                match path.last() {
                    Some(Seg::Key(_)) if remove(&mut value, &path) => {}
                    // A list item cannot be removed without renumbering the items after it: a
                    // placeholder takes its place, so the items after it are checked too.
                    Some(Seg::Index(_)) => {
                        placeholders_tried.push((path.clone(), 0));
                        let tried = &mut placeholders_tried.last_mut().expect("just pushed").1;
                        if !insert_placeholder(&mut value, &path, tried) {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        if problems.is_empty() {
            // Not expected, but an error must never be silent.
            problems.push(self.diagnostic(&[], "front matter could not be read"));
        }
        Err(problems)
    }

    /// serde's description of a number (`floating point `1e308``, `integer `N``) with the number as
    /// the file writes it: serde prints `1e308` as 309 digits, and a stand-in for a number too
    /// large to read (see `syntax`) as itself.
    fn as_written(&self, path: &[Seg], found: &str) -> String {
        let number = ["integer `", "floating point `"]
            .into_iter()
            .find_map(|kind| Some((kind, found.strip_prefix(kind)?.strip_suffix('`')?)));
        let Some((kind, shown)) = number else {
            return found.to_owned();
        };
        let (_, Some(at)) = walk(self.text, path) else {
            return found.to_owned();
        };
        let rest = &self.text[at..];
        let end = rest
            .find([',', ']', '}', '\n', '\r'])
            .unwrap_or(rest.len())
            .min(rest.find(" #").unwrap_or(rest.len()));
        let written = rest[..end].trim();
        if written.is_empty() || written == shown {
            found.to_owned()
        } else {
            format!("{kind}{written}`")
        }
    }

    /// A problem the YAML parser met, at its line and column in the file.
    fn syntax_diagnostic(&self, p: syntax::Problem) -> Diagnostic {
        let (first_line, _) = self.src.position(self.offset);
        let d = self
            .src
            .diagnostic_at_line(first_line + p.line - 1, p.col, p.message)
            .expected(p.expected)
            .hint(p.hint);
        let d = match p.width {
            Some(chars) => d.width(chars),
            None => d,
        };
        match p.field {
            Some(field) => d.field(field),
            None => d,
        }
    }

    fn value_error(&self, path: &[Seg], message: &str) -> Diagnostic {
        if let Some(rest) = message.strip_prefix("unknown variant `") {
            let (found, expected) = split_backticked(rest);
            let candidates = backticked_list(expected);
            let hint = did_you_mean(found, candidates.iter().copied())
                .map(|m| format!("did you mean `{m}`?"));
            return self
                .diagnostic(path, format!("`{found}` is not an allowed value"))
                .expected(format!("one of {}", quote_list(&candidates)))
                .hint_opt(hint);
        }
        // "invalid type: string \"x\", expected u16" and "invalid value: integer `70000`, expected u16".
        let (found, expected) = message.split_once(", expected ").unwrap_or((message, ""));
        let (what, found) = match found.strip_prefix("invalid value: ") {
            Some(found) => ("wrong value", found),
            None => ("wrong type", found.trim_start_matches("invalid type: ")),
        };
        let found = self.as_written(path, found);
        let mut d = self.diagnostic(path, format!("{what}: found {found}"));
        if !expected.is_empty() {
            d = d.expected(humanize_expected(expected));
        }
        if expected == StatusCode::EXPECTED {
            d = d.hint("write the code as a plain number, e.g. 404");
        } else if expected.contains("string")
            && (found.starts_with("floating") || found.starts_with("integer"))
        {
            d = d.hint("quote the value, e.g. section: \"15.5\", so it is read as text");
        } else if expected == "u16" || expected.contains("integer") {
            d = d.hint("write a plain number without quotes, e.g. 404");
        }
        d
    }
}

/// Splits "x`, rest" into ("x", "rest").
fn split_backticked(rest: &str) -> (&str, &str) {
    let (name, after) = rest.split_once('`').unwrap_or((rest, ""));
    (
        name,
        after
            .trim_start_matches(',')
            .trim_start_matches(" expected ")
            .trim(),
    )
}

/// The names inside backticks in "one of `a`, `b`" or "`a` or `b`".
fn backticked_list(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
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

fn first_variant(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown variant `")?;
    let (_, expected) = split_backticked(rest);
    backticked_list(expected).first().map(|s| (*s).to_owned())
}

fn humanize_expected(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "i32" | "i64" => "a whole number".to_owned(),
        "a string" => "text (a string)".to_owned(),
        "a sequence" => "a list, written `[a, b]` or as `- item` lines".to_owned(),
        "a boolean" => "`true` or `false`".to_owned(),
        e if e.starts_with("struct ") => "a mapping of fields (`name: value` lines)".to_owned(),
        e => e.to_owned(),
    }
}

fn describe_value(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "plain text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

fn convert_path(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|seg| match seg {
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Seq { index } => Some(Seg::Index(*index)),
            _ => None,
        })
        .collect()
}

fn get_mut<'v>(value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut current = value;
    for seg in path {
        current = match (seg, current) {
            (Seg::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str())?,
            (Seg::Index(i), Value::Sequence(s)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(current)
}

fn parent_mapping<'v>(value: &'v mut Value, path: &[Seg]) -> Option<(&'v mut Mapping, String)> {
    let (Seg::Key(key), parent) = path.split_last()? else {
        return None;
    };
    match get_mut(value, parent)? {
        Value::Mapping(m) => Some((m, key.clone())),
        _ => None,
    }
}

fn remove(value: &mut Value, path: &[Seg]) -> bool {
    parent_mapping(value, path).is_some_and(|(m, key)| m.remove(key.as_str()).is_some())
}

fn set(value: &mut Value, path: &[Seg], new: Value) -> bool {
    match get_mut(value, path) {
        Some(slot) => {
            *slot = new;
            true
        }
        None => false,
    }
}

/// Puts the next kind of placeholder at `path`, so deserialization can go on past a missing field
/// or a bad list item.
fn insert_placeholder(value: &mut Value, path: &[Seg], tried: &mut usize) -> bool {
    let candidates = [
        Value::String(String::new()),
        Value::Number(0.into()),
        Value::Sequence(Vec::new()),
        Value::Bool(false),
        Value::Mapping(Mapping::new()),
    ];
    let Some(next) = candidates.get(*tried).cloned() else {
        return false;
    };
    *tried += 1;
    if matches!(path.last(), Some(Seg::Index(_))) {
        return set(value, path, next);
    }
    match parent_mapping(value, path) {
        Some((m, key)) => {
            m.insert(Value::String(key), next);
            true
        }
        None => false,
    }
}

/// Byte offset in `yaml` of the field at `path`, or of the closest enclosing field found.
///
/// This reads block-style YAML line by line (keys by indentation, `- ` list items, and inline
/// `[a, b]` / `{k: v}` collections), which is the style content files use. It only ever points a
/// message somewhere; if a path cannot be followed it stops at the last step it could.
pub fn locate(yaml: &str, path: &[Seg]) -> usize {
    walk(yaml, path).0
}

/// Like [`locate`], but points at the field's value when it is written on the key's line.
pub fn locate_value(yaml: &str, path: &[Seg]) -> usize {
    let (key, value) = walk(yaml, path);
    value.unwrap_or(key)
}

/// Follows `path`: the offset of the last key or item reached, and of its inline value if the
/// whole path was followed.
fn walk(yaml: &str, path: &[Seg]) -> (usize, Option<usize>) {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        lines.push((offset, line.trim_end_matches(['\n', '\r'])));
        offset += line.len();
    }
    let indent = |s: &str| s.len() - s.trim_start_matches(' ').len();
    let significant = |s: &str| !s.trim().is_empty() && !s.trim_start().starts_with('#');

    let mut pos = 0;
    // Window of lines the next step searches, and whether its first line is a list item.
    let (mut lo, mut hi) = (0, lines.len());
    let mut item_line: Option<usize> = None;
    // The value written on the same line as the last key or item, and its offset.
    let mut inline: Option<(usize, &str)> = None;

    for seg in path {
        match seg {
            Seg::Key(key) => {
                if let Some((at, text)) = inline.filter(|(_, t)| t.starts_with('{')) {
                    if let Some(i) = find_inline_key(text, key) {
                        pos = at + i;
                        let after = &text[i + key.len() + 1..];
                        let value = after.trim_start();
                        inline =
                            Some((at + i + key.len() + 1 + (after.len() - value.len()), value));
                        continue;
                    }
                    return (pos, None);
                }
                let found = (lo..hi).find(|&n| {
                    let (_, line) = lines[n];
                    let content = strip_item_markers(line.trim_start());
                    (item_line == Some(n) || !line.trim_start().starts_with("- ") || n == lo)
                        && content
                            .strip_prefix(key.as_str())
                            .is_some_and(|r| r.starts_with(':'))
                });
                let Some(n) = found else { return (pos, None) };
                let (line_offset, line) = lines[n];
                let content = strip_item_markers(line.trim_start());
                let key_col = line.len() - content.len();
                pos = line_offset + key_col;
                let value = content[key.len() + 1..].trim();
                inline = (!value.is_empty()).then(|| {
                    (
                        line_offset + line.len() - content[key.len() + 1..].trim_start().len(),
                        value,
                    )
                });
                let key_indent = key_col;
                lo = n + 1;
                hi = (lo..hi)
                    .find(|&m| {
                        let l = lines[m].1;
                        significant(l)
                            && (indent(l) < key_indent
                                || (indent(l) == key_indent && !l.trim_start().starts_with("- ")))
                    })
                    .unwrap_or(hi);
                item_line = None;
            }
            Seg::Index(index) => {
                if let Some((at, text)) = inline.filter(|(_, t)| t.starts_with('[')) {
                    let Some((i, element)) = flow_elements(text).into_iter().nth(*index) else {
                        return (pos, None);
                    };
                    pos = at + i;
                    inline = Some((at + i, element));
                    continue;
                }
                let items: Vec<usize> = (lo..hi)
                    .filter(|&n| lines[n].1.trim_start().starts_with("- "))
                    .collect();
                let Some(min_indent) = items.iter().map(|&n| indent(lines[n].1)).min() else {
                    return (pos, None);
                };
                let items: Vec<usize> = items
                    .into_iter()
                    .filter(|&n| indent(lines[n].1) == min_indent)
                    .collect();
                let Some(&n) = items.get(*index) else {
                    return (pos, None);
                };
                let (line_offset, line) = lines[n];
                let content = line.trim_start()[2..].trim_start();
                pos = line_offset + line.len() - content.len();
                inline = Some((pos, content.trim_end()));
                hi = items.get(index + 1).copied().unwrap_or(hi);
                lo = n;
                item_line = Some(n);
            }
        }
    }
    (pos, inline.map(|(at, _)| at))
}

fn strip_item_markers(mut s: &str) -> &str {
    while let Some(rest) = s.strip_prefix("- ") {
        s = rest.trim_start();
    }
    s
}

fn find_inline_key(text: &str, key: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(i) = text[start..].find(key) {
        let at = start + i;
        let before_ok = at == 0 || matches!(text.as_bytes()[at - 1], b'{' | b' ' | b',');
        if before_ok && text[at + key.len()..].starts_with(':') {
            return Some(at);
        }
        start = at + key.len();
    }
    None
}

/// Elements of an inline `[a, b]` list with their offsets in `text` (one level deep).
fn flow_elements(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = None;
    for (i, c) in text.char_indices() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    start = Some(i + 1);
                    continue;
                }
            }
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    push_element(text, start.take(), i, &mut out);
                    break;
                }
            }
            ',' if depth == 1 => {
                push_element(text, start, i, &mut out);
                start = Some(i + 1);
            }
            _ => {}
        }
    }
    out
}

fn push_element<'t>(
    text: &'t str,
    start: Option<usize>,
    end: usize,
    out: &mut Vec<(usize, &'t str)>,
) {
    if let Some(s) = start {
        let raw = &text[s..end];
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push((s + (raw.len() - raw.trim_start().len()), trimmed));
        }
    }
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
        let src = SourceFile {
            path: "x.md".into(),
            text,
        };
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
        let at = locate(
            yaml,
            &[
                Seg::Key("former_names".into()),
                Seg::Index(1),
                Seg::Key("name".into()),
            ],
        );
        assert_eq!(&yaml[at..at + 7], "name: B");
        let at = locate(
            yaml,
            &[
                Seg::Key("former_names".into()),
                Seg::Index(0),
                Seg::Key("spec".into()),
                Seg::Key("section".into()),
            ],
        );
        assert_eq!(&yaml[at..at + 8], "section:");
    }
}
