//! Pages kept from the previous render, so that `httpref serve` re-renders only the pages whose
//! inputs changed.
//!
//! A page's inputs are its template, the site view every page shares and the page's own context:
//! the templates and static files are fixed for a [`Renderer`](super::Renderer), which drops its
//! memo when it is replaced. A page whose template and context equal the kept ones, in a render
//! whose site view equals the kept one, gets the kept HTML: exactly what rendering them again
//! would give. The search index is kept the same way, with the documents it was built from, and
//! each document's terms.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tera::{Context, Value};

use super::search::{self, SearchIndex};
use crate::model::Site;

/// The last successful render, and the last search index.
#[derive(Default)]
pub struct Memo {
    render: Mutex<Option<Render>>,
    search: Mutex<Option<(search::Inputs, Arc<SearchIndex>)>>,
    terms: Mutex<search::KeptTerms>,
}

/// The pages of one render, by output path, with the site view they were rendered with.
#[derive(Debug)]
pub struct Render {
    pub site: Value,
    pub pages: HashMap<String, Kept>,
}

/// One page as it was rendered: its template, its own context (without the site view) and HTML.
#[derive(Debug)]
pub struct Kept {
    template: &'static str,
    context: Context,
    html: Arc<str>,
}

impl Kept {
    pub fn new(template: &'static str, context: Context, html: Arc<str>) -> Kept {
        Kept {
            template,
            context,
            html,
        }
    }

    /// The kept HTML, if it was rendered from this template and this page context.
    pub fn reuse(&self, template: &str, context: &Context) -> Option<Arc<str>> {
        (self.template == template && self.context == *context).then(|| self.html.clone())
    }
}

impl Memo {
    /// Takes the last render out for this one; [`Memo::keep`] puts the new one back.
    pub fn take(&self) -> Option<Render> {
        (self.render.lock().unwrap_or_else(PoisonError::into_inner)).take()
    }

    /// The search index of `site`: the kept one if its inputs are unchanged.
    pub fn search_index(&self, site: &Site) -> Arc<SearchIndex> {
        let inputs = search::inputs(site);
        let mut kept = self.search.lock().unwrap_or_else(PoisonError::into_inner);
        match &*kept {
            Some((before, index)) if *before == inputs => index.clone(),
            _ => {
                let mut terms = self.terms.lock().unwrap_or_else(PoisonError::into_inner);
                let index = Arc::new(search::index(&inputs, Some(&mut terms)));
                *kept = Some((inputs, index.clone()));
                index
            }
        }
    }

    /// Keeps a render that succeeded.
    pub fn keep(&self, render: Render) {
        *self.render.lock().unwrap_or_else(PoisonError::into_inner) = Some(render);
    }
}
