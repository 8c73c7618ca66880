//! A code's header rules held to the BCP 14 sentences of the sections they cite.
//!
//! A rule of level MUST, MUST NOT, SHOULD, SHOULD NOT or MAY needs a sentence in its cited
//! section that names the field and carries that keyword; a `convention` rule is reported when
//! its section has a MUST, MUST NOT, SHOULD or SHOULD NOT about the field. A `justification` on
//! the rule answers the finding (and is reported when there is nothing left to answer).

use super::{Specs, checkable, key};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Seg;
use crate::model::RequirementLevel;
use crate::model::file::HeaderFile;
use crate::spec::{DocId, Keyword, Requirement, keywords, names_field};

/// The keyword a rule's level stands for; `None` for `convention` and `defining`.
fn keyword(level: RequirementLevel) -> Option<Keyword> {
    Some(match level {
        RequirementLevel::Must => Keyword::Must,
        RequirementLevel::MustNot => Keyword::MustNot,
        RequirementLevel::Should => Keyword::Should,
        RequirementLevel::ShouldNot => Keyword::ShouldNot,
        RequirementLevel::May => Keyword::May,
        RequirementLevel::Convention | RequirementLevel::Defining => return None,
    })
}

/// What the text says against a rule: the field the finding is placed at, and its words.
struct Finding {
    field: &'static str,
    message: String,
    expected: String,
    hint: String,
}

/// Checks header rule `i` of a code entry against its cited section's BCP 14 sentences;
/// `at_path` makes a diagnostic at a field of the entry.
pub(super) fn check_level(
    at_path: &dyn Fn(&[Seg], String) -> Diagnostic,
    i: usize,
    rule: &HeaderFile,
    specs: &Specs,
    diags: &mut Diagnostics,
) {
    let at = |field: &str| [key("headers"), Seg::Index(i), key(field)];
    let finding = find(rule, specs);
    match (finding, &rule.justification) {
        (Some(f), None) => {
            let path: Vec<Seg> = if f.field == "section" {
                [&at("spec")[..], &[key("section")]].concat()
            } else {
                at(f.field).to_vec()
            };
            diags.push(at_path(&path, f.message).expected(f.expected).hint(f.hint));
        }
        (None, Some(_)) if verifiable(rule, specs) => diags.push(
            at_path(
                &at("justification"),
                "a justification, but the cited section supports this level as it stands".into(),
            )
            .expected("a justification only where the text and the level disagree")
            .hint("remove `justification`"),
        ),
        _ => {}
    }
}

/// Whether the rule's citation can be held to recorded sentences at all.
fn verifiable(rule: &HeaderFile, specs: &Specs) -> bool {
    let checked = keyword(rule.level).is_some() || rule.level == RequirementLevel::Convention;
    checked
        && checkable(&rule.spec)
            .and_then(|doc| specs.get(&doc).ok().flatten())
            .is_some_and(|index| index.recorded)
}

fn quote(r: &Requirement) -> String {
    format!("\u{ab}{}\u{bb}", r.sentence)
}

fn find(rule: &HeaderFile, specs: &Specs) -> Option<Finding> {
    if !verifiable(rule, specs) {
        return None;
    }
    let doc = checkable(&rule.spec)?;
    let index = specs.get(&doc).ok().flatten()?;
    let field = &rule.name;
    let level = rule.level.label();
    let Some(section) = rule.spec.section.as_deref() else {
        return keyword(rule.level).map(|_| Finding {
            field: "spec",
            message: format!("a {level} rule for `{field}` cites {doc} without a section"),
            expected: "the section whose sentence states the requirement".into(),
            hint: format!(
                "add `section:` (the sections and their BCP 14 sentences are in content/specs/{})",
                doc.file_name()
            ),
        });
    };
    // A missing section is the citation check's finding.
    index.title(section)?;
    let cite = match &doc {
        DocId::Rfc(n) => format!("RFC {n} \u{a7}{section}"),
        DocId::Draft(name) => format!("{name} \u{a7}{section}"),
    };
    let about: Vec<(&Requirement, Vec<Keyword>)> = index
        .requirements_of(section)
        .filter(|r| names_field(&r.sentence, field))
        .map(|r| (r, keywords(&r.sentence)))
        .collect();
    let Some(want) = keyword(rule.level) else {
        // A convention the text makes binding.
        let (r, k) = about
            .iter()
            .find_map(|(r, ks)| ks.iter().find(|k| k.strength() >= 2).map(|k| (*r, *k)))?;
        return Some(Finding {
            field: "level",
            message: format!(
                "`{field}` is a convention here, but {cite} says {}: {}",
                k.label(),
                quote(r)
            ),
            expected: format!("level `{}`, as the section states it", k.label()),
            hint: format!(
                "set `level: {}` (with a note saying when it applies), or add a `justification` saying why the sentence does not govern this code",
                k.label()
            ),
        });
    };
    if about.is_empty() {
        let any = index.requirements_of(section).next();
        return Some(Finding {
            field: "section",
            message: format!("{cite} has no BCP 14 sentence that names `{field}`"),
            expected: format!("a section with a sentence that says {level} about `{field}`"),
            hint: match any {
                Some(_) => format!(
                    "cite the section that states the requirement (its sentences are in content/specs/{}), or make the rule `defining` or `convention`",
                    doc.file_name()
                ),
                None => format!(
                    "{cite} has no BCP 14 sentence at all; cite the section that states the requirement"
                ),
            },
        });
    }
    if about.iter().any(|(_, ks)| ks.contains(&want)) {
        return None;
    }
    // The text says something else about the field: the strongest word of the same polarity
    // first (a SHOULD rule where the text says MUST), else whatever it says.
    let (r, k) = about
        .iter()
        .flat_map(|(r, ks)| ks.iter().map(move |k| (*r, *k)))
        .max_by_key(|(_, k)| (k.negative() == want.negative(), k.strength()))?;
    let same = k.negative() == want.negative();
    Some(Finding {
        field: "level",
        message: format!(
            "{}: the rule says {level} for `{field}`, but {cite} says {}: {}",
            match (same, k.strength().cmp(&want.strength())) {
                (true, std::cmp::Ordering::Greater) => "level weaker than the text",
                (true, _) => "level stronger than the text",
                (false, _) => "level not in the text",
            },
            k.label(),
            quote(r)
        ),
        expected: format!("level `{}`, the keyword the section uses", k.label()),
        hint: format!(
            "set `level: {}`, cite the section that says {level}, or add a `justification`",
            k.label()
        ),
    })
}
