//! Pages kept from the previous render, so that `httpref serve` re-renders only the pages whose
//! inputs changed.
//!
//! A page's inputs are its template and its context (the site view, the page's own values): the
//! templates and static files are fixed for a [`Renderer`](super::Renderer), which drops its memo
//! when it is replaced. A page whose template and context equal the kept ones gets the kept HTML,
//! exactly what rendering them again would give. The search index is kept the same way, with the
//! documents it was built from, and each document's terms.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tera::Context;

use super::search::{self, SearchIndex};
use crate::model::Site;

/// The pages of the last successful render, by output path, and the last search index.
#[derive(Default)]
pub struct Memo {
    pages: Mutex<HashMap<String, Kept>>,
    search: Mutex<Option<(search::Inputs, Arc<SearchIndex>)>>,
    terms: Mutex<search::KeptTerms>,
}

/// One page as it was rendered.
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

    /// The kept HTML, if it was rendered from this template and this context.
    pub fn reuse(&self, template: &str, context: &Context) -> Option<Arc<str>> {
        (self.template == template && self.context == *context).then(|| self.html.clone())
    }
}

impl Memo {
    /// Takes the kept pages out for one render; [`Memo::keep`] puts the new ones back.
    pub fn take(&self) -> HashMap<String, Kept> {
        std::mem::take(&mut *self.pages.lock().unwrap_or_else(PoisonError::into_inner))
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

    /// Keeps the pages of a render that succeeded.
    pub fn keep(&self, pages: HashMap<String, Kept>) {
        *self.pages.lock().unwrap_or_else(PoisonError::into_inner) = pages;
    }
}
