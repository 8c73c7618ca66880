//! Reading the site's own files, and nothing else: walking a folder in a fixed (sorted) order, so
//! output never depends on the directory listing order, and reading one file with the checks that
//! keep a pull request inside the site root. Hidden files and editor backups (`~`) are skipped;
//! entries that cannot be read are reported, and so are names that cannot be published or checked
//! out everywhere (see [`name_problem`]).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

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
                if let Some(why) = below.components().find_map(|c| name_problem(c.as_os_str())) {
                    diags.push(
                        Diagnostic::at_file(
                            shown(&display_path(root, e.path())),
                            format!("file name cannot be published: it {why}"),
                        )
                        .expected("a name that every file system and web server takes as it is: letters, digits, `-`, `_`, `.`")
                        .hint("rename the file (or the folder it is in)"),
                    );
                    continue;
                }
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

/// Why a file or folder name cannot be published and checked out everywhere, if it cannot: bytes
/// that are not UTF-8 (two such names can read as one), control characters, a backslash (a
/// separator on Windows), a percent-encoded separator (`%2F`, `%5C`: a server may decode it), or
/// a character Windows does not allow in names.
pub fn name_problem(name: &std::ffi::OsStr) -> Option<String> {
    let Some(name) = name.to_str() else {
        return Some("is not valid UTF-8".to_owned());
    };
    if let Some(c) = name.chars().find(|c| crate::printable::is_unsafe(*c)) {
        return Some(format!("contains the control character U+{:04X}", c as u32));
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Some(format!(
            "contains `{c}`, which Windows does not allow in a file name"
        ));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(code) = ["%2f", "%5c"].into_iter().find(|code| lower.contains(code)) {
        return Some(format!(
            "contains `{}`, a percent-encoded separator that a web server may decode",
            &name[lower.find(code).unwrap_or(0)..][..3]
        ));
    }
    None
}

/// A path as a message shows it: bytes that are not UTF-8 as `\xFF` escapes, so two names that
/// differ only in such bytes do not read as one.
fn shown(path: &Path) -> PathBuf {
    if path.to_str().is_some() {
        return path.to_path_buf();
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        PathBuf::from(out)
    }
    #[cfg(not(unix))]
    path.to_path_buf()
}

/// The form of a path under which two paths are one file on a case-insensitive file system that
/// normalises Unicode (macOS, Windows) or a host that does: NFC, lower case.
pub fn folded(path: &str) -> String {
    path.nfc()
        .collect::<String>()
        .to_lowercase()
        .nfc()
        .collect()
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
