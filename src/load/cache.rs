//! What `httpref serve` keeps of content loading between rebuilds: each content file's rendered
//! body and what the body checks found in it, reused while the file's text and the answer to
//! each of its internal links are unchanged (the rendering and the checks depend on nothing else).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::diagnostics::{Diagnostic, Diagnostics, Place};
use crate::markdown::{self, Rendered, Resolution};
use crate::model::LinkSite;

use super::Draft;
use super::validate::Index;
use crate::urls::Urls;

/// Rendered bodies by content file, kept across loads (see [`super::LoadOptions::cache`]).
#[derive(Default)]
pub struct Cache {
    bodies: Mutex<HashMap<PathBuf, Body>>,
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
        draft: &Draft<F>,
        check_body: fn(&Draft<F>, &Rendered, &mut Diagnostics),
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
    draft: &Draft<F>,
    resolve: &dyn Fn(&str) -> Resolution,
    check_body: fn(&Draft<F>, &Rendered, &mut Diagnostics),
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

    fn no_check(_: &Draft<GuideMeta>, _: &Rendered, _: &mut Diagnostics) {}

    fn draft(root: &std::path::Path, body: &str) -> Draft<GuideMeta> {
        let path = root.join("guide.md");
        std::fs::write(&path, format!("---\ntitle: T\nsummary: S\n---\n{body}")).unwrap();
        super::super::load_file(root, &path, "guide").unwrap()
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
}
