//! Rules that serde cannot express: file names, value ranges, and references between entries.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::load::sections::PageKind;
use crate::load::source::SourceFile;
use crate::load::yaml::Seg;
use crate::load::{Draft, Loaded};
use crate::markdown::{Heading, Rendered, Resolution};
use crate::model::{
    Class, ClassMeta, CodeMeta, CompareMeta, GuideMeta, SpecRef, Status, StatusCode,
};
use crate::registry::{Reference, Registry};
use crate::routes::{Kind, Route};
use crate::urls::Urls;

fn key(k: &str) -> Seg {
    Seg::Key(k.to_owned())
}

/// The entries of one kind, and whether that list is complete.
struct Known<T> {
    names: BTreeSet<T>,
    /// False when the kind's folder could not be listed (reported on its own).
    complete: bool,
}

impl<T: Ord> Known<T> {
    /// Whether a reference to `name` may be right: always, when the list is incomplete, since
    /// nothing can be said about it.
    fn may_contain(&self, name: &T) -> bool {
        !self.complete || self.names.contains(name)
    }
}

/// What exists, so references can be checked and internal links resolved.
pub(crate) struct Index {
    codes: Known<StatusCode>,
    classes: Known<Class>,
    comparisons: Known<String>,
    guides: Known<String>,
}

impl Index {
    /// Builds the index, reporting codes that more than one file claims.
    /// Files that failed to parse still count as existing, under their file names, so a broken
    /// file is reported once rather than again at every reference to it.
    pub fn new(
        codes: &Loaded<CodeMeta>,
        classes: &Loaded<ClassMeta>,
        comparisons: &Loaded<CompareMeta>,
        guides: &Loaded<GuideMeta>,
        diags: &mut Diagnostics,
    ) -> Index {
        let mut claimed: BTreeMap<StatusCode, &Draft<CodeMeta>> = BTreeMap::new();
        for draft in &codes.drafts {
            if let Some(first) = claimed.get(&draft.meta.code) {
                diags.push(
                    draft
                        .at(
                            &[key("code")],
                            format!("duplicate code {}", draft.meta.code),
                        )
                        .expected("each code to have exactly one entry")
                        .hint(format!(
                            "{} already defines it; merge the two files",
                            first.src.path.display()
                        )),
                );
            } else {
                claimed.insert(draft.meta.code, draft);
            }
        }
        fn stems<M>(loaded: &Loaded<M>) -> impl Iterator<Item = &String> {
            loaded
                .drafts
                .iter()
                .map(|d| &d.stem)
                .chain(&loaded.unparsed)
        }
        // A file named after a code stands for it even when its front matter is broken or
        // claims another number; that problem is reported on the file itself.
        let named_codes = stems(codes).filter_map(|s| s.parse().ok()).map(StatusCode);
        Index {
            codes: Known {
                names: claimed.into_keys().chain(named_codes).collect(),
                complete: codes.complete,
            },
            classes: Known {
                names: stems(classes).filter_map(|s| Class::from_slug(s)).collect(),
                complete: classes.complete,
            },
            comparisons: Known {
                names: stems(comparisons).cloned().collect(),
                complete: comparisons.complete,
            },
            guides: Known {
                names: stems(guides).cloned().collect(),
                complete: guides.complete,
            },
        }
    }

    /// Whether `code` has an entry (or may have one: see [`Known::may_contain`]).
    pub fn has_code(&self, code: StatusCode) -> bool {
        self.codes.may_contain(&code)
    }

    fn code_hint(&self, wrong: &str) -> String {
        let known: Vec<String> = self.codes.names.iter().map(ToString::to_string).collect();
        match did_you_mean(wrong, known.iter().map(String::as_str)) {
            Some(m) => format!("did you mean {m}? Otherwise add content/codes/{wrong}.md first"),
            None => format!("add content/codes/{wrong}.md first, or link a code that has an entry"),
        }
    }

    /// Turns an internal link shorthand (`code:404`, `compare:401-vs-403#fix`) into a URL, or
    /// says why it is broken. Schemes come from the route table.
    pub fn resolve(&self, dest: &str, urls: &Urls) -> Resolution {
        let Some((kind, rest)) = dest
            .split_once(':')
            .and_then(|(scheme, rest)| Some((Kind::from_scheme(scheme)?, rest)))
        else {
            return Resolution::External;
        };
        let (target, fragment) = match rest.split_once('#') {
            Some((t, f)) => (t, format!("#{f}")),
            None => (rest, String::new()),
        };
        match kind.route(target).filter(|route| self.has(route)) {
            Some(route) => Resolution::Resolved(urls.route(route) + &fragment),
            None => self.broken_link(kind, target),
        }
    }

    /// Whether the entry a link names exists (or may: its file is broken and reported apart).
    fn has(&self, route: &Route) -> bool {
        match route {
            Route::Code(code) => self.codes.may_contain(code),
            Route::Class(class) => self.classes.may_contain(class),
            Route::Compare(slug) => self.comparisons.may_contain(&(*slug).to_owned()),
            Route::Guide(slug) => self.guides.may_contain(&(*slug).to_owned()),
            _ => false,
        }
    }

    fn broken_link(&self, kind: Kind, target: &str) -> Resolution {
        let slug_hint = |names: &BTreeSet<String>| {
            did_you_mean(target, names.iter().map(String::as_str))
                .map(|m| format!("did you mean `{m}`?"))
        };
        let (message, hint) = match kind {
            Kind::Code => (
                format!("link to unknown code `{target}`"),
                Some(self.code_hint(target)),
            ),
            Kind::Class => (
                format!("link to unknown class `{target}`"),
                Some("use 1xx, 2xx, 3xx, 4xx or 5xx".into()),
            ),
            Kind::Compare => (
                format!("link to unknown comparison `{target}`"),
                slug_hint(&self.comparisons.names),
            ),
            Kind::Guide => (
                format!("link to unknown guide `{target}`"),
                slug_hint(&self.guides.names),
            ),
            Kind::Tree => (format!("link to unknown decision tree `{target}`"), None),
        };
        Resolution::Broken { message, hint }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn check_text<M>(draft: &Draft<M>, field: &str, value: &str, diags: &mut Diagnostics) {
    if value.trim().is_empty() {
        diags.push(
            draft
                .at(&[key(field)], format!("`{field}` is empty"))
                .expected("some text"),
        );
    } else if field == "summary" && value.trim().contains('\n') {
        diags.push(
            draft
                .at(&[key(field)], "summary spans several lines")
                .expected("one sentence on one line"),
        );
    }
}

/// Checks one spec reference: exactly one source kind, and a title where one is required.
fn check_spec<M>(
    draft: &Draft<M>,
    path: &[Seg],
    spec: &SpecRef,
    title_required: bool,
    diags: &mut Diagnostics,
) {
    let kinds = [spec.rfc.is_some(), spec.draft.is_some(), spec.url.is_some()]
        .iter()
        .filter(|k| **k)
        .count();
    if kinds != 1 {
        diags.push(
            draft
                .at(
                    path,
                    "a reference needs exactly one of `rfc`, `draft` or `url`",
                )
                .expected("e.g. `{ rfc: 9110, section: \"15.5.5\", title: \"404 Not Found\" }`"),
        );
    }
    if spec.url.is_some() && spec.section.is_some() {
        diags.push(
            draft
                .at(
                    &[path, &[key("section")]].concat(),
                    "`section` does not go with `url`",
                )
                .hint("put the section's anchor in the URL instead"),
        );
    }
    if let Some(url) = &spec.url
        && (!(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with("://"))
    {
        diags.push(
            draft
                .at(
                    &[path, &[key("url")]].concat(),
                    "reference URL is not absolute",
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
            draft
                .at(
                    &[path, &[key("section")]].concat(),
                    format!("`{section}` is not a section number"),
                )
                .expected("a section number such as \"15.5.14\" or \"A.2\""),
        );
    }
    if title_required && spec.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        diags.push(
            draft
                .at(path, "the reference has no `title`")
                .expected("the section's title, e.g. title: \"404 Not Found\""),
        );
    }
}

fn check_code_refs<M>(
    draft: &Draft<M>,
    field: &str,
    codes: &[StatusCode],
    index: &Index,
    diags: &mut Diagnostics,
) {
    let mut seen = BTreeSet::new();
    for (i, code) in codes.iter().enumerate() {
        let path = [key(field), Seg::Index(i)];
        if !seen.insert(*code) {
            diags.push(
                draft
                    .at(&path, format!("code {code} is listed twice"))
                    .hint("remove the repeat"),
            );
        } else if !index.has_code(*code) {
            diags.push(
                draft
                    .at(&path, format!("no entry for code {code}"))
                    .expected("a code that has a file in content/codes/")
                    .hint(index.code_hint(&code.to_string())),
            );
        }
    }
}

pub(crate) fn codes(drafts: &[Draft<CodeMeta>], index: &Index, diags: &mut Diagnostics) {
    for draft in drafts {
        let meta = &draft.meta;
        let code_path = [key("code")];
        if !meta.code.is_valid() {
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
                    .hint_opt(
                        meta.code
                            .is_valid()
                            .then(|| format!("rename the file to {}.md", meta.code)),
                    ),
            ),
        }
        check_text(draft, "name", &meta.name, diags);
        check_text(draft, "summary", &meta.summary, diags);

        if meta.spec.is_empty() && meta.status != Status::Unofficial {
            diags.push(
                draft
                    .at(&[key("spec")], "no defining reference")
                    .expected("at least one entry, e.g. `- { rfc: 9110, section: \"15.5.5\", title: \"404 Not Found\" }`"),
            );
        }
        for (i, spec) in meta.spec.iter().enumerate() {
            check_spec(draft, &[key("spec"), Seg::Index(i)], spec, true, diags);
        }
        for (i, former) in meta.former_names.iter().enumerate() {
            if let Some(spec) = &former.spec {
                check_spec(
                    draft,
                    &[key("former_names"), Seg::Index(i), key("spec")],
                    spec,
                    false,
                    diags,
                );
            }
        }
        for (i, header) in meta.headers.iter().enumerate() {
            check_spec(
                draft,
                &[key("headers"), Seg::Index(i), key("spec")],
                &header.spec,
                false,
                diags,
            );
        }
        for (i, vendor) in meta.vendor_uses.iter().enumerate() {
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
            if let Some(spec) = &vendor.source {
                check_spec(
                    draft,
                    &[key("vendor_uses"), Seg::Index(i), key("source")],
                    spec,
                    false,
                    diags,
                );
            }
        }
        if meta.status == Status::Unofficial && meta.vendor_uses.is_empty() {
            diags.push(
                draft
                    .at(&[key("status")], "an unofficial code must name the vendor that emits it")
                    .expected("a `vendor_uses` list with at least one `{ vendor, name, meaning, client_sees }`"),
            );
        }
        match (&meta.expires, meta.status) {
            (None, Status::Temporary) => diags.push(
                draft
                    .at(
                        &[key("status")],
                        "a temporary registration needs its expiry date",
                    )
                    .expected("expires: \"YYYY-MM-DD\""),
            ),
            (Some(_), status) if status != Status::Temporary => diags.push(
                draft
                    .at(
                        &[key("expires")],
                        "`expires` only applies to temporary registrations",
                    )
                    .hint("remove it, or set status: temporary"),
            ),
            (Some(date), _) if !is_date(date) => diags.push(
                draft
                    .at(&[key("expires")], format!("`{date}` is not a date"))
                    .expected("a date written YYYY-MM-DD"),
            ),
            _ => {}
        }
        if meta.related.contains(&meta.code) {
            let i = meta
                .related
                .iter()
                .position(|c| *c == meta.code)
                .unwrap_or(0);
            diags.push(draft.at(
                &[key("related"), Seg::Index(i)],
                "a code cannot be related to itself",
            ));
        }
        check_code_refs(draft, "related", &meta.related, index, diags);
        if meta.code.is_valid() && !index.classes.may_contain(&meta.code.class()) {
            let class = meta.code.class().slug();
            diags.push(
                draft
                    .at(&code_path, format!("class {class} has no overview"))
                    .hint(format!("add content/classes/{class}.md")),
            );
        }
    }
}

pub(crate) fn classes(drafts: &[Draft<ClassMeta>], diags: &mut Diagnostics) {
    for draft in drafts {
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
        check_text(draft, "name", &draft.meta.name, diags);
        check_text(draft, "summary", &draft.meta.summary, diags);
        for (i, spec) in draft.meta.spec.iter().enumerate() {
            check_spec(draft, &[key("spec"), Seg::Index(i)], spec, true, diags);
        }
    }
}

pub(crate) fn comparisons(drafts: &[Draft<CompareMeta>], index: &Index, diags: &mut Diagnostics) {
    for draft in drafts {
        if !is_slug(&draft.stem) {
            diags.push(
                draft
                    .at(&[], format!("`{}.md` is not a valid page name", draft.stem))
                    .expected("lower-case letters, digits and hyphens, e.g. 401-vs-403.md"),
            );
        }
        check_text(draft, "title", &draft.meta.title, diags);
        check_text(draft, "summary", &draft.meta.summary, diags);
        if draft.meta.codes.len() < 2 {
            diags.push(
                draft
                    .at(&[key("codes")], "a comparison needs at least two codes")
                    .expected("e.g. codes: [401, 403]"),
            );
        }
        check_code_refs(draft, "codes", &draft.meta.codes, index, diags);
    }
}

pub(crate) fn guides(drafts: &[Draft<GuideMeta>], diags: &mut Diagnostics) {
    for draft in drafts {
        if !is_slug(&draft.stem) {
            diags.push(
                draft
                    .at(&[], format!("`{}.md` is not a valid page name", draft.stem))
                    .expected("lower-case letters, digits and hyphens, e.g. problem-details.md"),
            );
        }
        check_text(draft, "title", &draft.meta.title, diags);
        check_text(draft, "summary", &draft.meta.summary, diags);
    }
}

/// Checks code entries against the IANA registry copy: every assigned code has an entry, and each
/// entry's name, status and defining reference agree with its row.
pub(crate) fn registry(
    codes: &Loaded<CodeMeta>,
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
        if !meta.code.is_valid() || draft.stem != meta.code.to_string() {
            continue;
        }
        let Some(row) = registry.get(meta.code.0) else {
            if meta.status != Status::Unofficial {
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
                Status::Unofficial | Status::Temporary | Status::Unused | Status::Obsolete
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
        if let (Some(expires), Some(date)) = (row.expires(), &meta.expires)
            && expires != date
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
            (Reference::Rfc { number, section }, Some(spec)) => {
                spec.rfc == Some(*number)
                    && section
                        .as_ref()
                        .is_none_or(|s| spec.section.as_ref() == Some(s))
            }
            (Reference::Draft(name), Some(spec)) => spec.draft.as_ref() == Some(name),
            (_, None) => false,
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

/// Checks a code entry's body: its sections (see [`sections`]), and a registered code shows at
/// least one example exchange in a fenced `http` block.
pub(crate) fn code_body(draft: &Draft<CodeMeta>, body: &Rendered, diags: &mut Diagnostics) {
    let unofficial = draft.meta.status == Status::Unofficial;
    let kind = if unofficial {
        PageKind::UnofficialCode
    } else {
        PageKind::RegisteredCode
    };
    sections(draft, body, kind, diags);
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
pub(crate) fn class_body(draft: &Draft<ClassMeta>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, PageKind::Class, diags);
}

/// Checks a comparison's body: its required sections, none empty.
pub(crate) fn compare_body(draft: &Draft<CompareMeta>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, PageKind::Comparison, diags);
}

/// Checks a guide's body: no empty section.
pub(crate) fn guide_body(draft: &Draft<GuideMeta>, body: &Rendered, diags: &mut Diagnostics) {
    sections(draft, body, PageKind::Guide, diags);
}

/// Checks a body's `##` sections: the kind's required sections exist, in order, and no section
/// (required or not) is empty. Each problem is reported at its heading, or at the body's start
/// for a missing one.
fn sections<M>(draft: &Draft<M>, body: &Rendered, kind: PageKind, diags: &mut Diagnostics) {
    let required = kind.required_sections();
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
