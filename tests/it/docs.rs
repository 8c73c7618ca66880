//! The documents keep up with the code: docs/cli.md's reference is what `httpref docs cli`
//! prints and names every flag the binary takes, every front-matter field of every content kind
//! (from the committed schemas, themselves checked by `schema.rs`) is in docs/content-format.md,
//! and every problem `check` has a fixture for is in docs/cli.md's catalogue. Links between the
//! documents are `architecture.rs`'s. Run with `UPDATE_DOCS=1` to rewrite the generated parts.

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;

use crate::common::*;

/// The text between `<!-- begin: NAME -->` and `<!-- end: NAME -->` in `document`, or with
/// `UPDATE_DOCS` set, `generated` written there first.
fn generated_part(document: &str, name: &str, generated: &str) -> String {
    // Two tests rewrite parts of docs/cli.md: one at a time.
    static REWRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = REWRITING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let path = repo_root().join(document);
    let text = fs::read_to_string(&path).unwrap();
    let begin = format!("<!-- begin: {name} -->\n");
    let end = format!("<!-- end: {name} -->");
    let start = text
        .find(&begin)
        .unwrap_or_else(|| panic!("{document} has no `{begin}`"))
        + begin.len();
    let stop = text
        .find(&end)
        .unwrap_or_else(|| panic!("{document} has no `{end}`"));
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(
            &path,
            format!("{}{generated}{}", &text[..start], &text[stop..]),
        )
        .unwrap();
        return generated.to_owned();
    }
    text[start..stop].to_owned()
}

#[cfg(feature = "serve")]
#[test]
fn the_cli_reference_is_what_the_binary_says() {
    let out = httpref(&repo_root(), &["docs", "cli"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let generated = stdout(&out);
    assert!(generated.contains("### `httpref build`"), "{generated}");
    let written = generated_part("docs/cli.md", "httpref docs cli", &generated);
    assert!(
        written == generated,
        "docs/cli.md's reference is out of date: run `UPDATE_DOCS=1 cargo test --test it docs::`"
    );
}

/// Every command path (`["new", "code"]`) and every `--flag`, read from `--help` as a user would.
fn commands_and_flags(path: &[String], found: &mut Vec<(String, BTreeSet<String>)>) {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    let help = stdout(&httpref(&repo_root(), &args));
    let mut flags = BTreeSet::new();
    let mut subcommands = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line.ends_with(':') && !line.starts_with(' ') {
            in_commands = line == "Commands:";
            continue;
        }
        let item = line.trim_start();
        if in_commands && line.starts_with("  ") {
            let name = item.split_whitespace().next().unwrap_or_default();
            if name != "help" {
                subcommands.push(name.to_owned());
            }
        } else if let Some(flag) = item.split_whitespace().find(|w| w.starts_with("--")) {
            let flag = flag.trim_end_matches(',');
            if flag != "--help" && flag != "--version" {
                flags.insert(flag.to_owned());
            }
        }
    }
    found.push((path.join(" "), flags));
    for sub in subcommands {
        let mut deeper = path.to_vec();
        deeper.push(sub);
        commands_and_flags(&deeper, found);
    }
}

#[test]
fn every_command_and_flag_is_documented() {
    let cli = fs::read_to_string(repo_root().join("docs/cli.md")).unwrap();
    let mut found = Vec::new();
    commands_and_flags(&[], &mut found);
    assert!(found.len() >= 12, "{found:?}");
    let flags: usize = found.iter().map(|(_, f)| f.len()).sum();
    assert!(flags >= 15, "only {flags} flags found: {found:?}");
    let mut missing = Vec::new();
    for (command, flags) in &found {
        if !command.is_empty() && !cli.contains(&format!("`httpref {command}`")) {
            missing.push(format!("command `httpref {command}`"));
        }
        for flag in flags {
            if !cli.contains(&format!("`{flag}")) {
                missing.push(format!("`{flag}` of `httpref {command}`"));
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/cli.md: {missing:?}");
}

/// Every property name in a schema, at any depth.
fn property_names(schema: &Value, names: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                names.extend(properties.keys().cloned());
            }
            map.values().for_each(|v| property_names(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| property_names(v, names)),
        _ => {}
    }
}

/// Whether `field` is named in `text`: in code (`` `field` ``) or as a key of a YAML example
/// (`field:` at the start of a line, after `- ` or inside `{ }`).
fn documented(text: &str, field: &str) -> bool {
    let key = format!("{field}:");
    text.contains(&format!("`{field}`"))
        || text.lines().any(|line| {
            let line = line.trim_start().trim_start_matches("- ");
            line.starts_with(&key)
                || line.contains(&format!("{{ {key}"))
                || line.contains(&format!(", {key}"))
        })
}

#[test]
fn every_front_matter_field_is_in_the_content_format() {
    let format = fs::read_to_string(repo_root().join("docs/content-format.md")).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for entry in fs::read_dir(repo_root().join("docs/schemas")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "api.schema.json" {
            continue;
        }
        let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let mut fields = BTreeSet::new();
        property_names(&schema, &mut fields);
        assert!(!fields.is_empty(), "{name} has no field");
        for field in fields {
            checked += 1;
            if !documented(&format, &field) {
                missing.push(format!("{name}: `{field}`"));
            }
        }
    }
    assert!(checked > 50, "only {checked} fields found");
    assert!(
        missing.is_empty(),
        "not in docs/content-format.md: {missing:?}"
    );
}

#[test]
fn every_problem_check_has_a_case_for_is_in_the_catalogue() {
    let mut rows =
        String::from("| problem | fixture (`tests/fixtures/invalid/`) |\n| --- | --- |\n");
    let mut cases = 0;
    let mut folders: Vec<_> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    for case in folders {
        let expected = fixtures().join("invalid").join(&case).join(EXPECTED);
        let text =
            fs::read_to_string(&expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        let about = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# "))
            .unwrap_or_else(|| {
                panic!(
                    "{}: the first line says what the case is (`# ...`)",
                    expected.display()
                )
            });
        let mut about = about.to_owned();
        if let Some(first) = about.get(..1) {
            about.replace_range(..1, &first.to_uppercase());
        }
        rows.push_str(&format!("| {} | `{case}` |\n", about.replace('|', "\\|")));
        cases += 1;
    }
    assert!(cases >= 90, "only {cases} cases");
    let written = generated_part("docs/cli.md", "problem catalogue", &rows);
    assert!(
        written == rows,
        "docs/cli.md's problem catalogue is out of date: run `UPDATE_DOCS=1 cargo test --test it docs::`"
    );
}
