//! httpref: a static-site generator for an HTTP status code reference.
//!
//! The pipeline has two phases, each in its own module tree:
//!
//! 1. [`load`](mod@load): walk `content/`, parse front matter into the typed [`model`], validate across
//!    entries and render Markdown bodies. Every problem becomes a [`Diagnostic`]; all are collected.
//! 2. [`build`]: render pages through the Tera templates into an [`Output`] that writes to a
//!    staging folder and swaps it into place only when everything succeeded.

// Diagnostics travel only on the cold error path; boxing them would complicate every place that
// builds one for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod clidoc;
pub mod compat;
pub mod console;
pub mod constants;
pub mod coverage;
pub(crate) mod diagnostics;
pub(crate) mod examples;
pub(crate) mod files;
pub(crate) mod history;
pub(crate) mod html_text;
pub mod ids;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod model;
pub(crate) mod printable;
pub mod registry;
pub mod render;
pub mod routes;
pub mod scaffold;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod source;
pub mod spec;
pub(crate) mod urls;

use std::collections::BTreeMap;
use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use load::LoadOptions;
pub use model::Site;
pub use render::BuildReport;
pub use render::{Output, OutputError};

use render::Renderer;

/// Why a check or build failed: the error of the load and render phases and of everything that
/// drives them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Content or template problems, all of them.
    #[error("{0}")]
    Diagnostics(Diagnostics),
    /// The output could not be written; the previous output is untouched.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// The output folder would replace the site's sources; nothing was read or written.
    #[error(transparent)]
    UnsafeOutput(#[from] layout::UnsafeOutput),
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Diagnostics(d)
    }
}

/// Loads content, templates and static files, reporting the problems of all of them together.
pub fn load(root: &Path, options: &LoadOptions) -> Result<(Site, Renderer), Error> {
    match (load::content(root, options), Renderer::load(root)) {
        (Ok(site), Ok(renderer)) => Ok((site, renderer)),
        (site, renderer) => {
            let mut all = Diagnostics::default();
            all.extend(site.err().into_iter().flatten());
            all.extend(renderer.err().into_iter().flatten());
            Err(all.sorted().into())
        }
    }
}

/// Validates everything a build would, including rendering every page, without writing; then
/// checks that every internal link and anchor in the rendered pages resolves.
pub fn check(root: &Path, options: &LoadOptions) -> Result<BuildReport, Error> {
    let (site, renderer) = load(root, options)?;
    let output = Output::memory();
    let report = render::to_output(&site, root, &renderer, &output)?;
    render::links::check(&output.into_files(), &report.sources, &site).into_result()?;
    Ok(report)
}

/// Builds the site under `root` in memory: every output file by its path relative to the site root.
/// Its pages are the preview's (`httpref serve`, which also keeps state between rebuilds): they do
/// not register the offline service worker.
pub fn build_in_memory(
    root: &Path,
    options: &LoadOptions,
) -> Result<(BuildReport, BTreeMap<String, Vec<u8>>), Error> {
    let (site, mut renderer) = load(root, options)?;
    // The preview reloads itself on every save; an offline cache would fight it.
    renderer.service_worker = false;
    let output = Output::memory();
    let report = render::to_output(&site, root, &renderer, &output)?;
    Ok((report, output.into_files()))
}

/// Builds the site under `root` into `out`. On any error `out` is left exactly as it was; an
/// `out` that would replace the site's sources is refused before anything is read.
pub fn build(root: &Path, out: &Path, options: &LoadOptions) -> Result<BuildReport, Error> {
    layout::SiteLayout::new(root).check_output(out)?;
    let (site, renderer) = load(root, options)?;
    let output = Output::staged(out)?;
    let report = render::to_output(&site, root, &renderer, &output)?;
    output.commit()?;
    Ok(report)
}
