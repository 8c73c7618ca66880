//! Reading one language's files: each kind's folder under `content/<lang>/`, every file through
//! the site's confined reader and positioned YAML into its translation struct
//! ([`crate::model::file`]), with the same bounds as English files. A file must be named after an
//! English one and say which version of it it translates (`source:`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::drift::is_blob_id;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::files::{self, SiteFile};
use crate::load::yaml::{Seg, Yaml};
use crate::load::{Parsed, load_file};
use crate::model::file::{
    ClassTranslationFile, CodeTranslationFile, HeaderTranslationFile, PageTranslationFile,
    PracticeTranslationFile, TreeTranslationFile,
};
use crate::routes::Kind;
use crate::source::SourceFile;

/// A translation file's `source:`, the version of the English file it translates.
pub(super) trait Sourced {
    fn source(&self) -> &str;
}

macro_rules! sourced {
    ($($t:ty),*) => {$(
        impl Sourced for $t {
            fn source(&self) -> &str {
                &self.source
            }
        }
    )*};
}

sourced!(
    CodeTranslationFile,
    ClassTranslationFile,
    PageTranslationFile,
    HeaderTranslationFile,
    TreeTranslationFile,
    PracticeTranslationFile
);

/// One language's translation files that parsed, by kind, each with its English file's path.
#[derive(Default)]
pub(super) struct Files {
    pub codes: Vec<(Parsed<CodeTranslationFile>, PathBuf)>,
    pub classes: Vec<(Parsed<ClassTranslationFile>, PathBuf)>,
    pub comparisons: Vec<(Parsed<PageTranslationFile>, PathBuf)>,
    pub guides: Vec<(Parsed<PageTranslationFile>, PathBuf)>,
    pub headers: Vec<(Parsed<HeaderTranslationFile>, PathBuf)>,
    pub trees: Vec<(Parsed<TreeTranslationFile>, PathBuf)>,
    pub practice: Vec<(Parsed<PracticeTranslationFile>, PathBuf)>,
}

impl Files {
    /// The English files these translate.
    pub fn english_sources(&self) -> std::collections::BTreeSet<&std::path::Path> {
        fn paths<T>(files: &[(T, PathBuf)]) -> impl Iterator<Item = &std::path::Path> {
            files.iter().map(|(_, english)| english.as_path())
        }
        (paths(&self.codes).chain(paths(&self.classes)))
            .chain(paths(&self.comparisons).chain(paths(&self.guides)))
            .chain(paths(&self.headers).chain(paths(&self.trees)))
            .chain(paths(&self.practice))
            .collect()
    }
}

/// The English files of each kind, by file stem: what a translation file may be named after.
pub(super) type EnglishFiles = BTreeMap<Kind, BTreeMap<String, PathBuf>>;

/// Reads every kind's folder under `content/<lang>/`; a missing folder holds no translations.
pub(super) fn language(
    root: &Path,
    lang: &str,
    english: &EnglishFiles,
    diags: &mut Diagnostics,
) -> Files {
    let mut files = Files::default();
    let none = BTreeMap::new();
    for &kind in Kind::ALL {
        let folder = Folder {
            root,
            lang,
            kind,
            english: english.get(&kind).unwrap_or(&none),
        };
        // Every kind says where its files go: a new kind is a compile error here until it does.
        match kind {
            Kind::Code => files.codes = folder.read(diags),
            Kind::Class => files.classes = folder.read(diags),
            Kind::Compare => files.comparisons = folder.read(diags),
            Kind::Guide => files.guides = folder.read(diags),
            Kind::Header => files.headers = folder.read(diags),
            Kind::Tree => files.trees = folder.read(diags),
            Kind::Practice => files.practice = folder.read(diags),
        }
    }
    files
}

/// One kind's folder of one language.
struct Folder<'a> {
    root: &'a Path,
    lang: &'a str,
    kind: Kind,
    english: &'a BTreeMap<String, PathBuf>,
}

impl Folder<'_> {
    /// The kind's files are YAML (trees, practice) or Markdown with front matter.
    fn suffix(&self) -> &'static str {
        match self.kind {
            Kind::Tree | Kind::Practice => ".yaml",
            Kind::Code | Kind::Class | Kind::Compare | Kind::Guide | Kind::Header => ".md",
        }
    }

    fn read<M: DeserializeOwned + Clone + Send + Sourced + 'static>(
        &self,
        diags: &mut Diagnostics,
    ) -> Vec<(Parsed<M>, PathBuf)> {
        let layout = crate::layout::SiteLayout::new(self.root);
        let dir = layout.content().join(self.lang).join(self.kind.folder());
        if !crate::load::folder_is_listable(self.root, &dir, diags) {
            return Vec::new();
        }
        let mut read = Vec::new();
        for file in files::walk(self.root, &dir, Some(1), diags) {
            let Some(english) = self.english_file(&file, diags) else {
                continue;
            };
            let stem = file.name().strip_suffix(self.suffix()).unwrap_or_default();
            let parsed = match self.suffix() {
                ".md" => load_file::<M>(self.root, &file, stem, None),
                _ => yaml_file::<M>(self.root, &file, stem),
            };
            match parsed {
                Ok(draft) if is_blob_id(draft.meta.source()) => read.push((draft, english)),
                Ok(draft) => diags.push(
                    draft
                        .at(
                            &[Seg::Key("source".into())],
                            format!("`{}` is not a git blob id", draft.meta.source()),
                        )
                        .expected("the blob id of the English file this translates: 40 hexadecimal digits")
                        .hint(format!(
                            "write the output of `git hash-object {}`",
                            english.display()
                        )),
                ),
                Err(problems) => diags.extend(problems),
            }
        }
        read
    }

    /// The English file `file` translates, or `None` (reported) when there is none.
    fn english_file(&self, file: &SiteFile, diags: &mut Diagnostics) -> Option<PathBuf> {
        let folder = format!("content/{}/", self.kind.folder());
        let Some(stem) = file.name().strip_suffix(self.suffix()) else {
            diags.push(
                Diagnostic::at_file(&file.display, "unexpected file in a translation folder")
                    .expected(format!(
                        "translations of the files of {folder}, ending in `{}`",
                        self.suffix()
                    ))
.hint("move it out of the kind folders: notes for translators go at the top of the language's folder, as glossary.md does"),
            );
            return None;
        };
        if let Some(english) = self.english.get(stem) {
            return Some(english.clone());
        }
        let hint = match did_you_mean(stem, self.english.keys().map(String::as_str)) {
            Some(near) => format!(
                "did you mean {near}{}? A translation takes its English file's name",
                self.suffix()
            ),
            None => format!(
                "a translation takes its English file's name: {folder}<name>{0} is translated in content/{1}/{2}/<name>{0}",
                self.suffix(),
                self.lang,
                self.kind.folder()
            ),
        };
        diags.push(
            Diagnostic::at_file(
                &file.display,
                format!("no English file {folder}{}", file.name()),
            )
            .expected(format!("the name of a file in {folder}"))
            .hint(hint),
        );
        None
    }
}

/// Reads a whole-file YAML translation (a tree, a practice scenario) as a draft whose front
/// matter is the whole file.
fn yaml_file<M: DeserializeOwned>(
    root: &Path,
    file: &SiteFile,
    stem: &str,
) -> Result<Parsed<M>, Vec<Diagnostic>> {
    let src = SourceFile::read(root, &file.path).map_err(|d| vec![d])?;
    let meta = Yaml {
        src: &src,
        text: &src.text,
        offset: 0,
    }
    .parse::<M>()?;
    let end = src.text.len();
    Ok(Parsed {
        meta,
        stem: stem.to_owned(),
        src: Arc::new(src),
        yaml_start: 0,
        yaml_end: end,
        body_start: end,
        fields: Arc::default(),
    })
}
