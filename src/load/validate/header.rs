//! Header field entries (`content/headers/<name>.md`): each file's fields, and the rule that
//! every header field a code's `headers:` list names has an entry (and that `applies: one-of`
//! groups request fields only).

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostics;
use crate::ids::header_slug as slug;
use crate::load::yaml::Seg;
use crate::load::{Loaded, Parsed};
use crate::model::file::{CodeFile, HeaderEntryFile};
use crate::model::{Applies, HeaderMeta, Message};

use super::check_text;
use super::fields::spec_list;
use super::{is_slug, key};

/// Checks a header field entry and builds its model: the name matches the file name (ignoring
/// case), the texts are there, each example is a field line of this field, and each reference
/// is well formed.
pub(crate) fn header(
    draft: &Parsed<HeaderEntryFile>,
    diags: &mut Diagnostics,
) -> Option<HeaderMeta> {
    let meta = &draft.meta;
    let named_right = slug(&meta.name) == draft.stem;
    if !is_slug(&draft.stem) {
        diags.push(
            draft
                .at(
                    &[],
                    format!("`{}.md` is not a header field file name", draft.stem),
                )
                .expected("the field name in lower case, e.g. retry-after.md"),
        );
    } else if !meta.name.trim().is_empty() && !named_right {
        diags.push(
            draft
                .at(
                    &[key("name")],
                    format!(
                        "header name `{}` does not match the file name {}.md",
                        meta.name, draft.stem
                    ),
                )
                .expected(format!(
                    "the field this file is named after, `{}`",
                    draft.stem
                ))
                .hint(if is_slug(&slug(&meta.name)) {
                    format!(
                        "rename the file to {}.md, or correct `name`",
                        slug(&meta.name)
                    )
                } else {
                    "correct `name`: a field name is letters, digits and `-` (RFC 9110, section 5.1), so it cannot name a file either".to_owned()
                }),
        );
    }
    for (field, value) in [
        ("name", &meta.name),
        ("summary", &meta.summary),
        ("syntax", &meta.syntax),
    ] {
        check_text(draft, field, value, diags);
    }
    if meta.examples.is_empty() {
        diags.push(draft.at(&[key("examples")], "no example").expected(format!(
            "one to three field lines, e.g. `- \"{}: ...\"`",
            meta.name
        )));
    }
    // A name that does not match the file is reported once, above, not again at each example.
    let prefix = format!("{}:", slug(&meta.name));
    for (i, example) in meta.examples.iter().enumerate() {
        if named_right && !example.to_ascii_lowercase().starts_with(&prefix) {
            diags.push(
                draft
                    .at(
                        &[key("examples"), Seg::Index(i)],
                        format!("example is not a `{}` field line", meta.name),
                    )
                    .expected(format!("`{}: value`", meta.name)),
            );
        }
        for problem in crate::examples::check_dates(example) {
            let mut d = draft
                .at(&[key("examples"), Seg::Index(i)], problem.message)
                .hint_opt(problem.hint);
            if let Some(expected) = problem.expected {
                d = d.expected(expected);
            }
            diags.push(d);
        }
    }
    if meta.spec.is_empty() {
        diags.push(
            draft
                .at(&[key("spec")], "no defining reference")
                .expected("at least one entry, e.g. `- { rfc: 9110, section: \"10.2.3\", title: \"Retry-After\" }`"),
        );
    }
    let spec = spec_list(draft, &meta.spec, diags);
    Some(HeaderMeta {
        name: meta.name.trim().to_owned(),
        summary: meta.summary.clone(),
        syntax: meta.syntax.trim_end().to_owned(),
        examples: meta.examples.clone(),
        spec: spec?,
    })
}

/// Reports every header rule in a code entry that names a field without an entry, at the
/// rule's `name`, and every `applies: one-of` on a response field (it groups request fields). Nothing is reported when the folder could not be listed (that is reported
/// on its own); a file that exists but is broken counts as an entry.
pub(crate) fn rules_have_entries(
    codes: &Loaded<CodeFile>,
    headers: &Loaded<HeaderEntryFile>,
    diags: &mut Diagnostics,
) {
    if !headers.complete {
        return;
    }
    let known: BTreeSet<&str> = (headers.drafts.iter().map(|d| d.stem.as_str()))
        .chain(headers.unparsed.iter().map(String::as_str))
        .collect();
    for draft in &codes.drafts {
        for (i, rule) in draft.meta.headers.iter().enumerate() {
            if rule.applies == Applies::OneOf && rule.message != Message::Request {
                diags.push(
                    draft
                        .at(
                            &[key("headers"), Seg::Index(i), key("applies")],
                            "`applies: one-of` on a response field",
                        )
                        .expected("`one-of` only with `message: request`")
                        .hint("add `message: request`, or choose another `applies` value"),
                );
            }
            let slug = slug(&rule.name);
            if known.contains(slug.as_str()) {
                continue;
            }
            diags.push(
                draft
                    .at(
                        &[key("headers"), Seg::Index(i), key("name")],
                        format!("header field `{}` has no entry", rule.name),
                    )
                    .expected("a file in content/headers/ for every header field a code names")
                    .hint(format!(
                        "create content/headers/{slug}.md (`httpref new header {}`)",
                        rule.name.trim()
                    )),
            );
        }
    }
}
