//! The one loop that reads a kind's folder under `content/` ([`load_folder`]), and what each
//! kind tells it through [`Folder`]: which files belong and how one is read.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::{Parsed, cache, load_file};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::files::{self, SiteFile};
use crate::model::StatusCode;
use crate::routes::Kind;

/// The files of one content folder: those that parsed, and the names of those that did not
/// (they still exist, so references to them are not reported a second time).
pub(crate) struct LoadedFolder<D> {
    pub drafts: Vec<D>,
    pub unparsed: Vec<String>,
    /// False when the folder could not be listed: then nobody knows which entries exist, and
    /// references to this kind are not checked (the folder itself is reported, once).
    pub complete: bool,
}

/// A folder of Markdown entries, as loaded: their drafts keep the front matter `M`.
pub(crate) type Loaded<M> = LoadedFolder<Parsed<M>>;

/// Whether `dir` can be listed. A missing folder simply holds no entries; a folder that exists
/// but cannot be listed (not a folder, no permission, a broken link) is reported once, here.
pub(crate) fn folder_is_listable(root: &Path, dir: &Path, diags: &mut Diagnostics) -> bool {
    let problem = match std::fs::metadata(dir) {
        Err(_) if std::fs::symlink_metadata(dir).is_err() => return true,
        Err(e) => format!("cannot read folder: {e}"),
        Ok(meta) if !meta.is_dir() => "this is not a folder".to_owned(),
        Ok(_) => match std::fs::read_dir(dir) {
            Ok(_) => return true,
            Err(e) => format!("cannot read folder: {e}"),
        },
    };
    diags.push(
        Diagnostic::at_file(display_path(root, dir), problem)
            .expected("a folder of content files that httpref can list")
            .hint("make it a readable folder (or remove it); until then, links and references to its entries are not checked"),
    );
    false
}

/// One kind's folder as [`load_folder`] reads it: which files belong in it and how one is read.
/// Every kind's files go through the same loop, so a folder is listed, walked and reported alike.
pub(crate) trait Folder {
    /// What a file that was read and parsed becomes.
    type Draft;
    /// The kind whose folder this is.
    fn kind(&self) -> Kind;
    /// How deep the walk goes (`None`: into every subfolder).
    fn depth(&self) -> Option<usize>;
    /// The file-name ending of this kind's files, cut off to give the stem.
    fn suffix(&self) -> &'static str;
    /// The problem reported for a file without [`Folder::suffix`].
    fn unexpected(&self, file: &SiteFile) -> Diagnostic;
    /// Reads and parses one file (`stem` is its name without the suffix); problems that do not
    /// stop it from being a draft go to `diags`.
    fn read(
        &self,
        root: &Path,
        file: &SiteFile,
        stem: &str,
        diags: &mut Diagnostics,
    ) -> Result<Self::Draft, Vec<Diagnostic>>;
}

/// Reads and parses every file in a kind's folder under `content/`, in a fixed (sorted) order.
pub(crate) fn load_folder<F: Folder>(
    root: &Path,
    folder: &F,
    diags: &mut Diagnostics,
) -> LoadedFolder<F::Draft> {
    let dir = crate::layout::SiteLayout::new(root).kind_dir(folder.kind());
    let mut loaded = LoadedFolder {
        drafts: Vec::new(),
        unparsed: Vec::new(),
        complete: folder_is_listable(root, &dir, diags),
    };
    if !loaded.complete {
        return loaded;
    }
    for file in files::walk(root, &dir, folder.depth(), diags) {
        let Some(stem) = file.name().strip_suffix(folder.suffix()) else {
            diags.push(folder.unexpected(&file));
            continue;
        };
        match folder.read(root, &file, stem, diags) {
            Ok(draft) => loaded.drafts.push(draft),
            Err(problems) => {
                diags.extend(problems);
                loaded.unparsed.push(stem.to_owned());
            }
        }
    }
    loaded
}

/// A folder of Markdown entries with front matter of type `M`.
pub(crate) struct Markdown<'a, M> {
    pub kind: Kind,
    pub cache: Option<&'a cache::Cache>,
    pub meta: std::marker::PhantomData<M>,
}

impl<M: DeserializeOwned + Clone + Send + 'static> Folder for Markdown<'_, M> {
    type Draft = Parsed<M>;

    fn kind(&self) -> Kind {
        self.kind
    }

    fn depth(&self) -> Option<usize> {
        None
    }

    fn suffix(&self) -> &'static str {
        ".md"
    }

    fn unexpected(&self, file: &SiteFile) -> Diagnostic {
        Diagnostic::at_file(&file.display, "unexpected file in a content folder")
            .expected("Markdown files ending in `.md`")
            .hint("rename it to end in .md, or move it out of content/")
    }

    fn read(
        &self,
        root: &Path,
        file: &SiteFile,
        stem: &str,
        _: &mut Diagnostics,
    ) -> Result<Parsed<M>, Vec<Diagnostic>> {
        load_file(root, file, stem, self.cache).map_err(|mut problems| {
            if self.kind == Kind::Code {
                name_the_code(&mut problems, stem);
            }
            problems
        })
    }
}

/// A code entry whose `code` is not a status code: its file name says which code it should be.
fn name_the_code(problems: &mut [Diagnostic], stem: &str) {
    if StatusCode::parse(stem).is_none() {
        return;
    }
    for d in problems.iter_mut().filter(|d| {
        d.field.as_deref() == Some("code") && d.expected.as_deref() == Some(StatusCode::EXPECTED)
    }) {
        d.expected = Some(format!("{}, matching the file name", StatusCode::EXPECTED));
        d.hint = Some(format!("this file is {stem}.md, so write `code: {stem}`"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_empty_and_an_unlistable_one_is_reported_once() {
        let root = tempfile::tempdir().unwrap();
        let content = crate::layout::SiteLayout::new(root.path()).content();
        std::fs::create_dir_all(content.join("guides")).unwrap();
        std::fs::write(content.join("compare"), "a file").unwrap();
        let mut diags = Diagnostics::default();
        assert!(folder_is_listable(
            root.path(),
            &content.join("guides"),
            &mut diags
        ));
        assert!(folder_is_listable(
            root.path(),
            &content.join("codes"),
            &mut diags
        ));
        assert!(diags.is_empty());
        assert!(!folder_is_listable(
            root.path(),
            &content.join("compare"),
            &mut diags
        ));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("nowhere", content.join("decide")).unwrap();
            assert!(!folder_is_listable(
                root.path(),
                &content.join("decide"),
                &mut diags
            ));
        }
        let found: Vec<String> = diags
            .iter()
            .map(|d| format!("{}: {}", d.path.display(), d.message))
            .collect();
        assert_eq!(found[0], "content/compare: this is not a folder");
        #[cfg(unix)]
        assert!(
            found[1].starts_with("content/decide: cannot read folder:"),
            "{found:?}"
        );
    }
}
