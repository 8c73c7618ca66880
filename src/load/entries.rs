//! Every kind's files as read, before their fields are checked: what the steps that look across
//! kinds go through, one [`Kind`] at a time, with a `match` that names every kind, so that a new
//! kind is a compile error in each of them until it is taught there ([`Entries::stems`] for the
//! entry index, [`super::citations::check`] for citations).

use std::path::Path;

use super::decide::{self, LoadedTrees};
use super::{Loaded, Markdown, load_folder};
use crate::diagnostics::Diagnostics;
use crate::model::GuideMeta;
use crate::model::file::{ClassFile, CodeFile, CompareFile, HeaderEntryFile};
use crate::routes::Kind;

/// The parsed drafts (and the names of the files that did not parse) of each kind read before
/// the cross-entry checks. Practice scenarios are read later, once the spec indexes are loaded.
pub(crate) struct Entries {
    pub codes: Loaded<CodeFile>,
    pub classes: Loaded<ClassFile>,
    pub comparisons: Loaded<CompareFile>,
    pub guides: Loaded<GuideMeta>,
    pub headers: Loaded<HeaderEntryFile>,
    pub trees: LoadedTrees,
}

impl Entries {
    /// Reads every kind's folder under `root`, in the route table's order.
    pub fn load(root: &Path, cache: Option<&super::cache::Cache>, diags: &mut Diagnostics) -> Self {
        fn markdown<M>(kind: Kind, cache: Option<&super::cache::Cache>) -> Markdown<'_, M> {
            let meta = std::marker::PhantomData;
            Markdown { kind, cache, meta }
        }
        Entries {
            codes: load_folder(root, &markdown(Kind::Code, cache), diags),
            classes: load_folder(root, &markdown(Kind::Class, cache), diags),
            comparisons: load_folder(root, &markdown(Kind::Compare, cache), diags),
            trees: load_folder(root, &decide::TreeFolder, diags),
            guides: load_folder(root, &markdown(Kind::Guide, cache), diags),
            headers: load_folder(root, &markdown(Kind::Header, cache), diags),
        }
    }

    /// The file stems of `kind` that internal links may name, parsed or not, and whether its
    /// folder could be listed; `None` for a kind no link scheme names.
    pub fn stems(&self, kind: Kind) -> Option<(Vec<&String>, bool)> {
        fn of<M>(loaded: &Loaded<M>) -> (Vec<&String>, bool) {
            let parsed = loaded.drafts.iter().map(|d| &d.stem);
            (parsed.chain(&loaded.unparsed).collect(), loaded.complete)
        }
        match kind {
            Kind::Code => Some(of(&self.codes)),
            Kind::Class => Some(of(&self.classes)),
            Kind::Compare => Some(of(&self.comparisons)),
            Kind::Guide => Some(of(&self.guides)),
            Kind::Header => Some(of(&self.headers)),
            // Decision trees and practice scenarios have no link scheme (`Kind::scheme`).
            Kind::Tree | Kind::Practice => None,
        }
    }
}
