//! Build phase: render every page of a loaded [`Site`] through the templates into an [`Output`].
//!
//! Building never reads content files; it only turns the validated model into files.

pub(crate) mod api;
pub(crate) mod assets;
pub mod budget;
pub(crate) mod check;
pub(crate) mod i18n;
pub(crate) mod languages;
pub(crate) mod links;
pub(crate) mod memo;
pub(crate) mod offline;
pub(crate) mod output;
mod pages;
pub mod search;
pub(crate) mod templates;
pub(crate) mod views;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::routes::Route;
use assets::Assets;
use budget::Budget;
use languages::Languages;
pub use output::{Output, OutputError};
use templates::Templates;

/// What a build produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    /// Files rendered through templates (HTML pages, the sitemap, robots.txt).
    pub pages: usize,
    /// Each rendered file's path and the content file it comes from, in build order.
    pub sources: Vec<(String, PathBuf)>,
    /// Generated files that are not pages: the data API, the search index, the web app
    /// manifest and the service worker.
    pub data_files: usize,
    pub static_files: usize,
    /// Cited documents whose citations went unchecked for want of an index, with the reason.
    pub unindexed: Vec<(String, String)>,
    /// What was found that fails nothing (outdated translations), to be printed.
    pub warnings: crate::Diagnostics,
}

/// What turns the model into files: the templates, and the static files they reference.
pub struct Renderer {
    pub templates: Templates,
    pub assets: Assets,
    /// Whether pages register the offline service worker (not in `httpref serve`, where it
    /// would answer from a cache what live reload has just rebuilt).
    pub service_worker: bool,
    /// The pages of the previous render, kept by `httpref serve` (`None`: render every page).
    pub memo: Option<memo::Memo>,
}

impl Renderer {
    /// Loads `static/` first, so templates can refer to hashed files through `asset(path=...)`;
    /// the problems of both are reported together.
    pub fn load(root: &Path) -> Result<Renderer, Diagnostics> {
        let (assets, mut diags) = Assets::load(root);
        match Templates::load(root, &assets) {
            Ok(templates) if diags.is_empty() => Ok(Renderer {
                templates,
                assets,
                service_worker: true,
                memo: None,
            }),
            Ok(_) => Err(diags),
            Err(more) => {
                diags.extend(more);
                Err(diags)
            }
        }
    }
}

/// Renders all pages and copies `static/`. Every render error is collected before giving up,
/// and nothing is committed by this function: the caller commits the output on success.
pub fn to_output(
    site: &Site,
    root: &Path,
    renderer: &Renderer,
    output: &Output,
) -> Result<BuildReport, crate::Error> {
    let languages = Languages::new(site);
    let (indexes, jobs) = rayon::join(
        || search_indexes(site, &languages, renderer),
        || pages::jobs(site, &languages),
    );
    let every: Vec<&Site> = std::iter::once(site).chain(&languages.sites).collect();
    write_indexes(&every, &indexes, output)?;
    let views: Vec<tera::Value> = (every.iter().zip(directions(site)))
        .map(|(language, dir)| site_value(language, renderer, dir, &site.config.language))
        .collect();
    let site_view = tera::Value::from(views.clone());
    // Pages the route table keeps out of the offline copy.
    let redirects: HashSet<String> = jobs
        .iter()
        .filter(|job| !job.route.precached())
        .map(|job| job.file())
        .collect();
    let sources: Vec<(String, PathBuf)> = jobs
        .iter()
        .map(|job| (job.file(), job.source.clone()))
        .collect();
    // Kept pages are reused only in a render with the same site view as theirs.
    let previous = renderer.memo.as_ref().and_then(memo::Memo::take);
    let budget = Budget::start();
    let reusable = (previous.as_ref())
        .filter(|render| render.site == site_view)
        .map(|render| &render.pages);
    // Rendering is CPU work and writing is file-system latency: both overlap well across
    // threads. Results come back in job order, so reports stay deterministic.
    let results: Vec<Result<Option<(String, memo::Kept)>, PageError>> = jobs
        .into_par_iter()
        .map(|job| {
            let file = job.file();
            let template = job.template();
            let kept = reusable.and_then(|pages| pages.get(&file));
            if budget.stopped() {
                return Err(PageError::Skipped);
            }
            let view = &views[job.language];
            let (context, html) =
                render_page(job, view, kept, renderer, &budget, root).map_err(PageError::Render)?;
            output
                .write_shared(&file, Arc::<[u8]>::from(html.clone()))
                .map_err(PageError::Write)?;
            Ok((renderer.memo.is_some()).then(|| (file, memo::Kept::new(template, context, html))))
        })
        .collect();
    let mut diags = Diagnostics::default();
    // A broken template fails the same way for every entry: report each place once.
    let mut reported = HashSet::new();
    let mut pages = 0;
    let mut rendered = HashMap::new();
    for result in results {
        match result {
            Ok(page) => {
                pages += 1;
                rendered.extend(page);
            }
            Err(PageError::Render(d)) => {
                if reported.insert((d.path.clone(), d.line, d.col)) {
                    diags.push(d);
                }
            }
            Err(PageError::Write(e)) => return Err(e.into()),
            // Another page crossed a render bound, and is reported.
            Err(PageError::Skipped) => {}
        }
    }
    diags.into_result()?;
    renderer.templates.unused_keys().into_result()?;
    if let Some(memo) = &renderer.memo {
        memo.keep(memo::Render {
            site: site_view,
            pages: rendered,
        });
    }
    // Freeing the previous pages is work no one waits for.
    if let Some(previous) = previous {
        rayon::spawn(move || drop(previous));
    }
    check::write(site, output)?;
    // Each language's search index and its entry file, and the checker's rules, count with the
    // data files.
    let data_files = api::write(site, output)? + 2 * every.len() + 1;
    renderer
        .assets
        .collisions(|path| {
            let other = output.clash(path)?;
            Some(match sources.iter().find(|(file, _)| *file == other) {
                Some((_, source)) => format!("`{other}`, generated from `{}`", source.display()),
                None => format!("`{other}`, part of the site's data"),
            })
        })
        .into_result()?;
    let static_files = renderer.assets.write(output)?;
    write_offline(&every, output, renderer.service_worker, &redirects)?;
    // The manifests and the workers count with the data files.
    let data_files = data_files + 2 * every.len();
    Ok(BuildReport {
        pages,
        sources,
        data_files,
        static_files,
        unindexed: site.unindexed.clone(),
        warnings: site.warnings(),
    })
}

/// The pages made from `sources` (content files or folders, by their paths relative to the site
/// root; other paths are ignored), rendered on their own: `httpref serve` shows an edit with them
/// before it renders the rest of the site, whose render gives these same bytes. (Pages made from
/// templates, such as the sitemap, list the whole site, so only a whole render makes them.)
pub fn pages_of(
    site: &Site,
    root: &Path,
    renderer: &Renderer,
    sources: &HashSet<PathBuf>,
) -> Result<Vec<(String, Arc<str>)>, Diagnostics> {
    let content: HashSet<PathBuf> = (sources.iter())
        .filter(|source| source.starts_with(crate::layout::SiteLayout::relative().content()))
        .cloned()
        .collect();
    let languages = Languages::new(site);
    let every = std::iter::once(site).chain(&languages.sites);
    let views: Vec<tera::Value> = (every.zip(directions(site)))
        .map(|(language, dir)| site_value(language, renderer, dir, &site.config.language))
        .collect();
    let budget = Budget::start();
    let mut pages = Vec::new();
    for job in pages::jobs_of(site, &languages, &content) {
        let file = job.file();
        let view = &views[job.language];
        // A page that crosses a render bound fails here, so the budget never stops this loop.
        let (_, html) = render_page(job, view, None, renderer, &budget, root)?;
        pages.push((file, html));
    }
    Ok(pages)
}

/// Writes each language's search index and the entry file that names it (`every`: the site in
/// each language, the site's own first, with `indexes` in the same order).
fn write_indexes(
    every: &[&Site],
    indexes: &[Arc<search::SearchIndex>],
    output: &Output,
) -> Result<(), OutputError> {
    for (language, index) in every.iter().zip(indexes) {
        let urls = &language.urls;
        let route = Route::SearchIndex(&index.file_name);
        output.write(&urls.file(route), &index.bytes)?;
        let entry = search::entry(&urls.route(route));
        output.write(&urls.file(Route::SearchEntry), &entry)?;
    }
    Ok(())
}

/// Writes each language's web app manifest, then (last: each lists what everything before it
/// wrote) each language's service worker. `skip`: pages left out of the offline copies.
fn write_offline(
    every: &[&Site],
    output: &Output,
    enabled: bool,
    skip: &HashSet<String>,
) -> Result<(), OutputError> {
    for language in every {
        offline::write_manifest(language, output)?;
    }
    for language in every {
        offline::write_worker(language, every[0], output, enabled, skip)?;
    }
    Ok(())
}

/// Each language's search index, the site's own first (`httpref serve` keeps the site's own).
fn search_indexes(
    site: &Site,
    languages: &Languages,
    renderer: &Renderer,
) -> Vec<Arc<search::SearchIndex>> {
    let own = match &renderer.memo {
        Some(memo) => memo.search_index(site),
        None => Arc::new(search::build(site)),
    };
    let translated = (languages.sites.par_iter().zip(&site.translations)).map(|(s, t)| {
        let words = renderer.templates.search_words(&t.config.code);
        Arc::new(search::build_in(s, &words))
    });
    std::iter::once(own)
        .chain(translated.collect::<Vec<_>>())
        .collect()
}

/// Each language's writing direction, the site's own (left to right) first.
fn directions(site: &Site) -> impl Iterator<Item = crate::model::Direction> + '_ {
    std::iter::once(crate::model::Direction::Ltr)
        .chain(site.translations.iter().map(|t| t.config.dir))
}

/// The site view every page of one language gets as `site`: made once per render, shared by
/// every page of that language.
fn site_value(
    site: &Site,
    renderer: &Renderer,
    dir: crate::model::Direction,
    root_language: &str,
) -> tera::Value {
    let entry = site.urls.route(Route::SearchEntry);
    let mut view = views::site(site, &entry, dir, root_language);
    view.offline = renderer.service_worker;
    tera::Value::from_serializable(&view)
}

/// Renders one page, or takes `previous` if it was rendered from the same template and page
/// context (and, as the caller ensures, the same site view). Gives the page's own context too.
fn render_page(
    job: pages::Job,
    site: &tera::Value,
    previous: Option<&memo::Kept>,
    renderer: &Renderer,
    budget: &Budget,
    root: &Path,
) -> Result<(tera::Context, Arc<str>), crate::diagnostics::Diagnostic> {
    let template = job.template();
    let mut context = job.context;
    context.insert("page", &job.meta);
    if let Some(html) = previous.and_then(|p| p.reuse(template, &context)) {
        return Ok((context, html));
    }
    let mut full = context.clone();
    full.insert_value("site", site.clone());
    let html = (renderer.templates).render(template, &full, budget, root, &job.source)?;
    let html = match site.get_from_path("language").and_then(tera::Value::as_str) {
        Some(lang) => match renderer.templates.fill_language_marks(&html, lang) {
            std::borrow::Cow::Owned(filled) => filled,
            std::borrow::Cow::Borrowed(_) => html,
        },
        None => html,
    };
    Ok((context, Arc::from(html)))
}

enum PageError {
    Render(crate::diagnostics::Diagnostic),
    Write(OutputError),
    /// Not rendered: the render was stopped by a page that crossed a bound.
    Skipped,
}
