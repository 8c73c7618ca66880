//! Bad input never panics: mutated copies of every fixture file are checked in-process, and each
//! run must end in success or in diagnostics, never in a panic.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::common::*;

/// Deterministic damage to a file's text: each returns a variant of `text`.
fn mutations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, _) in lines.iter().enumerate() {
        let mut dropped = lines.clone();
        dropped.remove(i);
        out.push(dropped.join("\n"));
        let mut doubled = lines.clone();
        doubled.insert(i, lines[i]);
        out.push(doubled.join("\n"));
        for junk in [
            "\t", ":", "- ", "[", "{", "\"", "{{", "{%", "](code:", "---", "\u{feff}", "é",
        ] {
            let mut changed = lines.clone();
            let line = format!("{junk}{}", lines[i]);
            changed[i] = &line;
            out.push(changed.join("\n"));
        }
    }
    for cut in (0..text.len()).step_by(7) {
        if text.is_char_boundary(cut) {
            out.push(text[..cut].to_owned());
        }
    }
    out
}

#[test]
fn mutated_content_and_templates_never_panic() {
    let site = fixture_site(&[]);
    let files = [
        "content/codes/401.md",
        "content/compare/401-vs-403.md",
        "content/site.yaml",
        "templates/partials/card.html",
    ];
    let mut runs = 0;
    for rel in files {
        let path = site.path().join(rel);
        let original = fs::read_to_string(&path).unwrap();
        for variant in mutations(&original) {
            fs::write(&path, &variant).unwrap();
            let result = catch_unwind(AssertUnwindSafe(|| {
                httpref::check(site.path(), &httpref::LoadOptions::default())
            }));
            assert!(
                result.is_ok(),
                "panic while checking {rel} with content:\n{variant}"
            );
            runs += 1;
        }
        fs::write(&path, &original).unwrap();
    }
    assert!(runs > 500, "only {runs} variants were tried");
    // The untouched fixture still checks cleanly afterwards.
    assert!(httpref::check(site.path(), &httpref::LoadOptions::default()).is_ok());
}
