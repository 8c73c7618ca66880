//! What `httpref serve` keeps of content loading between rebuilds: each content file's parsed
//! front matter, reused until the watcher reports the file changed, and its rendered body and
//! what the body checks found in it, reused while the text and the answer to each of its internal
//! links are unchanged (the parsing, rendering and checks depend on nothing else).

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostics::{Diagnostic, Diagnostics, Place};
use crate::files::SiteFile;
use crate::markdown::{self, Rendered, Resolution};
use crate::model::LinkSite;
use crate::source::SourceFile;

use super::Parsed;
use super::citations::{Specs, check_links};
use super::validate::Index;
use crate::urls::Urls;

/// Drafts and rendered bodies by content file, kept across loads (see
/// [`super::LoadOptions::cache`]).
#[derive(Default)]
pub struct Cache {
    /// Each file's [`Parsed`] draft of whatever front-matter type its folder has, by the path it
    /// was read from. Its file is not read again until [`Cache::forget`] names it.
    drafts: Mutex<HashMap<PathBuf, Box<dyn Any + Send>>>,
    bodies: Mutex<HashMap<PathBuf, Arc<Body>>>,
    /// What links last resolved against (see [`Epoch`]).
    resolving: Mutex<Epoch<(Index, Urls)>>,
    /// What section links were last checked against, and what each file's check found.
    citing: Mutex<Epoch<Specs>>,
    cited: Mutex<HashMap<PathBuf, Cited>>,
    /// The repository's history, read once per session: a save does not change it (a commit made
    /// while `serve` runs shows on the next start).
    history: std::sync::OnceLock<crate::history::History>,
}

/// The section-link check of one load: through the cache, when `serve` keeps one.
pub(crate) struct Citing<'a> {
    specs: &'a Specs,
    cache: Option<(&'a Cache, u64)>,
}

impl<'a> Citing<'a> {
    pub fn new(specs: &'a Specs, cache: Option<&'a Cache>) -> Citing<'a> {
        let cache = cache.map(|cache| (cache, cache.specs_epoch(specs)));
        Citing { specs, cache }
    }

    /// Checks the section links in `src` (see [`check_links`]).
    pub fn check(&self, src: &Arc<SourceFile>, diags: &mut Diagnostics) {
        match self.cache {
            Some((cache, epoch)) => {
                diags.extend(cache.cited(src, epoch, |found| check_links(src, self.specs, found)));
            }
            None => check_links(src, self.specs, diags),
        }
    }
}

/// What one load's checks read from the rest of the site, numbered: the number changes whenever
/// a load finds it different from the last load's, so a finding made under one number holds for
/// as long as the number does (under a number that changed and changed back, it is checked anew).
struct Epoch<T> {
    number: u64,
    last: Option<T>,
}

impl<T> Default for Epoch<T> {
    fn default() -> Self {
        Epoch {
            number: 0,
            last: None,
        }
    }
}

impl<T> Epoch<T> {
    /// The number for this load, whose value is the same as the last load's if `same` says so;
    /// `own` makes the value to keep when it is not.
    fn number(&mut self, same: impl FnOnce(&T) -> bool, own: impl FnOnce() -> T) -> u64 {
        if !self.last.as_ref().is_some_and(same) {
            self.number += 1;
            self.last = Some(own());
        }
        self.number
    }
}

/// What the section-link check found in one file's text, and under which [`Epoch`] of the specs.
struct Cited {
    src: Arc<SourceFile>,
    epoch: u64,
    found: Vec<Diagnostic>,
}

impl Cache {
    /// When each file last changed, read from `root`'s history by the first load that asks.
    pub(crate) fn history(&self, root: &std::path::Path) -> crate::history::History {
        self.history
            .get_or_init(|| crate::history::History::read(root))
            .clone()
    }

    /// Forgets the drafts of the files at or below `paths`, which changed (the watcher's report):
    /// they are read again by the next load.
    pub fn forget(&self, paths: &[PathBuf]) {
        let mut drafts = self.drafts.lock().unwrap_or_else(PoisonError::into_inner);
        drafts.retain(|kept, _| !paths.iter().any(|changed| kept.starts_with(changed)));
    }

    /// The kept draft of `file`, if it was parsed under this name and not forgotten since. A
    /// symbolic link is always read again: a change to the file it leads to is reported under
    /// that file's own path.
    pub(crate) fn draft<M: Clone + 'static>(
        &self,
        file: &SiteFile,
        stem: &str,
    ) -> Option<Parsed<M>> {
        if file.linked {
            return None;
        }
        let kept = self.drafts.lock().unwrap_or_else(PoisonError::into_inner);
        let draft = kept.get(&file.path)?.downcast_ref::<Parsed<M>>()?;
        (draft.stem == stem).then(|| draft.clone())
    }

    /// The specs' [`Epoch`] number for this load.
    pub(crate) fn specs_epoch(&self, specs: &Specs) -> u64 {
        (self.citing.lock().unwrap_or_else(PoisonError::into_inner))
            .number(|last| last.checks_links_alike(specs), || specs.clone())
    }

    /// What `check` finds in `src`, or what it found before in the same text under the same
    /// specs `epoch`.
    pub(crate) fn cited(
        &self,
        src: &Arc<SourceFile>,
        epoch: u64,
        check: impl FnOnce(&mut Diagnostics),
    ) -> Vec<Diagnostic> {
        let mut kept = self.cited.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(cited) = kept.get(&src.path).filter(|cited| {
            cited.epoch == epoch && (Arc::ptr_eq(&cited.src, src) || cited.src.text == src.text)
        }) {
            return cited.found.clone();
        }
        let mut found = Diagnostics::default();
        check(&mut found);
        let found: Vec<Diagnostic> = found.into_iter().collect();
        let cited = Cited {
            src: src.clone(),
            epoch,
            found: found.clone(),
        };
        kept.insert(src.path.clone(), cited);
        found
    }

    /// Keeps a draft that parsed.
    pub(crate) fn keep_draft<M: Clone + Send + 'static>(&self, file: &SiteFile, draft: &Parsed<M>) {
        (self.drafts.lock().unwrap_or_else(PoisonError::into_inner))
            .insert(file.path.clone(), Box::new(draft.clone()));
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        write!(f, "Cache({} bodies)", kept.len())
    }
}

/// A resolver's answer about one link destination, in a form that can be compared and kept.
#[derive(Clone, PartialEq)]
enum Answer {
    External,
    Resolved(String),
    InRootLanguage(String, String),
    Broken(String, Option<String>),
}

impl Answer {
    fn of(resolution: Resolution) -> Answer {
        match resolution {
            Resolution::External => Answer::External,
            Resolution::Resolved(href) => Answer::Resolved(href),
            Resolution::InRootLanguage { href, lang } => Answer::InRootLanguage(href, lang),
            Resolution::Broken { message, hint } => Answer::Broken(message, hint),
        }
    }

    fn resolution(&self) -> Resolution {
        match self {
            Answer::External => Resolution::External,
            Answer::Resolved(href) => Resolution::Resolved(href.clone()),
            Answer::InRootLanguage(href, lang) => Resolution::InRootLanguage {
                href: href.clone(),
                lang: lang.clone(),
            },
            Answer::Broken(message, hint) => Resolution::Broken {
                message: message.clone(),
                hint: hint.clone(),
            },
        }
    }
}

/// One file's rendered body and findings, with what they were derived from.
pub(crate) struct Body {
    /// The source file (offsets, lines and front matter all come from its text).
    src: Arc<SourceFile>,
    /// Every destination the renderer asked about, in order, with the answer it got.
    answers: Vec<(String, Answer)>,
    /// The last [`Epoch`] of the index and URLs under which these answers were confirmed.
    confirmed: AtomicU64,
    pub rendered: Arc<Rendered>,
    /// Problems found in the body, in the order they were found.
    pub problems: Vec<Diagnostic>,
    pub links: Arc<Vec<LinkSite>>,
}

/// What renders bodies during one load: internal links resolve against `index` and `urls`.
pub(crate) struct Bodies<'a> {
    index: &'a Index,
    urls: &'a Urls,
    cache: Option<&'a Cache>,
    /// This load's [`Epoch`] number of the index and URLs (0 without a cache).
    epoch: u64,
    /// Each destination's answer in this load: many bodies link to the same entries.
    answers: RefCell<HashMap<String, Answer>>,
}

impl<'a> Bodies<'a> {
    pub fn new(index: &'a Index, urls: &'a Urls, cache: Option<&'a Cache>) -> Bodies<'a> {
        let epoch = cache.map_or(0, |cache| {
            (cache
                .resolving
                .lock()
                .unwrap_or_else(PoisonError::into_inner))
            .number(
                |(i, u)| i == index && u == urls,
                || (index.clone(), urls.clone()),
            )
        });
        Bodies {
            index,
            urls,
            cache,
            epoch,
            answers: RefCell::default(),
        }
    }

    /// Renders `draft`'s body and checks it (broken links, examples, `check_body`), or takes
    /// the kept result when the file's text and every link's answer are unchanged.
    pub fn render<F>(
        &self,
        draft: &Parsed<F>,
        check_body: fn(&Parsed<F>, &Rendered, &mut Diagnostics),
    ) -> Arc<Body> {
        let answer = |dest: &str| {
            if let Some(answer) = self.answers.borrow().get(dest) {
                return answer.clone();
            }
            let answer = Answer::of(self.index.resolve(dest, self.urls));
            (self.answers.borrow_mut()).insert(dest.to_owned(), answer.clone());
            answer
        };
        body(self.cache, self.epoch, draft, &answer, check_body)
    }
}

/// `draft`'s body: kept if its text is unchanged and its links' answers were confirmed under
/// `epoch` or are confirmed now (then they are marked confirmed under `epoch`), else rendered.
fn body<F>(
    cache: Option<&Cache>,
    epoch: u64,
    draft: &Parsed<F>,
    answer: &dyn Fn(&str) -> Answer,
    check_body: fn(&Parsed<F>, &Rendered, &mut Diagnostics),
) -> Arc<Body> {
    let path = &draft.src.path;
    if let Some(cache) = cache {
        let kept = cache.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(body) = kept.get(path).filter(|body| {
            (Arc::ptr_eq(&body.src, &draft.src) || body.src.text == draft.src.text)
                && (body.confirmed.load(Ordering::Relaxed) == epoch
                    || (body.answers.iter()).all(|(dest, kept)| answer(dest) == *kept))
        }) {
            body.confirmed.store(epoch, Ordering::Relaxed);
            return body.clone();
        }
    }
    let answers = RefCell::new(Vec::new());
    let (rendered, broken) = markdown::render(draft.body(), &|dest| {
        let answer = answer(dest);
        let resolution = answer.resolution();
        (answers.borrow_mut()).push((dest.to_owned(), answer));
        resolution
    });
    let mut diags = Diagnostics::default();
    for link in broken {
        diags.push(
            draft
                .src
                .diagnostic_at(draft.body_start + link.offset, link.message)
                .hint_opt(link.hint),
        );
    }
    let links = (rendered.links.iter())
        .map(|link| LinkSite {
            href: link.href.clone(),
            place: Place::of(&draft.src.diagnostic_at(draft.body_start + link.offset, "")),
        })
        .collect::<Vec<_>>()
        .into();
    crate::examples::check_body(&draft.src, draft.body_start, &rendered, &mut diags);
    check_body(draft, &rendered, &mut diags);
    let body = Arc::new(Body {
        src: draft.src.clone(),
        answers: answers.into_inner(),
        confirmed: AtomicU64::new(epoch),
        rendered: Arc::new(rendered),
        problems: diags.into_iter().collect(),
        links,
    });
    if let Some(cache) = cache {
        (cache.bodies.lock().unwrap_or_else(PoisonError::into_inner))
            .insert(path.clone(), body.clone());
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::GuideMeta;

    fn no_check(_: &Parsed<GuideMeta>, _: &Rendered, _: &mut Diagnostics) {}

    fn site_file(root: &std::path::Path) -> SiteFile {
        let path = root.join("guide.md");
        SiteFile {
            display: "guide.md".into(),
            rel: "guide.md".into(),
            linked: false,
            path,
        }
    }

    fn draft(root: &std::path::Path, body: &str) -> Parsed<GuideMeta> {
        let file = site_file(root);
        std::fs::write(
            &file.path,
            format!("---\ntitle: T\nsummary: S\n---\n{body}"),
        )
        .unwrap();
        super::super::load_file(root, &file, "guide", None).unwrap()
    }

    #[test]
    fn a_kept_body_is_reused_only_while_its_text_and_link_answers_hold() {
        let root = tempfile::tempdir().unwrap();
        let cache = Cache::default();
        let calls = RefCell::new(0);
        let resolved = |_: &str| {
            *calls.borrow_mut() += 1;
            Answer::Resolved("/codes/418/".into())
        };
        let broken = |_: &str| Answer::Broken("no such code".into(), None);
        let linked = draft(root.path(), "See [418](code:418).\n");

        let first = body(Some(&cache), 1, &linked, &resolved, no_check);
        assert!(first.rendered.html.contains("href=\"/codes/418/\""));
        assert!(first.problems.is_empty());
        assert_eq!(*calls.borrow(), 1);
        // Same text, same index (epoch): the kept body itself, without asking again.
        let again = body(Some(&cache), 1, &linked, &resolved, no_check);
        assert!(Arc::ptr_eq(&first.rendered, &again.rendered));
        assert_eq!(*calls.borrow(), 1);
        // Another index that answers alike: asked once more, then kept.
        let alike = body(Some(&cache), 2, &linked, &resolved, no_check);
        assert!(Arc::ptr_eq(&first.rendered, &alike.rendered));
        assert_eq!(*calls.borrow(), 2);

        // The link's target went away: the unchanged text is rendered again and reported.
        let gone = body(Some(&cache), 3, &linked, &broken, no_check);
        assert_eq!(gone.problems.len(), 1);
        assert_eq!(gone.problems[0].message, "no such code");
        // And came back under a later index: rendered again, not taken from before.
        let back = body(Some(&cache), 4, &linked, &resolved, no_check);
        assert!(back.problems.is_empty());

        // The text changed: rendered again.
        let edited = draft(root.path(), "See [the teapot](code:418).\n");
        let changed = body(Some(&cache), 4, &edited, &resolved, no_check);
        assert!(changed.rendered.html.contains("the teapot"));
        assert!(!Arc::ptr_eq(&first.rendered, &changed.rendered));
    }

    #[test]
    fn a_kept_draft_is_reused_until_its_file_is_forgotten() {
        let root = tempfile::tempdir().unwrap();
        let file = site_file(root.path());
        let cache = Cache::default();
        let load =
            || super::super::load_file::<GuideMeta>(root.path(), &file, "guide", Some(&cache));
        std::fs::write(&file.path, "---\ntitle: First\nsummary: S\n---\nBody.\n").unwrap();
        assert_eq!(load().unwrap().meta.title, "First");
        assert!(cache.draft::<GuideMeta>(&file, "guide").is_some());
        assert!(cache.draft::<GuideMeta>(&file, "other").is_none());
        let linked = SiteFile {
            linked: true,
            ..site_file(root.path())
        };
        assert!(
            cache.draft::<GuideMeta>(&linked, "guide").is_none(),
            "a symbolic link is always read again"
        );

        // Until the watcher names the file, its text is not read again.
        std::fs::write(&file.path, "---\ntitle: Second\nsummary: S\n---\nBody.\n").unwrap();
        assert_eq!(load().unwrap().meta.title, "First");
        cache.forget(std::slice::from_ref(&file.path));
        assert_eq!(load().unwrap().meta.title, "Second");

        // Naming a folder forgets every file below it.
        std::fs::write(&file.path, "---\ntitle: [\n---\n").unwrap();
        cache.forget(&[root.path().to_path_buf()]);
        assert!(
            load().is_err(),
            "a broken save is parsed, and reported, again"
        );
        assert!(cache.draft::<GuideMeta>(&file, "guide").is_none());
    }

    #[test]
    fn an_epoch_changes_whenever_its_value_does_even_back_to_an_earlier_one() {
        let mut epoch = Epoch::default();
        let mut number = |value: u8| epoch.number(|last| *last == value, || value);
        assert_eq!(number(1), 1);
        assert_eq!(number(1), 1);
        assert_eq!(number(2), 2);
        assert_eq!(
            number(1),
            3,
            "findings made under 1 before are not trusted again"
        );
    }

    #[test]
    fn citation_findings_are_kept_only_for_the_same_text_under_the_same_specs() {
        let cache = Cache::default();
        let calls = std::cell::Cell::new(0);
        let check = |found: &mut Diagnostics| {
            calls.set(calls.get() + 1);
            found.push(Diagnostic::at_file("a.md", "the link text does not match"));
        };
        let src = |text: &str| Arc::new(SourceFile::new("a.md", text));
        let first =
            src("[RFC 9110 §15.5.5](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4)");
        assert_eq!(cache.cited(&first, 1, check).len(), 1);
        assert_eq!(
            cache.cited(&first, 1, check).len(),
            1,
            "kept findings are given again"
        );
        assert_eq!(calls.get(), 1);
        cache.cited(&first, 2, check);
        assert_eq!(calls.get(), 2, "the specs changed: checked again");
        cache.cited(&src("edited"), 2, check);
        assert_eq!(calls.get(), 3, "the text changed: checked again");
    }
}
