//! The paths an output has written, kept as a case-insensitive host that normalises Unicode sees
//! them, so that no second file can silently take the place of one already written.

use std::collections::BTreeMap;

use crate::files;

/// The paths written, as a case-insensitive, Unicode-normalising host sees them.
#[derive(Debug, Default)]
pub(super) struct Paths {
    /// Folded path of each file to the path as written.
    pub files: BTreeMap<String, String>,
    /// Folded path of each folder the files need to the first file that needed it.
    folders: BTreeMap<String, String>,
}

impl Paths {
    /// The file written so far that `rel` cannot be written beside: one at the same path once
    /// folded ([`files::folded`]), one at a folder `rel` needs, or one that needs `rel` as a
    /// folder.
    pub fn clash(&self, rel: &str) -> Option<String> {
        let key = files::folded(rel);
        if let Some(other) = self.files.get(&key).or_else(|| self.folders.get(&key)) {
            return Some(other.clone());
        }
        folders_of(&key).find_map(|folder| self.files.get(folder).cloned())
    }

    /// Records `rel`, or gives back the path already written that it would take the place of.
    pub fn insert(&mut self, rel: &str) -> Result<(), Taken> {
        if let Some(other) = self.clash(rel) {
            return Err(Taken(other));
        }
        let key = files::folded(rel);
        for folder in folders_of(&key) {
            self.folders
                .entry(folder.to_owned())
                .or_insert_with(|| rel.to_owned());
        }
        self.files.insert(key, rel.to_owned());
        Ok(())
    }
}

/// A path written before, whose place a new path would take on the host.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is already written")]
pub struct Taken(pub String);

/// The folders of a `/`-separated path, outermost first.
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}
