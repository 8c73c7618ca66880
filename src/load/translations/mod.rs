//! Translations (`translations:` in `content/site.yaml`): each language's files under
//! `content/<lang>/`, read ([`read`]), checked against the English entries they translate (their
//! keys and list lengths, and the structure of their Markdown, [`structure`]) and laid over a
//! copy of the English site ([`entries`] for the Markdown kinds, [`decide`] for trees and
//! practice), with the state of each against its English file ([`drift`]). A translation file
//! carries words only: every fact stays the English entry's.
//!
//! Translations are read once the English site has loaded without a problem: they are checked
//! against it.

mod decide;
mod drift;
mod entries;
mod read;
mod structure;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(crate) use drift::blob_id;

use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean, display_path};
use crate::load::Parsed;
use crate::load::validate::Index;
use crate::load::yaml::Seg;
use crate::markdown::{self, Rendered};
use crate::model::translation::{PageState, Translation};
use crate::model::{LinkSite, Site, TranslationConfig};
use crate::routes::Kind;
use crate::urls::Urls;
use read::{EnglishFiles, Sourced};

fn key(k: &str) -> Seg {
    Seg::Key(k.to_owned())
}

/// Reads, checks and builds each language of `translations:` into `site.translations`.
pub(crate) fn attach(
    root: &Path,
    site: &mut Site,
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
) {
    stray_folders(root, &site.config.translations, diags);
    let english = english_files(site);
    let translations = (site.config.translations.iter())
        .map(|config| {
            let files = read::language(root, &config.code, &english, diags);
            // Links in the language's bodies lead to its own pages, or to English where it has none.
            let sources = files.english_sources();
            let untranslated = crate::model::translation::untranslated_routes(site, |source| {
                sources.contains(source)
            });
            let urls = urls.in_language(&config.code, &site.config.language, untranslated);
            let mut overlay = Overlay {
                root,
                lang: &config.code,
                index,
                urls: &urls,
                english: site,
                site: site.clone(),
                pages: BTreeMap::new(),
                files: BTreeMap::new(),
                warnings: Vec::new(),
            };
            entries::apply(&mut overlay, &files, diags);
            decide::apply(&mut overlay, &files, diags);
            overlay.finish(config)
        })
        .collect();
    site.translations = translations;
}

/// Each kind's English files, by stem.
fn english_files(site: &Site) -> EnglishFiles {
    fn by_stem<'a>(sources: impl Iterator<Item = &'a PathBuf>) -> BTreeMap<String, PathBuf> {
        sources
            .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p.clone())))
            .collect()
    }
    let mut files = EnglishFiles::new();
    for &kind in Kind::ALL {
        let sources = match kind {
            Kind::Code => by_stem(site.codes.values().map(|p| &p.source)),
            Kind::Class => by_stem(site.classes.values().map(|p| &p.source)),
            Kind::Compare => by_stem(site.comparisons.values().map(|p| &p.source)),
            Kind::Guide => by_stem(site.guides.values().map(|p| &p.source)),
            Kind::Header => by_stem(site.headers.values().map(|p| &p.source)),
            Kind::Tree => by_stem(site.trees.0.values().map(|t| &t.source)),
            Kind::Practice => by_stem(site.practice.values().map(|s| &s.source)),
        };
        files.insert(kind, sources);
    }
    files
}

/// Folders under `content/` named like a language that `translations:` does not list: their
/// files would be silently left out.
fn stray_folders(root: &Path, languages: &[TranslationConfig], diags: &mut Diagnostics) {
    let content = crate::layout::SiteLayout::new(root).content();
    let Ok(listing) = std::fs::read_dir(&content) else {
        return;
    };
    let mut names: Vec<String> = (listing.flatten())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let codes = || languages.iter().map(|l| l.code.as_str());
    for name in names {
        let kind_folder = Kind::ALL.iter().any(|k| k.folder() == name);
        if kind_folder
            || !crate::load::validate::site::is_language_tag(&name)
            || codes().any(|c| c == name)
        {
            continue;
        }
        let hint = match did_you_mean(&name, codes()) {
            Some(code) => format!(
                "did you mean content/{code}/? Otherwise add `- {{code: {name}, description: ...}}` to `translations:`"
            ),
            None => format!(
                "add `- {{code: {name}, description: ...}}` to `translations:` in content/site.yaml, or remove the folder"
            ),
        };
        diags.push(
            Diagnostic::at_file(
                display_path(root, &content.join(&name)),
                format!("`{name}` is not a language of the site: its translations are not read"),
            )
            .expected("a folder for each language listed in `translations:`")
            .hint(hint),
        );
    }
}

/// One language being laid over a copy of the English site.
pub(super) struct Overlay<'a> {
    root: &'a Path,
    lang: &'a str,
    index: &'a Index,
    urls: &'a Urls,
    english: &'a Site,
    site: Site,
    pages: BTreeMap<PathBuf, PageState>,
    files: BTreeMap<PathBuf, PathBuf>,
    warnings: Vec<Diagnostic>,
}

impl Overlay<'_> {
    fn finish(self, config: &TranslationConfig) -> Translation {
        Translation {
            config: config.clone(),
            site: self.site,
            pages: self.pages,
            files: self.files,
            warnings: self.warnings,
        }
    }

    /// Records that `draft` translates `english`, and how it stands against the English file
    /// as it is now (an outdated one is warned about at its `source:`).
    fn track<M: Sourced>(&mut self, draft: &Parsed<M>, english: &Path, diags: &mut Diagnostics) {
        let bytes = crate::files::read(
            self.root,
            &self.root.join(english),
            crate::files::MAX_TEXT_BYTES,
        );
        let current = match bytes {
            Ok(bytes) => blob_id(&bytes),
            Err(problem) => return diags.push(problem),
        };
        let state = drift::state(
            &self.english.history,
            english,
            draft.meta.source(),
            &current,
        );
        if let PageState::Outdated { since, .. } = &state {
            let at = draft.at(&[key("source")], "");
            (self.warnings).push(drift::warning(
                at,
                english,
                &draft.src.path,
                since.as_deref(),
                self.lang,
            ));
        }
        self.pages.insert(english.to_owned(), state);
        self.files
            .insert(english.to_owned(), draft.src.path.clone());
    }

    /// Renders Markdown `text` of a translation with the English headings' ids, reporting what
    /// the Markdown pass refuses and how it departs from `english` (`at` places a byte offset of
    /// `text`).
    fn markdown(
        &self,
        text: &str,
        english: &Rendered,
        at: structure::At,
        diags: &mut Diagnostics,
    ) -> Rendered {
        let resolve = |dest: &str| self.index.resolve(dest, self.urls);
        let (rendered, problems) = markdown::render_with_ids(text, &resolve, &english.headings);
        for problem in problems {
            diags.push(at(problem.offset, problem.message).hint_opt(problem.hint));
        }
        // Links are compared as English addresses: `/es/codes/404/` is the same link as `/codes/404/`.
        let as_english = Rendered {
            links: (rendered.links.iter())
                .map(|link| markdown::BodyLink {
                    href: self.urls.to_root(&link.href),
                    ..link.clone()
                })
                .collect(),
            ..rendered.clone()
        };
        structure::compare(english, &as_english, text.len(), at, diags);
        rendered
    }

    /// A translated body, its links recorded under the English file for `check`'s link report.
    fn body<M>(
        &mut self,
        draft: &Parsed<M>,
        english: &Rendered,
        source: &Path,
        diags: &mut Diagnostics,
    ) -> Arc<Rendered> {
        let at = |offset: usize, message: String| {
            (draft.src).diagnostic_at(draft.body_start + offset, message)
        };
        let rendered = self.markdown(draft.body(), english, &at, diags);
        let sites = (rendered.links.iter())
            .map(|link| LinkSite {
                href: link.href.clone(),
                place: Place::of(&at(link.offset, String::new())),
            })
            .collect::<Vec<_>>();
        self.site.links.insert(source.to_owned(), Arc::new(sites));
        Arc::new(rendered)
    }
}

/// An optional text the translation must give exactly when the English entry does: the
/// translation's, or the English one where it is missing (reported at `parent`).
fn paired(
    draft_at: &dyn Fn(&[Seg], String) -> Diagnostic,
    path: &[Seg],
    english: Option<&String>,
    translated: Option<&String>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let field = crate::load::yaml::field_name(path);
    match (english, translated) {
        (Some(_), Some(t)) => Some(t.clone()),
        (None, None) => None,
        (Some(e), None) => {
            let parent = &path[..path.len().saturating_sub(1)];
            diags.push(
                draft_at(
                    parent,
                    format!("`{field}` is missing: the English entry has it"),
                )
                .expected(format!(
                    "the translation of \"{}\"",
                    crate::printable::one_line(e)
                ))
                .hint("every language field the English entry has is translated"),
            );
            Some(e.clone())
        }
        (None, Some(_)) => {
            diags.push(
                draft_at(path, format!("the English entry has no `{field}`"))
                    .hint("remove it: a translation has the English entry's fields and no others"),
            );
            None
        }
    }
}

/// Checks that a list of keyed items (header rules by name, vendor uses by vendor) names the
/// English entry's items in the English order; whether it does.
fn keyed(
    draft_at: &dyn Fn(&[Seg], String) -> Diagnostic,
    (list, key_field, what): (&str, &str, &str),
    english: &[&str],
    translated: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    let before = diags.len();
    let order = english
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    for (i, k) in translated.iter().enumerate() {
        if english.get(i) == Some(k) {
            continue;
        }
        let path = [key(list), Seg::Index(i), key(key_field)];
        let d = match english.iter().position(|e| e == k) {
            Some(j) => draft_at(
                &path,
                format!(
                    "`{k}` is the English entry's {what} {}, not {}",
                    j + 1,
                    i + 1
                ),
            ),
            None => draft_at(&path, format!("the English entry has no {what} `{k}`")).hint_opt(
                did_you_mean(k, english.iter().copied()).map(|m| format!("did you mean `{m}`?")),
            ),
        };
        let hint = d.hint.clone().unwrap_or_else(|| {
            "list them as the English entry does: the names are keys, not translated".to_owned()
        });
        diags.push(d.expected(format!("the English order: {order}")).hint(hint));
    }
    if english.len() != translated.len() && diags.len() == before {
        diags.push(
            draft_at(
                &[key(list)],
                format!(
                    "{} {what}s, the English entry has {}",
                    translated.len(),
                    english.len()
                ),
            )
            .expected(format!("the English order: {order}"))
            .hint("translate each of the English entry's items, and no other"),
        );
    }
    diags.len() == before
}
