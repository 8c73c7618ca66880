//! Walking a site folder: every file under it in a fixed (sorted) order, so output never depends
//! on the directory listing order. Hidden files and editor backups (`~`) are skipped; entries that
//! cannot be read are reported.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// A file found under a folder.
#[derive(Debug, Clone)]
pub struct SiteFile {
    /// The path to read.
    pub path: PathBuf,
    /// The path below the walked folder, with `/` separators (`partials/card.html`).
    pub rel: String,
    /// The path relative to the site root, for messages.
    pub display: PathBuf,
}

impl SiteFile {
    /// The file's name (`404.md`).
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

fn is_skipped(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~')
}

/// Every file under `dir` (to `max_depth` levels; `None` for all), sorted by path. A missing
/// folder has no files.
pub fn walk(
    root: &Path,
    dir: &Path,
    max_depth: Option<usize>,
    diags: &mut Diagnostics,
) -> Vec<SiteFile> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut walker = walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name();
    if let Some(depth) = max_depth {
        walker = walker.max_depth(depth);
    }
    let mut files = Vec::new();
    for entry in walker
        .into_iter()
        .filter_entry(|e| !is_skipped(&e.file_name().to_string_lossy()))
    {
        match entry {
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => {
                let below = e
                    .path()
                    .strip_prefix(dir)
                    .expect("walkdir yields paths under its root");
                let rel = below
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push(SiteFile {
                    display: display_path(root, e.path()),
                    path: e.path().to_path_buf(),
                    rel,
                });
            }
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                diags.push(Diagnostic::at_file(
                    display_path(root, &path),
                    format!("cannot read: {e}"),
                ));
            }
        }
    }
    files
}
