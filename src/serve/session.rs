//! What `httpref serve` keeps between rebuilds: the templates and static files (reloaded only when
//! a file under `templates/` or `static/` changed), the content it parsed (read again only when
//! the watcher reports a file changed), the pages of the last render (re-rendered only when their
//! inputs changed), and the last good site, to tell which files a rebuild changed.
//!
//! A rebuild shows an edit first: once content is loaded, the pages made from the edited files
//! are rendered on their own and handed over at once, then the rest of the site is rendered.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostics::display_path;
use crate::render::{self, Renderer, memo::Memo};
use crate::{BuildReport, Error, LoadOptions, Output};

/// The site's files by path relative to the site root.
pub type Files = Arc<BTreeMap<String, Arc<[u8]>>>;

/// The state of the preview between rebuilds.
pub struct Session {
    root: PathBuf,
    options: LoadOptions,
    renderer: Option<Renderer>,
    files: Files,
}

/// The last good site with the pages of the edited content files in their new form, before the
/// rest of the site is rendered.
pub struct FirstLook {
    pub files: Files,
    /// The pages whose bytes differ from the last good site's.
    pub changed: Vec<String>,
}

/// What one successful rebuild produced.
pub struct Rebuilt {
    pub report: BuildReport,
    pub files: Files,
    /// Paths whose bytes differ from the previous good site (new and removed files included).
    pub changed: Vec<String>,
    /// Whether templates and static files were loaded again (else the kept ones were used).
    pub reloaded_templates: bool,
    /// Time spent loading content (and templates, when reloaded), then rendering.
    pub load: Duration,
    pub render: Duration,
}

impl Session {
    pub fn new(root: &Path, options: LoadOptions) -> Session {
        Session {
            root: root.to_path_buf(),
            options,
            renderer: None,
            files: Arc::default(),
        }
    }

    /// Rebuilds after `changed` (paths the watcher reported; empty on the first build). Content
    /// files are read again only if named there; templates and static files are loaded again only
    /// if one of them is. Before the whole site is rendered, `first_look` gets the pages made from
    /// the changed content files, if any of them changed.
    pub fn rebuild(
        &mut self,
        changed: &[PathBuf],
        first_look: &mut dyn FnMut(FirstLook),
    ) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let layout = crate::layout::SiteLayout::new(&self.root);
        let (templates, statics) = (layout.templates(), layout.statics());
        // A path names a changed file or folder: one inside either folder, or one that holds them.
        let touches =
            |dir: &Path| (changed.iter()).any(|p| p.starts_with(dir) || dir.starts_with(p));
        if touches(&templates) || touches(&statics) {
            self.renderer = None;
        }
        if let Some(cache) = &self.options.cache {
            // A path outside the root cannot be matched to the files read: forget them all.
            if changed.iter().all(|path| path.starts_with(&self.root)) {
                cache.forget(changed);
            } else {
                cache.forget(std::slice::from_ref(&self.root));
            }
        }
        let reloaded_templates = self.renderer.is_none();
        let (site, renderer) = match self.renderer.take() {
            Some(renderer) => (crate::load::content(&self.root, &self.options)?, renderer),
            None => {
                let (site, mut renderer) = crate::load(&self.root, &self.options)?;
                // The preview reloads itself on every save; an offline cache would fight it.
                renderer.service_worker = false;
                renderer.memo = Some(Memo::default());
                (site, renderer)
            }
        };
        let loaded = started.elapsed();
        if !reloaded_templates && let Some(look) = self.edited_pages(&site, &renderer, changed) {
            first_look(look);
        }
        let output = Output::memory();
        let result = render::to_output(&site, &self.root, &renderer, &output);
        // A render that failed keeps the renderer (its templates are fine if content was at fault;
        // if they were at fault, they change next and are reloaded).
        self.renderer = Some(renderer);
        let report = result?;
        let files = Arc::new(output.into_shared_files());
        let added_or_changed = files
            .iter()
            .filter(|(path, bytes)| !self.files.get(*path).is_some_and(|b| same(b, bytes)))
            .map(|(path, _)| path.clone());
        let removed = self.files.keys().filter(|path| !files.contains_key(*path));
        let changed = added_or_changed.chain(removed.cloned()).collect();
        self.files = files.clone();
        let render = started.elapsed() - loaded;
        Ok(Rebuilt {
            report,
            files,
            changed,
            reloaded_templates,
            load: loaded,
            render,
        })
    }

    /// The pages made from the changed content files, rendered alone, if any differs from the
    /// last good site. A page that fails to render here is left to the whole render to report.
    fn edited_pages(
        &self,
        site: &crate::model::Site,
        renderer: &Renderer,
        changed: &[PathBuf],
    ) -> Option<FirstLook> {
        let sources: HashSet<PathBuf> = (changed.iter())
            .map(|path| display_path(&self.root, path))
            .collect();
        let pages = render::pages_of(site, &self.root, renderer, &sources).ok()?;
        let pages: Vec<(String, Arc<[u8]>)> = (pages.into_iter())
            .map(|(path, html)| (path, Arc::from(html)))
            .filter(|(path, bytes)| !self.files.get(path).is_some_and(|b| same(b, bytes)))
            .collect();
        if pages.is_empty() {
            return None;
        }
        let changed = pages.iter().map(|(path, _)| path.clone()).collect();
        let mut files = (*self.files).clone();
        files.extend(pages);
        Some(FirstLook {
            files: Arc::new(files),
            changed,
        })
    }
}

/// Whether two files have the same bytes (shared bytes are the same without comparing).
pub fn same(a: &Arc<[u8]>, b: &Arc<[u8]>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}
