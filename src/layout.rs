//! Where a site's files live: [`SiteLayout`] is the one place that names `content/`,
//! `templates/` and `static/` under a site root, each kind's content folder and the fixed data
//! files, and the one guard that keeps a build from writing over them
//! ([`SiteLayout::check_output`]).

use std::path::{Path, PathBuf};

use crate::ids::{CONTENT_DIR, REGISTRY_FILE, SITE_FILE};
use crate::routes::Kind;

/// The Tera templates, relative to the site root.
pub const TEMPLATES_DIR: &str = "templates";
/// CSS, JavaScript and images copied to the output, relative to the site root.
pub const STATIC_DIR: &str = "static";
/// Where `build` writes when no `--out` is given, relative to the site root.
pub const DEFAULT_OUT_DIR: &str = "public";

/// The folders and files of one site, by their paths under its root.
#[derive(Debug, Clone, Copy)]
pub struct SiteLayout<'a> {
    root: &'a Path,
}

/// An output folder that would replace the site's own sources.
#[derive(Debug, thiserror::Error)]
#[error(
    "refusing to build into {}: it would replace the site's sources (choose a separate folder such as public/)",
    out.display()
)]
pub struct UnsafeOutput {
    /// The output folder as given.
    pub out: PathBuf,
}

impl<'a> SiteLayout<'a> {
    pub fn new(root: &'a Path) -> SiteLayout<'a> {
        SiteLayout { root }
    }

    /// Paths relative to the site root (`content/codes`), as diagnostics and scaffolds name them.
    pub fn relative() -> SiteLayout<'static> {
        SiteLayout {
            root: Path::new(""),
        }
    }

    pub fn root(self) -> &'a Path {
        self.root
    }

    /// `content/`.
    pub fn content(self) -> PathBuf {
        self.root.join(CONTENT_DIR)
    }

    /// A file or folder under `content/`, by its path relative to it.
    pub fn content_file(self, rel: impl AsRef<Path>) -> PathBuf {
        self.content().join(rel)
    }

    /// The folder of one kind of entry (`content/codes`).
    pub fn kind_dir(self, kind: Kind) -> PathBuf {
        self.content_file(kind.folder())
    }

    /// `content/site.yaml`.
    pub fn site_file(self) -> PathBuf {
        self.content_file(SITE_FILE)
    }

    /// `content/iana-status-codes.csv`.
    pub fn registry_file(self) -> PathBuf {
        self.content_file(REGISTRY_FILE)
    }

    /// `templates/`.
    pub fn templates(self) -> PathBuf {
        self.root.join(TEMPLATES_DIR)
    }

    /// `static/`.
    pub fn statics(self) -> PathBuf {
        self.root.join(STATIC_DIR)
    }

    /// The three source folders, in the order `serve` watches them.
    pub fn sources(self) -> [PathBuf; 3] {
        [self.content(), self.templates(), self.statics()]
    }

    /// The output folder of a build without `--out`: `public/`.
    pub fn default_out(self) -> PathBuf {
        self.root.join(DEFAULT_OUT_DIR)
    }

    /// Refuses output folders whose replacement would destroy the site's own sources: the root
    /// itself, a folder above it, or anything inside a source folder. Paths are compared with
    /// links, `.` and `..` resolved, so `--out ..` is seen for what it is.
    pub fn check_output(self, out: &Path) -> Result<(), UnsafeOutput> {
        let root = real(self.root);
        let out_abs = real(out);
        let layout = SiteLayout::new(&root);
        if root.starts_with(&out_abs) || layout.sources().iter().any(|p| out_abs.starts_with(p)) {
            return Err(UnsafeOutput {
                out: out.to_path_buf(),
            });
        }
        Ok(())
    }
}

/// `p` with links, `.` and `..` resolved; for a path that does not exist yet, its parent's.
fn real(p: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(p) {
        return p;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            std::fs::canonicalize(parent)
                .map(|parent| parent.join(name))
                .unwrap_or_else(|_| p.to_path_buf())
        }
        _ => std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_its_parents_and_the_source_folders_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let layout = SiteLayout::new(site.path());
        for dir in layout.sources() {
            std::fs::create_dir_all(&dir).unwrap();
        }
        for bad in [
            site.path().to_path_buf(),
            site.path().join(".."),
            layout.content(),
            layout.templates().join("out"),
            layout.statics().join("new/deeper"),
        ] {
            assert!(layout.check_output(&bad).is_err(), "{}", bad.display());
        }
        assert!(layout.check_output(&layout.default_out()).is_ok());
        assert!(layout.check_output(&site.path().join("contents")).is_ok());
    }
}
