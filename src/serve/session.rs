//! What `httpref serve` keeps between rebuilds: the templates and static files (reloaded only when
//! a file under `templates/` or `static/` changed), the pages of the last render (re-rendered only
//! when their inputs changed), and the last good site, to tell which files a rebuild changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::render::{self, Renderer, memo::Memo};
use crate::{BuildReport, Error, LoadOptions, Output};

/// The site's files by path relative to the site root.
pub type Files = Arc<BTreeMap<String, Vec<u8>>>;

/// The state of the preview between rebuilds.
pub struct Session {
    root: PathBuf,
    options: LoadOptions,
    renderer: Option<Renderer>,
    files: Files,
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
    /// is loaded again; templates and static files only if one of them changed.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Error> {
        let started = Instant::now();
        let templates = self.root.join("templates");
        let statics = self.root.join("static");
        if changed
            .iter()
            .any(|p| p.starts_with(&templates) || p.starts_with(&statics))
        {
            self.renderer = None;
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
        let output = Output::memory();
        let result = render::to_output(&site, &self.root, &renderer, &output);
        // A render that failed keeps the renderer (its templates are fine if content was at fault;
        // if they were at fault, they change next and are reloaded).
        self.renderer = Some(renderer);
        let report = result?;
        let files = Arc::new(output.into_files());
        let added_or_changed = files
            .iter()
            .filter(|(path, bytes)| self.files.get(*path) != Some(bytes))
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
}
