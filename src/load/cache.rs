//! What `httpref serve` keeps of content loading between rebuilds: each content file's parsed
//! front matter, reused while the file's text is unchanged, and its rendered body and what the
//! body checks found in it, reused while the text and the answer to each of its internal links are
//! unchanged (the parsing, rendering and checks depend on nothing else).

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostics::{Diagnostic, Diagnostics, Place};
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
    /// Each file's [`Draft`] of whatever front-matter type its folder has.
    drafts: Mutex<HashMap<PathBuf, Box<dyn Any + Send>>>,
    bodies: Mutex<HashMap<PathBuf, Body>>,
}

impl Cache {
    /// The kept draft of `src`, if it was parsed from this very text under this name.
    pub(crate) fn draft<M: Clone + 'static>(
        &self,
        src: &SourceFile,
        stem: &str,
    ) -> Option<Parsed<M>> {
        let kept = self.drafts.lock().unwrap_or_else(PoisonError::into_inner);
        let draft = kept.get(&src.path)?.downcast_ref::<Parsed<M>>()?;
        (draft.src.text == src.text && draft.stem == stem).then(|| draft.clone())
    }

    /// Keeps a draft that parsed.
    pub(crate) fn keep_draft<M: Clone + Send + 'static>(&self, draft: &Parsed<M>) {
        (self.drafts.lock().unwrap_or_else(PoisonError::into_inner))
            .insert(draft.src.path.clone(), Box::new(draft.clone()));
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        write!(f, "Cache({} bodies)", kept.len())
    }
}

/// A resolver's answer about one link destination, in a form that can be compared.
#[derive(Clone, PartialEq)]
enum Answer {
    External,
    Resolved(String),
    Broken(String, Option<String>),
}

impl Answer {
    fn of(resolution: &Resolution) -> Answer {
        match resolution {
            Resolution::External => Answer::External,
            Resolution::Resolved(href) => Answer::Resolved(href.clone()),
            Resolution::Broken { message, hint } => Answer::Broken(message.clone(), hint.clone()),
        }
    }
}

/// One file's rendered body and findings, with what they were derived from.
#[derive(Clone)]
pub(crate) struct Body {
    /// The whole source text (offsets, lines and front matter all come from it).
    text: String,
    /// Every destination the renderer asked about, in order, with the answer it got.
    answers: Vec<(String, Answer)>,
    pub rendered: Arc<Rendered>,
    /// Problems found in the body, in the order they were found.
    pub problems: Vec<Diagnostic>,
    pub links: Vec<LinkSite>,
}

/// What renders bodies during one load: internal links resolve against `index` and `urls`.
pub(crate) struct Bodies<'a> {
    pub index: &'a Index,
    pub urls: &'a Urls,
    pub cache: Option<&'a Cache>,
}

impl Bodies<'_> {
    /// Renders `draft`'s body and checks it (broken links, examples, `check_body`), or takes
    /// the kept result when the file's text and every link's answer are unchanged.
    pub fn render<F>(
        &self,
        draft: &Parsed<F>,
        check_body: fn(&Parsed<F>, &Rendered, &mut Diagnostics),
    ) -> Body {
        body(
            self.cache,
            draft,
            &|dest| self.index.resolve(dest, self.urls),
            check_body,
        )
    }
}

fn body<F>(
    cache: Option<&Cache>,
    draft: &Parsed<F>,
    resolve: &dyn Fn(&str) -> Resolution,
    check_body: fn(&Parsed<F>, &Rendered, &mut Diagnostics),
) -> Body {
    let path = &draft.src.path;
    if let Some(cache) = cache {
        let kept = cache.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(body) = kept.get(path).filter(|body| {
            body.text == draft.src.text
                && (body.answers.iter()).all(|(dest, answer)| Answer::of(&resolve(dest)) == *answer)
        }) {
            return body.clone();
        }
    }
    let answers = RefCell::new(Vec::new());
    let (rendered, broken) = markdown::render(draft.body(), &|dest| {
        let resolution = resolve(dest);
        (answers.borrow_mut()).push((dest.to_owned(), Answer::of(&resolution)));
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
        .collect();
    crate::examples::check_body(&draft.src, draft.body_start, &rendered, &mut diags);
    check_body(draft, &rendered, &mut diags);
    let body = Body {
        text: draft.src.text.clone(),
        answers: answers.into_inner(),
        rendered: Arc::new(rendered),
        problems: diags.into_iter().collect(),
        links,
    };
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

    fn draft(root: &std::path::Path, body: &str) -> Parsed<GuideMeta> {
        let path = root.join("guide.md");
        std::fs::write(&path, format!("---\ntitle: T\nsummary: S\n---\n{body}")).unwrap();
        super::super::load_file(root, &path, "guide", None).unwrap()
    }

    #[test]
    fn a_kept_body_is_reused_only_while_its_text_and_link_answers_hold() {
        let root = tempfile::tempdir().unwrap();
        let cache = Cache::default();
        let calls = RefCell::new(0);
        let resolved = |_: &str| {
            *calls.borrow_mut() += 1;
            Resolution::Resolved("/codes/418/".into())
        };
        let broken = |_: &str| Resolution::Broken {
            message: "no such code".into(),
            hint: None,
        };
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
    fn a_kept_draft_is_reused_only_while_its_text_holds() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("guide.md");
        let cache = Cache::default();
        let load =
            || super::super::load_file::<GuideMeta>(root.path(), &path, "guide", Some(&cache));
        std::fs::write(&path, "---\ntitle: First\nsummary: S\n---\nBody.\n").unwrap();
        assert_eq!(load().unwrap().meta.title, "First");
        let src = SourceFile::read(root.path(), &path).unwrap();
        assert!(cache.draft::<GuideMeta>(&src, "guide").is_some());
        assert!(cache.draft::<GuideMeta>(&src, "other").is_none());
        std::fs::write(&path, "---\ntitle: Second\nsummary: S\n---\nBody.\n").unwrap();
        assert_eq!(load().unwrap().meta.title, "Second");
        std::fs::write(&path, "---\ntitle: [\n---\n").unwrap();
        assert!(
            load().is_err(),
            "a broken save is parsed, and reported, again"
        );
    }
}
