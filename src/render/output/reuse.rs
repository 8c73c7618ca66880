//! Reusing the previous output's unchanged files: linked into the staging folder, not rewritten.
//!
//! Only regular files found by a walk that never follows a symbolic link are candidates, and a
//! candidate is reused only when the file opened (without following a link) is the one the walk
//! found and holds exactly the new bytes. Anything unexpected falls back to writing the bytes.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The regular files of a previous output, by path relative to it.
#[derive(Debug, Default)]
pub struct Previous {
    root: PathBuf,
    files: HashMap<PathBuf, Identity>,
}

/// What the walk saw of one file: enough to tell it is still the same file when opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    len: u64,
    dev: u64,
    ino: u64,
}

impl Identity {
    fn of(meta: &fs::Metadata) -> Identity {
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Identity {
            len: meta.len(),
            dev,
            ino,
        }
    }
}

impl Previous {
    /// Lists the regular files under `root`; symbolic links (to files or folders) are skipped,
    /// and so is anything the walk cannot read.
    pub fn scan(root: &Path) -> Previous {
        let files = walkdir::WalkDir::new(root)
            .follow_links(false)
            .into_iter()
            .flatten()
            .filter(|entry| entry.file_type().is_file())
            .filter_map(|entry| {
                let rel = entry.path().strip_prefix(root).ok()?.to_path_buf();
                let meta = entry.metadata().ok()?;
                Some((rel, Identity::of(&meta)))
            })
            .collect();
        Previous {
            root: root.to_path_buf(),
            files,
        }
    }

    /// Puts `bytes` at `staging/rel` (whose folder exists): a hard link to the previous file at
    /// `rel` when that holds the same bytes, else a copy that keeps its modification time when
    /// linking is impossible (another file system), else a plain write.
    pub fn put(&self, staging: &Path, rel: &Path, bytes: &[u8]) -> io::Result<()> {
        let path = staging.join(rel);
        if let Some(&identity) = self.files.get(rel)
            && identity.len == bytes.len() as u64
            && let Ok(Some(old)) = self.same_file(rel, identity, bytes)
        {
            let old_path = self.root.join(rel);
            if fs::hard_link(&old_path, &path).is_ok() {
                // The link was made by path: make sure it is the file that was checked.
                if fs::symlink_metadata(&path).is_ok_and(|m| Identity::of(&m) == identity) {
                    return Ok(());
                }
                fs::remove_file(&path)?;
            } else {
                let modified = old.metadata()?.modified()?;
                let file = File::create(&path)?;
                io::Write::write_all(&mut &file, bytes)?;
                file.set_modified(modified)?;
                return Ok(());
            }
        }
        fs::write(&path, bytes)
    }

    /// The previous file at `rel`, opened without following a link, if it is the file the walk
    /// found and its bytes are `bytes`.
    fn same_file(&self, rel: &Path, identity: Identity, bytes: &[u8]) -> io::Result<Option<File>> {
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        let mut file = options.open(self.root.join(rel))?;
        let meta = file.metadata()?;
        if !meta.is_file() || Identity::of(&meta) != identity {
            return Ok(None);
        }
        let mut old = Vec::with_capacity(bytes.len());
        file.read_to_end(&mut old)?;
        Ok((old == bytes).then_some(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_equal_files_and_writes_changed_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        fs::create_dir_all(old.join("a")).unwrap();
        fs::create_dir_all(new.join("a")).unwrap();
        fs::write(old.join("a/same.html"), "same").unwrap();
        fs::write(old.join("a/changed.html"), "before").unwrap();
        let previous = Previous::scan(&old);

        previous
            .put(&new, Path::new("a/same.html"), b"same")
            .unwrap();
        previous
            .put(&new, Path::new("a/changed.html"), b"after!")
            .unwrap();
        previous
            .put(&new, Path::new("a/added.html"), b"new")
            .unwrap();

        let ino = |p: &Path| Identity::of(&fs::metadata(p).unwrap()).ino;
        assert_eq!(ino(&old.join("a/same.html")), ino(&new.join("a/same.html")));
        assert_ne!(
            ino(&old.join("a/changed.html")),
            ino(&new.join("a/changed.html"))
        );
        assert_eq!(fs::read(new.join("a/changed.html")).unwrap(), b"after!");
        assert_eq!(fs::read(new.join("a/added.html")).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn never_follows_a_link_in_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new, outside) = (
            dir.path().join("old"),
            dir.path().join("new"),
            dir.path().join("outside"),
        );
        for d in [&old, &new, &outside] {
            fs::create_dir(d).unwrap();
        }
        fs::write(outside.join("secret.html"), "same").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.html"), old.join("file.html")).unwrap();
        std::os::unix::fs::symlink(&outside, old.join("dir")).unwrap();
        let previous = Previous::scan(&old);
        assert!(previous.files.is_empty(), "{:?}", previous.files);

        fs::create_dir(new.join("dir")).unwrap();
        previous.put(&new, Path::new("file.html"), b"same").unwrap();
        previous
            .put(&new, Path::new("dir/secret.html"), b"same")
            .unwrap();
        let secret = fs::metadata(outside.join("secret.html")).unwrap();
        for rel in ["file.html", "dir/secret.html"] {
            let meta = fs::symlink_metadata(new.join(rel)).unwrap();
            assert!(meta.is_file());
            assert_ne!(Identity::of(&meta), Identity::of(&secret), "{rel}");
        }
    }
}
