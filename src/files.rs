//! Reading the site's own files, and nothing else: walking a folder in a fixed (sorted) order, so
//! output never depends on the directory listing order, and reading one file with the checks that
//! keep a pull request inside the site root. Hidden files and editor backups (`~`) are skipped;
//! entries that cannot be read are reported.

use std::fs;
use std::io::Read;
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
    /// Whether the entry is a symbolic link (to a file elsewhere in the site).
    pub linked: bool,
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
    if !is_inside(root, dir) {
        diags.push(
            Diagnostic::at_file(
                display_path(root, dir),
                "refusing to read a folder outside the site root: it is a symbolic link that leads out of the site",
            )
            .hint("replace the link with the folder itself"),
        );
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
                    linked: e.path_is_symlink(),
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

/// Whether `path`'s real location (links resolved) is inside the site root.
pub fn is_inside(root: &Path, path: &Path) -> bool {
    match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// The largest content file or template read (a front-matter file is a few kilobytes).
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// The largest static file copied (images and fonts are larger than text, but still bounded).
pub const MAX_STATIC_BYTES: u64 = 16 * 1024 * 1024;

/// Reads `path`, a file of the site under `root`, refusing what a site file must never be:
/// a link whose real location is outside the site root (its target is neither read nor
/// named), anything but a regular file (a FIFO would block forever, a device never ends),
/// and a file over `max_bytes`. Problems are reported at the path as the site names it.
pub fn read(root: &Path, path: &Path, max_bytes: u64) -> Result<Vec<u8>, Diagnostic> {
    let display = display_path(root, path);
    let refuse = |message: String, hint: &str| Diagnostic::at_file(&display, message).hint(hint);
    let real = fs::canonicalize(path).map_err(|e| {
        let broken = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if broken {
            refuse(
                "cannot read file: it is a symbolic link to nothing".into(),
                "remove the link, or replace it with the file itself",
            )
        } else {
            refuse(
                format!("cannot read file: {e}"),
                "check that the file exists and is readable",
            )
        }
    })?;
    if !is_inside(root, &real) {
        return Err(refuse(
            "refusing to read a file outside the site root: this path is a symbolic link (or \
             lies below one) that leads out of the site"
                .into(),
            "replace the link with a copy of the file inside the site; httpref never publishes \
             files from elsewhere on the machine",
        ));
    }
    let mut file = open_without_blocking(&real).map_err(|e| {
        refuse(
            format!("cannot read file: {e}"),
            "check that it is readable",
        )
    })?;
    let meta = file.metadata().map_err(|e| {
        refuse(
            format!("cannot read file: {e}"),
            "check that it is readable",
        )
    })?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder reached through a symbolic link"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(refuse(
            format!("cannot read file: it is {kind}"),
            "only regular files belong in a site folder: remove it",
        ));
    }
    let too_big = |size: String| {
        refuse(
            format!("file is too large ({size}; the limit is {max_bytes} bytes)"),
            "is this the file you meant? Site files are read whole, so their size is bounded",
        )
    };
    if meta.len() > max_bytes {
        return Err(too_big(format!("{} bytes", meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            refuse(
                format!("cannot read file: {e}"),
                "check that it is readable",
            )
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big("it grew while being read".into()));
    }
    Ok(bytes)
}

/// Opens for reading without waiting for a writer: opening a FIFO blocks until one appears.
fn open_without_blocking(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}
