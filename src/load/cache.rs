//! What `httpref serve` keeps of content loading between rebuilds: each content file's parsed
//! front matter, reused until the watcher reports the file changed, and its rendered body and
//! what the body checks found in it, reused while the text and the answer to each of its internal
//! links are unchanged (the parsing, rendering and checks depend on nothing else).

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostics::{Diagnostic, Diagnostics, Place};
use crate::files::SiteFile;
use crate::markdown::{self, Rendered, Resolution};
use crate::model::LinkSite;
use crate::source::SourceFile;

use super::Parsed;
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
}

impl Cache {
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
    Broken(String, Option<String>),
}

impl Answer {
    fn of(resolution: Resolution) -> Answer {
        match resolution {
            Resolution::External => Answer::External,
            Resolution::Resolved(href) => Answer::Resolved(href),
            Resolution::Broken { message, hint } => Answer::Broken(message, hint),
        }
    }

    fn resolution(&self) -> Resolution {
        match self {
            Answer::External => Resolution::External,
            Answer::Resolved(href) => Resolution::Resolved(href.clone()),
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
    /// Each destination's answer in this load: many bodies link to the same entries.
    answers: RefCell<HashMap<String, Answer>>,
}

impl<'a> Bodies<'a> {
    pub fn new(index: &'a Index, urls: &'a Urls, cache: Option<&'a Cache>) -> Bodies<'a> {
        Bodies {
            index,
            urls,
            cache,
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
        body(self.cache, draft, &answer, check_body)
    }
}

fn body<F>(
    cache: Option<&Cache>,
    draft: &Parsed<F>,
    answer: &dyn Fn(&str) -> Answer,
    check_body: fn(&Parsed<F>, &Rendered, &mut Diagnostics),
) -> Arc<Body> {
    let path = &draft.src.path;
    if let Some(cache) = cache {
        let kept = cache.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(body) = kept.get(path).filter(|body| {
            (Arc::ptr_eq(&body.src, &draft.src) || body.src.text == draft.src.text)
                && (body.answers.iter()).all(|(dest, kept)| answer(dest) == *kept)
        }) {
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

        let first = body(Some(&cache), &linked, &resolved, no_check);
        assert!(first.rendered.html.contains("href=\"/codes/418/\""));
        assert!(first.problems.is_empty());
        // Same text, same answer: the kept body itself (one more resolve, to compare answers).
        let again = body(Some(&cache), &linked, &resolved, no_check);
        assert!(Arc::ptr_eq(&first.rendered, &again.rendered));
        assert_eq!(*calls.borrow(), 2);

        // The link's target went away: the unchanged text is rendered again and reported.
        let gone = body(Some(&cache), &linked, &broken, no_check);
        assert_eq!(gone.problems.len(), 1);
        assert_eq!(gone.problems[0].message, "no such code");

        // The text changed: rendered again.
        let edited = draft(root.path(), "See [the teapot](code:418).\n");
        let changed = body(Some(&cache), &edited, &resolved, no_check);
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
}
