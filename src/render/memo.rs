//! Pages kept from the previous render, so that `httpref serve` re-renders only the pages whose
//! inputs changed.
//!
//! A page's inputs are its template and its context (the site view, the page's own values): the
//! templates and static files are fixed for a [`Renderer`](super::Renderer), which drops its memo
//! when it is replaced. A page whose template and context equal the kept ones gets the kept HTML,
//! exactly what rendering them again would give.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tera::Context;

/// The pages of the last successful render, by output path.
#[derive(Debug, Default)]
pub struct Memo {
    pages: Mutex<HashMap<String, Kept>>,
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

    /// Keeps the pages of a render that succeeded.
    pub fn keep(&self, pages: HashMap<String, Kept>) {
        *self.pages.lock().unwrap_or_else(PoisonError::into_inner) = pages;
    }
}
