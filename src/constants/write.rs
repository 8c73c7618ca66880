//! `httpref constants import` as a library call: read each version's source file, build the
//! table ([`import::table`]) and write it to `content/libraries/<library>.tsv`.

use std::io;
use std::path::{Path, PathBuf};

use super::import::{self, ImportError, Input};
use super::{FOLDER, Library};
use crate::layout::SiteLayout;

/// Why `constants import` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ConstantsError {
    #[error("unknown library `{given}`; expected one of {expected}")]
    UnknownLibrary { given: String, expected: String },
    #[error("`{0}`: expected VERSION=FILE")]
    BadInput(String),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Import(#[from] ImportError),
}

/// What `constants import` wrote.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    /// Names in the table.
    pub rows: usize,
    /// Versions examined.
    pub versions: usize,
}

fn at(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> ConstantsError {
    let path = path.into();
    move |source| ConstantsError::Io { path, source }
}

/// Reads `inputs` (`VERSION=FILE`, oldest first; `origins` are `VERSION=TEXT`), then writes the
/// library's table under `root`.
pub fn import(
    root: &Path,
    library: &str,
    inputs: &[String],
    origins: &[String],
) -> Result<Written, ConstantsError> {
    let lib = Library::from_key(library).ok_or_else(|| ConstantsError::UnknownLibrary {
        given: library.to_owned(),
        expected: Library::ALL.map(Library::key).join(", "),
    })?;
    let mut read = Vec::new();
    for input in inputs {
        let (version, file) = input
            .split_once('=')
            .filter(|(v, f)| !v.is_empty() && !f.is_empty())
            .ok_or_else(|| ConstantsError::BadInput(input.clone()))?;
        let bytes = std::fs::read(file).map_err(at(file))?;
        let origin = origins
            .iter()
            .find_map(|o| o.strip_prefix(version).and_then(|r| r.strip_prefix('=')))
            .map_or_else(|| file.to_owned(), str::to_owned);
        read.push(Input {
            version: version.to_owned(),
            bytes,
            origin,
        });
    }
    let text = import::table(lib, &read)?;
    let dir = SiteLayout::new(root).content_file(FOLDER);
    std::fs::create_dir_all(&dir).map_err(at(&dir))?;
    let path = dir.join(format!("{}.tsv", lib.key()));
    std::fs::write(&path, &text).map_err(at(&path))?;
    let rows = text.lines().filter(|l| !l.starts_with('#')).count() - 1;
    Ok(Written {
        path,
        rows,
        versions: read.len(),
    })
}
