//! The one place that writes the site: files go to a staging folder beside the output folder,
//! which replaces the output in one rename when the whole build has succeeded.
//!
//! A failed build drops the staging folder and leaves the previous output exactly as it was; a
//! successful one leaves no stale files behind, because the old folder is replaced, not updated.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Where rendered files go.
#[derive(Debug)]
pub struct Output {
    mode: Mode,
    files: AtomicUsize,
}

#[derive(Debug)]
enum Mode {
    /// Write into `staging`, then swap it into `target` on commit.
    Staged {
        target: PathBuf,
        staging: PathBuf,
        committed: bool,
    },
    /// Render and count, write nothing (`httpref check`).
    Discard,
    /// Keep the files in memory (`httpref serve`).
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
}

/// An I/O failure with the path it happened at.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", path.display())]
pub struct OutputError {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

fn at(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError {
        path: path.to_path_buf(),
        source,
    }
}

impl Output {
    /// Prepares a fresh staging folder beside `target`.
    pub fn staged(target: &Path) -> Result<Output, OutputError> {
        if target.exists() && !target.is_dir() {
            return Err(OutputError {
                path: target.to_path_buf(),
                source: io::Error::other("the output path exists and is not a directory"),
            });
        }
        let name = target
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(at(parent))?;
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(at(&staging))?;
        }
        fs::create_dir(&staging).map_err(at(&staging))?;
        Ok(Output {
            mode: Mode::Staged {
                target: target.to_path_buf(),
                staging,
                committed: false,
            },
            files: AtomicUsize::new(0),
        })
    }

    pub fn memory() -> Output {
        Output {
            mode: Mode::Memory(Mutex::new(BTreeMap::new())),
            files: AtomicUsize::new(0),
        }
    }

    /// The files of a memory output, by relative path (empty for the other modes).
    pub fn into_files(mut self) -> BTreeMap<String, Vec<u8>> {
        match &mut self.mode {
            Mode::Memory(files) => {
                std::mem::take(files.get_mut().unwrap_or_else(PoisonError::into_inner))
            }
            _ => BTreeMap::new(),
        }
    }

    pub fn discard() -> Output {
        Output {
            mode: Mode::Discard,
            files: AtomicUsize::new(0),
        }
    }

    /// Number of files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Writes `bytes` at `rel`, a relative path with `/` separators and no `..`.
    /// Safe to call from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let rel_path = Path::new(rel);
        if rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(OutputError {
                path: rel_path.to_path_buf(),
                source: io::Error::other("unsafe output path"),
            });
        }
        match &self.mode {
            Mode::Staged { staging, .. } => {
                let path = staging.join(rel_path);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(at(parent))?;
                }
                fs::write(&path, bytes).map_err(at(&path))?;
            }
            Mode::Memory(files) => {
                files
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(rel.to_owned(), bytes.to_vec());
            }
            Mode::Discard => {}
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Replaces the target folder with the staged one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let Mode::Staged {
            target,
            staging,
            committed,
        } = &mut self.mode
        else {
            return Ok(());
        };
        if target.exists() {
            let old = staging.with_file_name(format!(
                ".{}.old-{}",
                target
                    .file_name()
                    .map_or_else(|| "public".into(), |n| n.to_string_lossy()),
                std::process::id()
            ));
            if old.exists() {
                fs::remove_dir_all(&old).map_err(at(&old))?;
            }
            fs::rename(&*target, &old).map_err(at(target))?;
            if let Err(e) = fs::rename(&*staging, &*target) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&old, &*target);
                return Err(OutputError {
                    path: target.clone(),
                    source: e,
                });
            }
            *committed = true;
            fs::remove_dir_all(&old).map_err(at(&old))?;
        } else {
            fs::rename(&*staging, &*target).map_err(at(target))?;
            *committed = true;
        }
        Ok(())
    }
}

impl Drop for Output {
    /// An uncommitted staging folder is removed, so a failed build leaves nothing behind.
    fn drop(&mut self) {
        if let Mode::Staged {
            staging,
            committed: false,
            ..
        } = &self.mode
        {
            let _ = fs::remove_dir_all(staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_old_output_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir_all(target.join("old")).unwrap();
        fs::write(target.join("old/stale.html"), "stale").unwrap();

        let out = Output::staged(&target).unwrap();
        out.write("codes/404/index.html", b"new").unwrap();
        out.commit().unwrap();

        assert_eq!(
            fs::read_to_string(target.join("codes/404/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("old").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn dropping_without_commit_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("index.html"), "old").unwrap();

        let out = Output::staged(&target).unwrap();
        out.write("index.html", b"new").unwrap();
        drop(out);

        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_paths_that_escape_the_output() {
        let out = Output::discard();
        assert!(out.write("../escape.html", b"x").is_err());
        assert!(out.write("/etc/passwd", b"x").is_err());
        assert!(out.write("ok/index.html", b"x").is_ok());
    }
}
