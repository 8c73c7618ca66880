//! Field rules: each front matter, as read into the file format, is checked with its positions
//! in view and turned into the model type, which cannot hold what the rules reject. A problem
//! is a diagnostic at the value; an entry with one that the model cannot hold yields `None`.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ids::{Class, Reference, Status, StatusCode, StatusKind};
use crate::load::Parsed;
use crate::load::yaml::Seg;
use crate::model::file::{ClassFile, CodeFile, CodeNumber, CompareFile, RefFile};
use crate::model::{
    ClassMeta, CodeMeta, CompareMeta, FormerName, GuideMeta, HeaderRule, VendorUse,
};

use super::{Index, check_text, is_slug, key};

/// Every item, if each one was good (all are checked first, so each problem is reported).
pub(crate) fn all<T>(items: Vec<Option<T>>) -> Option<Vec<T>> {
    items.into_iter().collect()
}

/// An entry's `spec:` list, each reference checked at its own index (all of them, so every
/// problem is reported at once); `None` if any was reported.
pub(crate) fn spec_list<M>(
    draft: &Parsed<M>,
    specs: &[RefFile],
    diags: &mut Diagnostics,
) -> Option<Vec<Reference>> {
    let checked: Vec<_> = (specs.iter().enumerate())
        .map(|(i, spec)| {
            let path = [key("spec"), Seg::Index(i)];
            reference(&|p, m| draft.at(p, m), &path, spec, true, diags)
        })
        .collect();
    all(checked)
}

/// One reference: exactly one source kind, a section only where documents have sections, an
/// absolute URL, a section number, and a title where one is required.
pub(crate) fn reference(
    at: &dyn Fn(&[Seg], String) -> Diagnostic,
    path: &[Seg],
    spec: &RefFile,
    title_required: bool,
    diags: &mut Diagnostics,
) -> Option<Reference> {
    let before = diags.len();
    let (section, title) = (spec.section.clone(), spec.title.clone());
    let reference = match (spec.rfc, &spec.draft, &spec.url) {
        (Some(number), None, None) => Some(Reference::Rfc {
            number,
            section,
            title,
        }),
        (None, Some(name), None) => Some(Reference::Draft {
            name: name.clone(),
            section,
            title,
        }),
        (None, None, Some(url)) => Some(Reference::Url {
            url: url.clone(),
            title,
        }),
        _ => {
            diags.push(
                at(
                    path,
                    "a reference needs exactly one of `rfc`, `draft` or `url`".into(),
                )
                .expected("e.g. `{ rfc: 9110, section: \"15.5.5\", title: \"404 Not Found\" }`"),
            );
            None
        }
    };
    if spec.url.is_some() && spec.section.is_some() {
        diags.push(
            at(
                &[path, &[key("section")]].concat(),
                "`section` does not go with `url`".into(),
            )
            .hint("put the section's anchor in the URL instead"),
        );
    }
    if let Some(url) = &spec.url
        && (!(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with("://"))
    {
        diags.push(
            at(
                &[path, &[key("url")]].concat(),
                "reference URL is not absolute".into(),
            )
            .expected("an https:// URL"),
        );
    }
    if let Some(section) = &spec.section
        && !section
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        diags.push(
            at(
                &[path, &[key("section")]].concat(),
                format!("`{section}` is not a section number"),
            )
            .expected("a section number such as \"15.5.14\" or \"A.2\""),
        );
    }
    if title_required && spec.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diags.push(
            at(path, "the reference has no `title`".into())
                .expected("the section's title, e.g. title: \"404 Not Found\""),
        );
    }
    reference.filter(|_| diags.len() == before)
}

/// A list of codes that must each have an entry, once.
fn code_list<M>(
    draft: &Parsed<M>,
    field: &str,
    numbers: &[CodeNumber],
    index: &Index,
    diags: &mut Diagnostics,
) -> Option<Vec<StatusCode>> {
    let mut seen = BTreeSet::new();
    let mut codes = Vec::with_capacity(numbers.len());
    for (i, number) in numbers.iter().enumerate() {
        let path = [key(field), Seg::Index(i)];
        if !seen.insert(*number) {
            diags.push(
                draft
                    .at(&path, format!("code {number} is listed twice"))
                    .hint("remove the repeat"),
            );
            continue;
        }
        match number.code().filter(|code| index.has_code(*code)) {
            Some(code) => codes.push(Some(code)),
            None => {
                diags.push(
                    draft
                        .at(&path, format!("no entry for code {number}"))
                        .expected("a code that has a file in content/codes/")
                        .hint(index.code_hint(&number.to_string())),
                );
                codes.push(None);
            }
        }
    }
    all(codes)
}

/// Why a text is not a date; as text, what follows "`…` is not a date" in a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum NotADate {
    /// Not written `YYYY-MM-DD`: the expected form says it all.
    #[error("")]
    Shape,
    #[error(": there is no month {0}")]
    NoMonth(i8),
    /// `month` as in "February 2026".
    #[error(": {month} has {days} days")]
    NoDay { month: String, days: i8 },
}

/// A date written `YYYY-MM-DD` that exists on the calendar, or why the text is not one.
pub(crate) fn calendar_date(text: &str) -> Result<Date, NotADate> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(NotADate::Shape);
    }
    // Four and two digits always fit.
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or_default();
    let (year, month, day) = (number(0..4), number(5..7) as i8, number(8..10) as i8);
    match (Date::new(year, month, 1), Date::new(year, month, day)) {
        (_, Ok(date)) => Ok(date),
        (Err(_), _) => Err(NotADate::NoMonth(month)),
        (Ok(first), Err(_)) => Err(NotADate::NoDay {
            month: first.strftime("%B %Y").to_string(),
            days: first.days_in_month(),
        }),
    }
}

/// [`calendar_date`], reported at `path` when the text is not a date.
fn date<M>(draft: &Parsed<M>, path: &[Seg], text: &str, diags: &mut Diagnostics) -> Option<Date> {
    calendar_date(text)
        .map_err(|why| {
            diags.push(
                draft
                    .at(path, format!("`{text}` is not a date{why}"))
                    .expected("a date written YYYY-MM-DD"),
            );
        })
        .ok()
}

/// The status, with the expiry date a temporary registration carries (and no other may).
fn status(draft: &Parsed<CodeFile>, diags: &mut Diagnostics) -> Option<Status> {
    let meta = &draft.meta;
    match (&meta.expires, meta.status) {
        (None, StatusKind::Temporary) => {
            diags.push(
                draft
                    .at(
                        &[key("status")],
                        "a temporary registration needs its expiry date",
                    )
                    .expected("expires: \"YYYY-MM-DD\""),
            );
            None
        }
        (Some(_), kind) if kind != StatusKind::Temporary => {
            diags.push(
                draft
                    .at(
                        &[key("expires")],
                        "`expires` only applies to temporary registrations",
                    )
                    .hint("remove it, or set status: temporary"),
            );
            None
        }
        (Some(text), kind) => Status::new(kind, Some(date(draft, &[key("expires")], text, diags)?)),
        (None, kind) => Status::new(kind, None),
    }
}

/// Checks a code entry and builds its model.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub(crate) fn code(
    draft: &Parsed<CodeFile>,
    index: &Index,
    diags: &mut Diagnostics,
) -> Option<CodeMeta> {
    let meta = &draft.meta;
    let code_path = [key("code")];
    let code = meta.code.code();
    if code.is_none() {
        diags.push(
            draft
                .at(&code_path, format!("code {} is outside 100–599", meta.code))
                .expected("a three-digit status code from 100 to 599 (RFC 9110 §15)"),
        );
    }
    match draft.stem.parse::<u16>() {
        Ok(n) if draft.stem.len() == 3 && n == meta.code.0 => {}
        Ok(n) if draft.stem.len() == 3 => diags.push(
            draft
                .at(
                    &code_path,
                    format!("code {} does not match the file name {}.md", meta.code, n),
                )
                .expected(format!("code: {n}"))
                .hint(format!(
                    "rename the file to {}.md, or set code: {n}",
                    meta.code
                )),
        ),
        _ => diags.push(
            draft
                .at(
                    &[],
                    format!("file name `{}.md` is not a status code", draft.stem),
                )
                .expected(format!(
                    "a file named after its code, {}, e.g. content/codes/404.md",
                    StatusCode::EXPECTED
                ))
                .hint_opt(code.map(|code| format!("rename the file to {code}.md"))),
        ),
    }
    check_text(draft, "name", &meta.name, diags);
    check_text(draft, "summary", &meta.summary, diags);
    super::reader::names_and_first_steps(draft, diags);

    if meta.spec.is_empty() && meta.status != StatusKind::Unofficial {
        diags.push(
            draft
                .at(&[key("spec")], "no defining reference")
                .expected("at least one entry, e.g. `- { rfc: 9110, section: \"15.5.5\", title: \"404 Not Found\" }`"),
        );
    }
    let spec = spec_list(draft, &meta.spec, diags);
    let former_names: Vec<_> = (meta.former_names.iter().enumerate())
        .map(|(i, former)| {
            let path = [key("former_names"), Seg::Index(i), key("spec")];
            let spec = match &former.spec {
                Some(spec) => Some(reference(
                    &|p, m| draft.at(p, m),
                    &path,
                    spec,
                    false,
                    diags,
                )?),
                None => None,
            };
            Some(FormerName {
                name: former.name.clone(),
                spec,
            })
        })
        .collect();
    let headers: Vec<_> = (meta.headers.iter().enumerate())
        .map(|(i, header)| {
            let path = [key("headers"), Seg::Index(i), key("spec")];
            if header
                .justification
                .as_deref()
                .is_some_and(|j| j.trim().is_empty())
            {
                let path = [key("headers"), Seg::Index(i), key("justification")];
                diags.push(
                    draft
                        .at(&path, "an empty justification")
                        .expected("a sentence saying why the level stands against the text")
                        .hint("write the reason, or remove the field"),
                );
            }
            Some(HeaderRule {
                name: header.name.clone(),
                message: header.message,
                level: header.level,
                applies: header.applies,
                note: header.note.clone(),
                justification: header.justification.clone(),
                spec: reference(&|p, m| draft.at(p, m), &path, &header.spec, false, diags)?,
            })
        })
        .collect();
    let vendor_uses: Vec<_> = (meta.vendor_uses.iter().enumerate())
        .map(|(i, vendor)| {
            for (field, value) in [
                ("vendor", &vendor.vendor),
                ("name", &vendor.name),
                ("meaning", &vendor.meaning),
            ] {
                if value.trim().is_empty() {
                    let path = [key("vendor_uses"), Seg::Index(i), key(field)];
                    diags.push(
                        draft
                            .at(&path, format!("`{field}` is empty"))
                            .expected("some text"),
                    );
                }
            }
            let path = [key("vendor_uses"), Seg::Index(i), key("source")];
            let source = match &vendor.source {
                Some(spec) => Some(reference(
                    &|p, m| draft.at(p, m),
                    &path,
                    spec,
                    false,
                    diags,
                )?),
                None => None,
            };
            Some(VendorUse {
                vendor: vendor.vendor.clone(),
                name: vendor.name.clone(),
                meaning: vendor.meaning.clone(),
                client_sees: vendor.client_sees,
                source,
            })
        })
        .collect();
    if meta.status == StatusKind::Unofficial && meta.vendor_uses.is_empty() {
        diags.push(
            draft
                .at(&[key("status")], "an unofficial code must name the vendor that emits it")
                .expected("a `vendor_uses` list with at least one `{ vendor, name, meaning, client_sees }`"),
        );
    }
    let status = status(draft, diags);
    if let Some(i) = meta.related.iter().position(|c| *c == meta.code) {
        diags.push(draft.at(
            &[key("related"), Seg::Index(i)],
            "a code cannot be related to itself",
        ));
    }
    let related = code_list(draft, "related", &meta.related, index, diags);
    if let Some(code) = code
        && !index.has_class(code.class())
    {
        let class = code.class().slug();
        diags.push(
            draft
                .at(&code_path, format!("class {class} has no overview"))
                .hint(format!("add content/classes/{class}.md")),
        );
    }
    Some(CodeMeta {
        code: code?,
        name: crate::model::display_name(&meta.name, meta.display_name.as_deref()),
        registry_name: meta.name.clone(),
        local_name: None,
        summary: meta.summary.clone(),
        status: status?,
        spec: spec?,
        related: related?,
        aliases: meta.aliases.clone(),
        former_names: all(former_names)?,
        content: meta.content,
        caching: meta.caching,
        retry: meta.retry.clone(),
        first_steps: meta.first_steps.clone(),
        headers: all(headers)?,
        constants: meta.constants.clone(),
        vendor_uses: all(vendor_uses)?,
    })
}

/// Checks a class overview and builds its model; the class is the file name.
pub(crate) fn class(draft: &Parsed<ClassFile>, diags: &mut Diagnostics) -> Option<ClassMeta> {
    if Class::from_slug(&draft.stem).is_none() {
        diags.push(
            draft
                .at(
                    &[],
                    format!("`{}.md` is not a class overview name", draft.stem),
                )
                .expected("one of 1xx.md, 2xx.md, 3xx.md, 4xx.md, 5xx.md"),
        );
    }
    let meta = &draft.meta;
    check_text(draft, "name", &meta.name, diags);
    check_text(draft, "summary", &meta.summary, diags);
    let spec = spec_list(draft, &meta.spec, diags);
    Some(ClassMeta {
        name: meta.name.clone(),
        summary: meta.summary.clone(),
        spec: spec?,
    })
}

/// Checks a comparison and builds its model.
pub(crate) fn comparison(
    draft: &Parsed<CompareFile>,
    index: &Index,
    diags: &mut Diagnostics,
) -> Option<CompareMeta> {
    if !is_slug(&draft.stem) {
        diags.push(
            draft
                .at(&[], format!("`{}.md` is not a valid page name", draft.stem))
                .expected("lower-case letters, digits and hyphens, e.g. 401-vs-403.md"),
        );
    }
    let meta = &draft.meta;
    check_text(draft, "title", &meta.title, diags);
    check_text(draft, "summary", &meta.summary, diags);
    if meta.codes.len() < 2 {
        diags.push(
            draft
                .at(&[key("codes")], "a comparison needs at least two codes")
                .expected("e.g. codes: [401, 403]"),
        );
    }
    let codes = code_list(draft, "codes", &meta.codes, index, diags)?;
    Some(CompareMeta {
        title: meta.title.clone(),
        summary: meta.summary.clone(),
        codes,
        aliases: Vec::new(),
    })
}

/// Checks a guide; its front matter is its model.
pub(crate) fn guide(draft: &Parsed<GuideMeta>, diags: &mut Diagnostics) -> Option<GuideMeta> {
    if !is_slug(&draft.stem) {
        diags.push(
            draft
                .at(&[], format!("`{}.md` is not a valid page name", draft.stem))
                .expected("lower-case letters, digits and hyphens, e.g. problem-details.md"),
        );
    }
    check_text(draft, "title", &draft.meta.title, diags);
    check_text(draft, "summary", &draft.meta.summary, diags);
    Some(draft.meta.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_be_written_iso_and_exist() {
        assert_eq!(
            calendar_date("2026-11-13"),
            Ok(Date::new(2026, 11, 13).unwrap())
        );
        assert_eq!(calendar_date("2028-02-29").map(|d| d.day()), Ok(29));
        let why = |text| calendar_date(text).unwrap_err().to_string();
        assert_eq!(why("13 Nov 2026"), "");
        assert_eq!(why("2026-1-13"), "");
        assert_eq!(why("2026-13-45"), ": there is no month 13");
        assert_eq!(why("2026-00-10"), ": there is no month 0");
        assert_eq!(why("2026-02-29"), ": February 2026 has 28 days");
        assert_eq!(why("2026-04-00"), ": April 2026 has 30 days");
    }
}
