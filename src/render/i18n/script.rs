//! The words scripts show: the `js-` messages of a catalogue as the JSON object the base template
//! writes into `<script type="application/json" id="strings">` (data, never executed, so the
//! strict CSP allows it). A message is its text with variables as `{$name}`; a message that is one
//! selector is `{"select": "count", "default": "other", "variants": {"one": …, "other": …}}`, the
//! variant chosen in the browser with `Intl.PluralRules` (the CLDR categories Fluent uses), so no
//! Fluent runtime is shipped.

use std::collections::BTreeMap;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use serde_json::{Value, json};

use crate::diagnostics::Diagnostics;
use crate::source::SourceFile;

/// The prefix of the keys scripts use.
pub const PREFIX: &str = "js-";

/// Every `js-` message as scripts read it, by key.
pub(super) fn strings(
    resource: &FluentResource,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let (true, Some(value)) = (m.id.name.starts_with(PREFIX), &m.value) else {
            continue;
        };
        match message(value) {
            Some(v) => {
                out.insert(m.id.name.to_owned(), v);
            }
            None => diags.push(
                src.diagnostic_at(super::key_offset(&src.text, m.id.name), format!("message `{}` is too complex for scripts", m.id.name))
                    .expected("text with variables (`{ $count }`), or one selector over a variable (`{ $count -> [one] … *[other] … }`)")
                    .hint("scripts' messages (`js-` keys) cannot use terms, functions or nested selectors"),
            ),
        }
    }
    out
}

/// The JSON object of the messages of `scripts` (`js-<script>-…` keys), safe to place inside a
/// `<script>` element: each page carries the words of the scripts it loads, no more.
pub(super) fn block(strings: &BTreeMap<String, Value>, scripts: &[String]) -> String {
    let wanted: BTreeMap<&String, &Value> = (strings.iter())
        .filter(|(key, _)| {
            let script = key[PREFIX.len()..].split('-').next().unwrap_or_default();
            scripts.iter().any(|s| s == script)
        })
        .collect();
    // `<` escaped, so no `</script>` can end the block early.
    serde_json::to_string(&wanted)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// A message's value as scripts read it, if it is simple enough.
fn message(pattern: &ast::Pattern<&str>) -> Option<Value> {
    if let [
        ast::PatternElement::Placeable {
            expression: ast::Expression::Select { selector, variants },
        },
    ] = pattern.elements.as_slice()
    {
        let ast::InlineExpression::VariableReference { id } = selector else {
            return None;
        };
        let mut out = serde_json::Map::new();
        let mut default = String::new();
        for variant in variants {
            let key = match &variant.key {
                ast::VariantKey::Identifier { name } => (*name).to_owned(),
                ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
            };
            if variant.default {
                default.clone_from(&key);
            }
            out.insert(key, Value::String(text(&variant.value)?));
        }
        return Some(json!({"select": id.name, "default": default, "variants": out}));
    }
    text(pattern).map(Value::String)
}

/// A pattern of text and variables as one string, variables as `{$name}`.
fn text(pattern: &ast::Pattern<&str>) -> Option<String> {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(inline),
            } => match inline {
                ast::InlineExpression::VariableReference { id } => {
                    out.push_str(&format!("{{${}}}", id.name));
                }
                ast::InlineExpression::StringLiteral { value } => out.push_str(value),
                ast::InlineExpression::NumberLiteral { value } => out.push_str(value),
                _ => return None,
            },
            ast::PatternElement::Placeable { .. } => return None,
        }
    }
    Some(out)
}
