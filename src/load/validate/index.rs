//! What exists, so that references between entries can be checked and internal links
//! (`code:404`, `class:4xx`, `compare:…`, `guide:…`) resolved to URLs.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::load::{Draft, Loaded};
use crate::markdown::{INTERNAL_SCHEMES, Resolution};
use crate::model::file::{ClassFile, CodeFile, CompareFile};
use crate::model::{Class, GuideMeta, StatusCode};
use crate::urls::Urls;

use super::key;

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
        codes: &Loaded<CodeFile>,
        classes: &Loaded<ClassFile>,
        comparisons: &Loaded<CompareFile>,
        guides: &Loaded<GuideMeta>,
        diags: &mut Diagnostics,
    ) -> Index {
        // Keyed by the number as written, so that two files claiming 600 are reported too.
        let mut claimed: BTreeMap<u16, &Draft<CodeFile>> = BTreeMap::new();
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

    /// Turns an internal link shorthand into a URL, or says why it is broken.
    pub fn resolve(&self, dest: &str, urls: &Urls) -> Resolution {
        let Some(scheme) = INTERNAL_SCHEMES.iter().find(|s| dest.starts_with(**s)) else {
            return Resolution::External;
        };
        let rest = &dest[scheme.len()..];
        let (target, fragment) = match rest.split_once('#') {
            Some((t, f)) => (t, format!("#{f}")),
            None => (rest, String::new()),
        };
        let broken = |message: String, hint: Option<String>| Resolution::Broken { message, hint };
        let url = match *scheme {
            "code:" => match target.parse().ok().and_then(StatusCode::new) {
                Some(code) if self.codes.may_contain(&code) => urls.code(code),
                _ => {
                    return broken(
                        format!("link to unknown code `{target}`"),
                        Some(self.code_hint(target)),
                    );
                }
            },
            "class:" => match Class::from_slug(target) {
                Some(class) if self.classes.may_contain(&class) => urls.class(class),
                _ => {
                    return broken(
                        format!("link to unknown class `{target}`"),
                        Some("use 1xx, 2xx, 3xx, 4xx or 5xx".into()),
                    );
                }
            },
            "compare:" if self.comparisons.may_contain(&target.to_owned()) => urls.compare(target),
            "compare:" => {
                let hint = did_you_mean(target, self.comparisons.names.iter().map(String::as_str))
                    .map(|m| format!("did you mean `{m}`?"));
                return broken(format!("link to unknown comparison `{target}`"), hint);
            }
            "guide:" if self.guides.may_contain(&target.to_owned()) => urls.guide(target),
            _ => {
                let hint = did_you_mean(target, self.guides.names.iter().map(String::as_str))
                    .map(|m| format!("did you mean `{m}`?"));
                return broken(format!("link to unknown guide `{target}`"), hint);
            }
        };
        Resolution::Resolved(url + &fragment)
    }
}
