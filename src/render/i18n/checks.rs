//! What `check` and `build` hold catalogues to: every language has the English keys and no
//! others, with the same variables; every key is used by a template or a script; every key a
//! template names exists. Uses are found by scanning for literal calls (`t(key="…")` in templates,
//! `uiText("js-…")` in scripts), so keys must be written out, never computed.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Catalogue, Catalogues, REFERENCE};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::source::SourceFile;

/// Keys the generator reads itself rather than through a template call: the language's own
/// name, which the language switcher shows.
const READ_BY_GENERATOR: &[&str] = &["language-name"];

/// The reference catalogue exists; every other has exactly its keys, each with its variables.
pub(super) fn check_languages(
    catalogues: &Catalogues,
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
) {
    let Some(english) = catalogues.languages.get(REFERENCE) else {
        diags.push(
            Diagnostic::at_file(
                display_path(root, &dir.join(format!("{REFERENCE}.ftl"))),
                "the English interface catalogue is missing",
            )
            .expected("templates/i18n/en.ftl with every word the templates and scripts show")
            .hint("every other catalogue is checked against it; see docs/catalogues.md"),
        );
        return;
    };
    for (code, catalogue) in &catalogues.languages {
        if code != REFERENCE {
            compare(english, code, catalogue, diags);
        }
    }
}

/// One translation against English: missing keys (where they would go), extra keys and
/// messages whose variables differ.
fn compare(english: &Catalogue, code: &str, catalogue: &Catalogue, diags: &mut Diagnostics) {
    for (key, message) in &english.messages {
        match catalogue.messages.get(key) {
            None => {
                let (line, _) = english.src.position(message.offset);
                // At the file's start: where it goes is the translator's choice.
                diags.push(
                    catalogue
                        .src
                        .diagnostic_at(0, format!("message `{key}` is missing in `{code}`"))
                        .expected(format!(
                            "every key of templates/i18n/{REFERENCE}.ftl (`{key}` is at its line {line})"
                        ))
                        .hint(format!("add `{key} = …` with the {code} words")),
                );
            }
            Some(translated) => {
                if translated.vars != message.vars {
                    diags.push(
                        catalogue
                            .src
                            .diagnostic_at(
                                translated.offset,
                                format!(
                                    "message `{key}` uses {} but English uses {}",
                                    vars(&translated.vars),
                                    vars(&message.vars)
                                ),
                            )
                            .expected("the same variables (`$name`) as the English message")
                            .hint("templates pass the English message's variables; use each of them (or select on it) and no others"),
                    );
                }
            }
        }
    }
    for (key, message) in &catalogue.messages {
        if !english.messages.contains_key(key) {
            diags.push(
                catalogue
                    .src
                    .diagnostic_at(message.offset, format!("message `{key}` is not in English"))
                    .expected(format!("only keys of templates/i18n/{REFERENCE}.ftl"))
                    .hint("remove it, or fix its key to the English one it translates"),
            );
        }
    }
}

fn vars(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        return "no variables".to_owned();
    }
    set.iter()
        .map(|v| format!("`${v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reports the keys templates name that English lacks (at the template's position); gives the
/// English keys that no template or script uses (at the key), which are reported only once every
/// page has rendered: a template that does not work is reported by itself, without its keys.
pub(crate) fn check_uses<'a>(
    catalogues: &Catalogues,
    templates: impl Iterator<Item = &'a SourceFile>,
    scripts: impl Iterator<Item = (&'a str, &'a str)>,
    diags: &mut Diagnostics,
) -> Diagnostics {
    let mut unused = Diagnostics::default();
    let Some(english) = catalogues.languages.get(REFERENCE) else {
        return unused;
    };
    let mut used: BTreeSet<String> = READ_BY_GENERATOR.iter().map(|k| (*k).to_owned()).collect();
    for src in templates {
        for (key, offset) in literal_calls(&src.text, "t(key=") {
            if !english.messages.contains_key(key) {
                diags.push(
                    src.diagnostic_at(
                        offset,
                        format!("no message `{key}` in the interface catalogue"),
                    )
                    .expected(format!("a key of templates/i18n/{REFERENCE}.ftl"))
                    .hint(format!(
                        "add `{key} = …` to every catalogue in templates/i18n/, or fix the key"
                    )),
                );
            }
            used.insert(key.to_owned());
        }
    }
    for (_, text) in scripts {
        used.extend(literal_calls(text, "uiText(").map(|(key, _)| key.to_owned()));
    }
    for (key, message) in &english.messages {
        if !used.contains(key) {
            unused.push(
                english
                    .src
                    .diagnostic_at(message.offset, format!("message `{key}` is not used"))
                    .expected("each key used by a literal `t(key=\"…\")` in templates/ or `uiText(\"js-…\")` in static/*.js")
                    .hint("remove it from every catalogue, or use it (keys are found only when written out literally)"),
            );
        }
    }
    unused
}

/// The literal first string argument of each `call` (`t(key=`, `uiText(`) in `text`, with the byte
/// offset of the key.
fn literal_calls<'t>(text: &'t str, call: &'t str) -> impl Iterator<Item = (&'t str, usize)> + 't {
    text.match_indices(call).filter_map(move |(at, _)| {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$') {
            return None;
        }
        let rest = &text[at + call.len()..];
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let key = &rest[1..];
        let end = key.find(quote)?;
        Some((&key[..end], at + call.len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_calls_are_found_with_their_offsets() {
        let text =
            r#"{{ t(key="a-b", lang=x) }} {{ st(key="no") }} uiText("js-c", {}) x.uiText('no')"#;
        assert_eq!(
            literal_calls(text, "t(key=").collect::<Vec<_>>(),
            [("a-b", 10)]
        );
        assert_eq!(
            literal_calls(text, "uiText(").collect::<Vec<_>>(),
            [("js-c", 54)]
        );
    }
}
