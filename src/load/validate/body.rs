//! The `##` sections of Markdown bodies (the table is [`Kind::required_sections`]), and the
//! example exchange every registered code shows.

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::ids::StatusKind;
use crate::load::Parsed;
use crate::markdown::{Heading, Rendered};
use crate::model::GuideMeta;
use crate::model::file::{ClassFile, CodeFile, CompareFile, HeaderEntryFile};
use crate::routes::Kind;

/// Checks a code entry's body: its sections (see [`sections`]), and a registered code shows at
/// least one example exchange in a fenced `http` block.
pub(crate) fn code(draft: &Parsed<CodeFile>, body: &Rendered, diags: &mut Diagnostics) {
    let unofficial = draft.meta.status == StatusKind::Unofficial;
    sections(draft, body, Kind::Code.required_sections(unofficial), diags);
    if !unofficial && !body.code_languages.iter().any(|l| l == "http") {
        let offset = body
            .headings
            .iter()
            .find(|h| h.level == 2 && h.text == "Example")
            .map_or(0, |h| h.offset);
        diags.push(
            draft
                .src
                .diagnostic_at(draft.body_start + offset, "no example exchange")
                .expected("a fenced ```http block with a request, and one with the response"),
        );
    }
}

/// Checks a class overview's body: no empty section.
pub(crate) fn class(draft: &Parsed<ClassFile>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, Kind::Class.required_sections(false), diags);
}

/// Checks a comparison's body: its required sections, none empty.
pub(crate) fn comparison(draft: &Parsed<CompareFile>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, Kind::Compare.required_sections(false), diags);
}

/// Checks a guide's body: no empty section.
pub(crate) fn guide(draft: &Parsed<GuideMeta>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, Kind::Guide.required_sections(false), diags);
}

/// Checks a header field entry's body: its required sections, none empty.
pub(crate) fn header(draft: &Parsed<HeaderEntryFile>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, Kind::Header.required_sections(false), diags);
}

/// Checks a body's `##` sections: the kind's required sections exist, in order, and no section
/// (required or not) is empty. Each problem is reported at its heading, or at the body's start
/// for a missing one.
fn sections<M>(draft: &Parsed<M>, body: &Rendered, required: &[&str], diags: &mut Diagnostics) {
    let order = required
        .iter()
        .map(|s| format!("## {s}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sections: Vec<&Heading> = body.headings.iter().filter(|h| h.level == 2).collect();
    let at = |offset: usize, message: String| {
        draft.src.diagnostic_at(draft.body_start + offset, message)
    };
    let mut previous: Option<usize> = None;
    for name in required {
        let Some(i) = sections.iter().position(|h| h.text == *name) else {
            let near = sections.iter().map(|h| h.text.as_str());
            diags.push(
                at(0, format!("missing section `## {name}`"))
                    .expected(format!("these sections, in order: {order}"))
                    .hint_opt(
                        did_you_mean(name, near).map(|m| format!("rename `## {m}` to `## {name}`")),
                    ),
            );
            continue;
        };
        if previous.is_some_and(|p| i < p) {
            diags.push(
                at(
                    sections[i].offset,
                    format!("section `## {name}` is out of order"),
                )
                .expected(format!("the order {order}")),
            );
        }
        previous = Some(i);
    }
    for heading in sections.iter().filter(|h| !h.has_content) {
        diags.push(
            at(
                heading.offset,
                format!("section `## {}` is empty", heading.text),
            )
            .expected("some text under the heading"),
        );
    }
}
