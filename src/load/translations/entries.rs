//! The Markdown kinds' translations laid over their English entries: codes (name gloss, summary,
//! first steps, retry note, header rule notes, vendor meanings, aliases), classes, comparisons,
//! guides and header fields (titles, names, summaries), and every body.

use std::path::PathBuf;

use super::read::Files;
use super::{Overlay, key, keyed, paired};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Parsed;
use crate::load::validate::check_text;
use crate::load::yaml::Seg;
use crate::model::file::CodeTranslationFile;
use crate::model::{Class, CodeMeta, FirstSteps, StatusCode};

/// Lays every Markdown kind's translations over `overlay`'s site.
pub(super) fn apply(o: &mut Overlay, files: &Files, diags: &mut Diagnostics) {
    let english = o.english;
    for (draft, source) in &files.codes {
        let Some(page) = StatusCode::parse(&draft.stem).and_then(|c| english.codes.get(&c)) else {
            continue;
        };
        let meta = code(draft, &page.meta, diags);
        let body = o.body(draft, &page.body, source, diags);
        o.track(draft, source, diags);
        if let Some(p) = o.site.codes.get_mut(&page.meta.code) {
            (p.meta, p.body) = (meta, body);
        }
    }
    for (draft, source) in &files.classes {
        let Some(class) = Class::from_slug(&draft.stem) else {
            continue;
        };
        let Some(page) = english.classes.get(&class) else {
            continue;
        };
        texts(
            draft,
            &[("name", &draft.meta.name), ("summary", &draft.meta.summary)],
            diags,
        );
        let body = o.body(draft, &page.body, source, diags);
        o.track(draft, source, diags);
        if let Some(p) = o.site.classes.get_mut(&class) {
            (p.meta.name, p.meta.summary, p.body) =
                (draft.meta.name.clone(), draft.meta.summary.clone(), body);
        }
    }
    for (draft, source) in &files.comparisons {
        let Some(page) = english.comparisons.get(&draft.stem) else {
            continue;
        };
        let t = &draft.meta;
        texts(
            draft,
            &[("title", &t.title), ("summary", &t.summary)],
            diags,
        );
        let body = o.body(draft, &page.body, source, diags);
        o.track(draft, source, diags);
        if let Some(p) = o.site.comparisons.get_mut(&draft.stem) {
            let m = &mut p.meta;
            (m.title, m.summary, m.aliases) =
                (t.title.clone(), t.summary.clone(), t.aliases.clone());
            p.body = body;
        }
    }
    for (draft, source) in &files.guides {
        let Some(page) = english.guides.get(&draft.stem) else {
            continue;
        };
        let t = &draft.meta;
        texts(
            draft,
            &[("title", &t.title), ("summary", &t.summary)],
            diags,
        );
        let body = o.body(draft, &page.body, source, diags);
        o.track(draft, source, diags);
        if let Some(p) = o.site.guides.get_mut(&draft.stem) {
            let m = &mut p.meta;
            (m.title, m.summary, m.aliases) =
                (t.title.clone(), t.summary.clone(), t.aliases.clone());
            p.body = body;
        }
    }
    headers(o, &files.headers, diags);
}

fn headers(
    o: &mut Overlay,
    files: &[(Parsed<crate::model::file::HeaderTranslationFile>, PathBuf)],
    diags: &mut Diagnostics,
) {
    let english = o.english;
    for (draft, source) in files {
        let Some((slug, page)) = english.headers.iter().find(|(_, p)| &p.source == source) else {
            continue;
        };
        texts(draft, &[("summary", &draft.meta.summary)], diags);
        let body = o.body(draft, &page.body, source, diags);
        o.track(draft, source, diags);
        if let Some(p) = o.site.headers.get_mut(slug) {
            (p.meta.summary, p.body) = (draft.meta.summary.clone(), body);
        }
    }
}

/// Text fields that must say something.
fn texts<M>(draft: &Parsed<M>, fields: &[(&str, &String)], diags: &mut Diagnostics) {
    for (field, value) in fields {
        check_text(draft, field, value, diags);
    }
}

/// The English code entry with the translation's words: the English name stays (it is what the
/// status line carries), the translated one becomes `local_name` and a search term, and every
/// other fact is the English entry's.
fn code(draft: &Parsed<CodeTranslationFile>, en: &CodeMeta, diags: &mut Diagnostics) -> CodeMeta {
    let t = &draft.meta;
    let at = |path: &[Seg], message: String| draft.at(path, message);
    texts(draft, &[("name", &t.name), ("summary", &t.summary)], diags);
    let mut meta = en.clone();
    meta.local_name = Some(t.name.clone());
    meta.summary = t.summary.clone();
    meta.first_steps = first_steps(&at, en.first_steps.as_ref(), t.first_steps.as_ref(), diags);
    if let Some(retry) = &mut meta.retry {
        let note = paired(
            &at,
            &[key("retry_note")],
            retry.note.as_ref(),
            t.retry_note.as_ref(),
            diags,
        );
        retry.note = note;
    } else {
        paired(
            &at,
            &[key("retry_note")],
            None,
            t.retry_note.as_ref(),
            diags,
        );
    }
    let names: Vec<&str> = en.headers.iter().map(|h| h.name.as_str()).collect();
    let given: Vec<&str> = t.headers.iter().map(|h| h.name.as_str()).collect();
    if keyed(
        &at,
        ("headers", "name", "header rule"),
        &names,
        &given,
        diags,
    ) {
        for (i, (rule, words)) in meta.headers.iter_mut().zip(&t.headers).enumerate() {
            let path = |f: &str| [key("headers"), Seg::Index(i), key(f)];
            rule.note = paired(
                &at,
                &path("note"),
                rule.note.as_ref(),
                words.note.as_ref(),
                diags,
            );
            rule.justification = paired(
                &at,
                &path("justification"),
                rule.justification.as_ref(),
                words.justification.as_ref(),
                diags,
            );
        }
    }
    let vendors: Vec<&str> = en.vendor_uses.iter().map(|v| v.vendor.as_str()).collect();
    let given: Vec<&str> = t.vendor_uses.iter().map(|v| v.vendor.as_str()).collect();
    if keyed(
        &at,
        ("vendor_uses", "vendor", "vendor use"),
        &vendors,
        &given,
        diags,
    ) {
        for (usage, words) in meta.vendor_uses.iter_mut().zip(&t.vendor_uses) {
            usage.meaning.clone_from(&words.meaning);
        }
    }
    // English words still find the page; the translated name and aliases are added.
    for alias in std::iter::once(&t.name).chain(&t.aliases) {
        if !meta.aliases.contains(alias) {
            meta.aliases.push(alias.clone());
        }
    }
    meta
}

/// The translated first steps, which must name the same readers as the English ones.
fn first_steps(
    at: &dyn Fn(&[Seg], String) -> Diagnostic,
    en: Option<&FirstSteps>,
    t: Option<&FirstSteps>,
    diags: &mut Diagnostics,
) -> Option<FirstSteps> {
    match (en, t) {
        (Some(en), Some(t)) => {
            let path = [key("first_steps"), key("visitor")];
            let visitor = paired(at, &path, en.visitor.as_ref(), t.visitor.as_ref(), diags);
            Some(FirstSteps {
                visitor,
                ..t.clone()
            })
        }
        (None, None) => None,
        (Some(en), None) => {
            diags.push(
                at(
                    &[],
                    "`first_steps` is missing: the English entry has them".to_owned(),
                )
                .expected(
                    "`first_steps` with `api`, `server` and, where English has one, `visitor`",
                )
                .hint("every language field the English entry has is translated"),
            );
            Some(en.clone())
        }
        (None, Some(_)) => {
            diags.push(
                at(
                    &[key("first_steps")],
                    "the English entry has no `first_steps`".to_owned(),
                )
                .hint("remove them: a translation has the English entry's fields and no others"),
            );
            None
        }
    }
}
