//! What exists, so that references between entries can be checked and internal links
//! (`code:404`, `class:4xx`, `compare:…`, `guide:…`, `header:…`) resolved to URLs.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::load::{Loaded, Parsed};
use crate::markdown::Resolution;
use crate::model::file::{ClassFile, CodeFile, CompareFile, HeaderEntryFile};
use crate::model::{Class, GuideMeta, StatusCode};
use crate::routes::{Kind, Route};
use crate::urls::Urls;

use super::key;

/// The entries of one kind, and whether that list is complete.
#[derive(Clone, PartialEq)]
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

/// What exists, so references can be checked and internal links resolved. Equal indexes resolve
/// every link alike (see [`Index::resolve`]).
#[derive(Clone, PartialEq)]
pub(crate) struct Index {
    codes: Known<StatusCode>,
    classes: Known<Class>,
    comparisons: Known<String>,
    guides: Known<String>,
    headers: Known<String>,
}

impl Index {
    /// Builds the index, reporting codes that more than one file claims.
    /// Files that failed to parse still count as existing, under their file names, so a broken
    /// file is reported once rather than again at every reference to it.
    pub fn new(
        codes: &Loaded<CodeFile>,
        classes: &Loaded<ClassFile>,
        comparisons: &Loaded<CompareFile>,
        guides: &Loaded<GuideMeta>,
        headers: &Loaded<HeaderEntryFile>,
        diags: &mut Diagnostics,
    ) -> Index {
        // Keyed by the number as written, so that two files claiming 600 are reported too.
        let mut claimed: BTreeMap<u16, &Parsed<CodeFile>> = BTreeMap::new();
        for draft in &codes.drafts {
            if let Some(first) = claimed.get(&draft.meta.code.0) {
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
                claimed.insert(draft.meta.code.0, draft);
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
        let named_codes = stems(codes).filter_map(|s| s.parse().ok());
        Index {
            codes: Known {
                names: (claimed.into_keys().chain(named_codes))
                    .filter_map(StatusCode::new)
                    .collect(),
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
            headers: Known {
                names: stems(headers).cloned().collect(),
                complete: headers.complete,
            },
        }
    }

    /// Whether `code` has an entry (or may have one: see [`Known::may_contain`]).
    pub fn has_code(&self, code: StatusCode) -> bool {
        self.codes.may_contain(&code)
    }

    /// Whether `class` has an overview (or may have one).
    pub fn has_class(&self, class: Class) -> bool {
        self.classes.may_contain(&class)
    }

    /// What to do about a reference to a code that has no entry.
    pub fn code_hint(&self, wrong: &str) -> String {
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
            Route::Header(slug) => self.headers.may_contain(&(*slug).to_owned()),
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
            Kind::Header => (
                format!("link to unknown header field `{target}`"),
                slug_hint(&self.headers.names).or_else(|| {
                    Some(format!(
                        "write the field name in lower case, and add content/headers/{}.md if it has no entry",
                        target.to_ascii_lowercase()
                    ))
                }),
            ),
            Kind::Practice => (
                format!("link to unknown practice scenario `{target}`"),
                None,
            ),
        };
        Resolution::Broken { message, hint }
    }
}
