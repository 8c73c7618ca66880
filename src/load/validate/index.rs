//! What exists, so that references between entries can be checked and internal links
//! (`code:404`, `class:4xx`, `compare:…`, `guide:…`, `header:…`) resolved to URLs.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::load::{Entries, Parsed};
use crate::markdown::Resolution;
use crate::model::file::CodeFile;
use crate::model::{Class, StatusCode};
use crate::routes::Kind;
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
    /// Codes by number: those a file claims, and those a file is named after.
    codes: Known<StatusCode>,
    /// The file stems of every other kind that links can name (see [`Entries::stems`]).
    stems: BTreeMap<Kind, Known<String>>,
}

impl Index {
    /// Builds the index, reporting codes that more than one file claims.
    /// Files that failed to parse still count as existing, under their file names, so a broken
    /// file is reported once rather than again at every reference to it.
    pub fn new(entries: &Entries, diags: &mut Diagnostics) -> Index {
        let codes = &entries.codes;
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
        let mut stems = BTreeMap::new();
        for &kind in Kind::ALL {
            if let Some((names, complete)) = entries.stems(kind) {
                let names = names.into_iter().cloned().collect();
                stems.insert(kind, Known { names, complete });
            }
        }
        // A file named after a code stands for it even when its front matter is broken or
        // claims another number; that problem is reported on the file itself.
        let named_codes = (stems.get(&Kind::Code).into_iter())
            .flat_map(|known| &known.names)
            .filter_map(|s| s.parse().ok());
        Index {
            codes: Known {
                names: (claimed.into_keys().chain(named_codes))
                    .filter_map(StatusCode::new)
                    .collect(),
                complete: codes.complete,
            },
            stems,
        }
    }

    /// The entries of `kind` by file stem (none for a kind links cannot name).
    fn known(&self, kind: Kind) -> Option<&Known<String>> {
        self.stems.get(&kind)
    }

    /// Whether `code` has an entry (or may have one: see [`Known::may_contain`]).
    pub fn has_code(&self, code: StatusCode) -> bool {
        self.codes.may_contain(&code)
    }

    /// Whether `class` has an overview (or may have one).
    pub fn has_class(&self, class: Class) -> bool {
        self.has(Kind::Class, &class.slug())
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
        match kind.route(target).filter(|_| self.has(kind, target)) {
            Some(route) => {
                let href = urls.route(route) + &fragment;
                match urls.fallback_language(route) {
                    Some(lang) => Resolution::InRootLanguage {
                        href,
                        lang: lang.to_owned(),
                    },
                    None => Resolution::Resolved(href),
                }
            }
            None => self.broken_link(kind, target),
        }
    }

    /// Whether the entry of `kind` a link names exists (or may: its file is broken and
    /// reported apart).
    fn has(&self, kind: Kind, target: &str) -> bool {
        match kind {
            Kind::Code => StatusCode::parse(target).is_some_and(|code| self.has_code(code)),
            Kind::Class | Kind::Compare | Kind::Guide | Kind::Header => self
                .known(kind)
                .is_some_and(|known| known.may_contain(&target.to_owned())),
            // No link scheme names them (see `Kind::scheme`).
            Kind::Tree | Kind::Practice => false,
        }
    }

    fn broken_link(&self, kind: Kind, target: &str) -> Resolution {
        let slug_hint = |kind: Kind| {
            let names = self.known(kind).into_iter().flat_map(|k| &k.names);
            did_you_mean(target, names.map(String::as_str)).map(|m| format!("did you mean `{m}`?"))
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
                slug_hint(Kind::Compare),
            ),
            Kind::Guide => (
                format!("link to unknown guide `{target}`"),
                slug_hint(Kind::Guide),
            ),
            Kind::Tree => (format!("link to unknown decision tree `{target}`"), None),
            Kind::Header => (
                format!("link to unknown header field `{target}`"),
                slug_hint(Kind::Header).or_else(|| {
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
