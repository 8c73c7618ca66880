//! The JSON Schemas: the committed copies in docs/schemas/ are what `httpref schema` writes
//! today, every shipped content file matches its kind's schema, a misspelt field or a wrong enum
//! value does not, and every document the JSON API writes matches the schema published beside it.

use std::fs;
use std::path::Path;

use httpref::load::yaml::Yaml;
use httpref::source::SourceFile;
use serde_json::Value;

use crate::common::*;

fn committed(name: &str) -> Value {
    let path = repo_root().join("docs/schemas").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A content file's data as the loader reads it (front matter for `.md` files), as JSON.
fn as_json(path: &Path, rel: &str) -> Value {
    let src = SourceFile::new(rel, fs::read_to_string(path).unwrap());
    let (text, offset) = if rel.ends_with(".md") {
        let fm = src.split_front_matter().unwrap();
        (fm.yaml, fm.yaml_offset)
    } else {
        (src.text.as_str(), 0)
    };
    Yaml {
        src: &src,
        text,
        offset,
    }
    .parse::<Value>()
    .unwrap_or_else(|problems| panic!("{rel}: {problems:?}"))
}

/// Why `instance` does not match `schema`, one line per problem (empty when it matches).
fn problems(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_are_what_httpref_schema_writes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schemas");
    let run = httpref(&repo_root(), &["schema", "--out", out.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let written = snapshot_dir(&out);
    assert!(written.len() >= 9, "{:?}", written.keys());
    let shipped = snapshot_dir(&repo_root().join("docs/schemas"));
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        shipped.keys().collect::<Vec<_>>(),
        "docs/schemas/ holds other files than `httpref schema` writes"
    );
    for (name, bytes) in &written {
        assert!(
            shipped[name] == *bytes,
            "docs/schemas/{name} is out of date: run `cargo run -- schema` and commit the result"
        );
    }
}

#[test]
fn every_shipped_content_file_matches_its_schema() {
    let kinds = [
        ("code.schema.json", "content/codes", "md"),
        ("class.schema.json", "content/classes", "md"),
        ("compare.schema.json", "content/compare", "md"),
        ("guide.schema.json", "content/guides", "md"),
        ("header.schema.json", "content/headers", "md"),
        ("decide.schema.json", "content/decide", "yaml"),
        ("practice.schema.json", "content/practice", "yaml"),
        ("code.translation.schema.json", "content/es/codes", "md"),
        ("class.translation.schema.json", "content/es/classes", "md"),
        ("page.translation.schema.json", "content/es/compare", "md"),
        ("page.translation.schema.json", "content/es/guides", "md"),
        ("header.translation.schema.json", "content/es/headers", "md"),
        (
            "decide.translation.schema.json",
            "content/es/decide",
            "yaml",
        ),
        // Not practice translations: their `feedback` is keyed by code numbers, which a JSON
        // value read through the YAML reader cannot take as keys (editors read them as text).
    ];
    let mut failures = Vec::new();
    let mut checked = 0;
    for (schema, folder, extension) in kinds {
        let schema = committed(schema);
        let mut in_folder = 0;
        for entry in walkdir::WalkDir::new(repo_root().join(folder)).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != extension) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(repo_root())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            for problem in problems(&schema, &as_json(entry.path(), &rel)) {
                failures.push(format!("{rel}: {problem}"));
            }
            in_folder += 1;
        }
        assert!(in_folder > 0, "no .{extension} file in {folder}");
        checked += in_folder;
    }
    let site = as_json(&repo_root().join("content/site.yaml"), "content/site.yaml");
    failures.extend(problems(&committed("site.schema.json"), &site));
    assert!(checked > 100, "only {checked} files checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_misspelt_field_or_an_unknown_value_breaks_the_schema() {
    let invalid = fixtures().join("invalid");
    for (schema, case, file, expected) in [
        (
            "code.schema.json",
            "unknown-field",
            "content/codes/404.md",
            "nmae",
        ),
        (
            "code.schema.json",
            "unknown-value",
            "content/codes/404.md",
            "standrad",
        ),
        (
            "header.schema.json",
            "header-unknown-field",
            "content/headers/www-authenticate.md",
            "syntx",
        ),
        (
            "practice.schema.json",
            "practice-unknown-field",
            "content/practice/expired-token.yaml",
            "hint",
        ),
        (
            "code.schema.json",
            "code-out-of-range",
            "content/codes/600.md",
            "600",
        ),
    ] {
        let data = as_json(&invalid.join(case).join(file), file);
        let found = problems(&committed(schema), &data);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{case}: the schema lets `{expected}` through ({found:?})"
        );
    }
}

#[test]
fn every_api_document_matches_the_published_schema() {
    let site = fixture_site(&[]);
    let public = build_ok(site.path(), &[]);
    let published: Value =
        serde_json::from_slice(&fs::read(public.join("api/schema.json")).unwrap()).unwrap();
    assert_eq!(
        published,
        committed("api.schema.json"),
        "/api/schema.json is the committed docs/schemas/api.schema.json"
    );
    // Each document against its own definition, not just any of them.
    let against = |definition: &str| {
        let mut schema = published.clone();
        schema["anyOf"] = serde_json::json!([{ "$ref": format!("#/definitions/{definition}") }]);
        schema
    };
    let mut documents = vec![
        ("api/codes.json".to_owned(), "CodesDocument"),
        ("api/headers.json".to_owned(), "HeadersDocument"),
        ("api/practice.json".to_owned(), "PracticeDocument"),
    ];
    for entry in fs::read_dir(public.join("api/codes")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        documents.push((format!("api/codes/{name}"), "CodeDocument"));
    }
    assert!(documents.len() > 10, "{documents:?}");
    let mut failures = Vec::new();
    for (rel, definition) in &documents {
        let data: Value = serde_json::from_slice(&fs::read(public.join(rel)).unwrap()).unwrap();
        for problem in problems(&against(definition), &data) {
            failures.push(format!("{rel}: {problem}"));
        }
        // And not against another document's definition: the schema tells them apart.
        let other = if *definition == "CodesDocument" {
            "HeadersDocument"
        } else {
            "CodesDocument"
        };
        assert!(
            !problems(&against(other), &data).is_empty(),
            "{rel} is also a {other}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
