//! Agreement of code entries with the IANA registry copy (`content/iana-status-codes.csv`).

use crate::diagnostics::Diagnostics;
use crate::ids::{Reference, StatusKind};
use crate::load::Loaded;
use crate::load::yaml::Seg;
use crate::model::file::CodeFile;
use crate::registry::Registry;
use crate::source::SourceFile;

use super::fields::calendar_date;
use super::key;

/// Checks code entries against the IANA registry copy: every assigned code has an entry, and each
/// entry's name, status and defining reference agree with its row.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub(crate) fn check(
    codes: &Loaded<CodeFile>,
    registry: &Registry,
    csv: &SourceFile,
    diags: &mut Diagnostics,
) {
    let (drafts, unparsed) = (&codes.drafts, &codes.unparsed);
    // Without a complete list of entries, a missing one cannot be told from an unlisted one.
    let assigned = registry.assigned().filter(|_| codes.complete);
    for row in assigned {
        // A file named after the code counts, even if it is broken or claims another number.
        let has_entry = drafts
            .iter()
            .any(|d| d.meta.code.0 == row.first || d.stem.parse() == Ok(row.first))
            || unparsed.iter().any(|s| s.parse() == Ok(row.first));
        if !has_entry {
            diags.push(
                csv.diagnostic_at_line(
                    row.line,
                    1,
                    format!(
                        "registered code {} `{}` has no entry",
                        row.first, row.description
                    ),
                )
                .expected("an entry for every code the IANA registry assigns")
                .hint(format!("add content/codes/{}.md", row.first)),
            );
        }
    }
    for draft in drafts {
        let meta = &draft.meta;
        // An invalid or misnamed code is reported on its own; comparing it would only add noise.
        if meta.code.code().is_none() || draft.stem != meta.code.to_string() {
            continue;
        }
        let Some(row) = registry.get(meta.code.0) else {
            if meta.status != StatusKind::Unofficial {
                diags.push(
                    draft
                        .at(&[key("status")], format!("code {} is not in the IANA registry", meta.code))
                        .expected("status: unofficial, with the vendors that use it in `vendor_uses`")
                        .hint("if IANA has registered it since, refresh the copy with `httpref registry update FILE`"),
                );
            }
            continue;
        };
        let expected_status = row.required_status();
        let status_ok = match expected_status {
            Some(expected) => meta.status == expected,
            None => !matches!(
                meta.status,
                StatusKind::Unofficial
                    | StatusKind::Temporary
                    | StatusKind::Unused
                    | StatusKind::Obsolete
            ),
        };
        if !status_ok {
            diags.push(
                draft
                    .at(
                        &[key("status")],
                        format!(
                            "status `{}` disagrees with the IANA registry",
                            meta.status.slug()
                        ),
                    )
                    .expected(match expected_status {
                        Some(s) => format!(
                            "status: {} (the registry lists `{}`)",
                            s.slug(),
                            row.description
                        ),
                        None => format!(
                            "status: standard or deprecated (the registry lists `{}`)",
                            row.description
                        ),
                    })
                    .hint("vendor meanings of a registered code go in `vendor_uses`"),
            );
        }
        if meta.name != row.name() {
            diags.push(
                draft
                    .at(
                        &[key("name")],
                        format!("name `{}` does not match the IANA registry", meta.name),
                    )
                    .expected(format!("name: {}", row.name()))
                    .hint("keep earlier names in `former_names`"),
            );
        }
        // A date that is not on the calendar is reported on its own.
        if let (Some(expires), Some(date)) = (row.expires(), &meta.expires)
            && expires != date
            && calendar_date(date).is_ok()
        {
            diags.push(
                draft
                    .at(
                        &[key("expires")],
                        format!("expiry date {date} does not match the IANA registry"),
                    )
                    .expected(format!("expires: \"{expires}\"")),
            );
        }
        let Some(reference) = row.defining_reference() else {
            continue;
        };
        let first = meta.spec.first();
        let agrees = match (&reference, first) {
            (
                Reference::Rfc {
                    number, section, ..
                },
                Some(spec),
            ) => {
                spec.rfc == Some(*number)
                    && section
                        .as_ref()
                        .is_none_or(|s| spec.section.as_ref() == Some(s))
            }
            (Reference::Draft { name, .. }, Some(spec)) => spec.draft.as_ref() == Some(name),
            (Reference::Url { .. }, _) | (_, None) => false,
        };
        if !agrees {
            diags.push(
                draft
                    .at(
                        &[key("spec"), Seg::Index(0)],
                        "the defining reference disagrees with the IANA registry",
                    )
                    .field("spec[0]")
                    .expected(format!(
                        "{reference} first in `spec` (the registry says `{}`)",
                        row.reference
                    )),
            );
        }
    }
}
