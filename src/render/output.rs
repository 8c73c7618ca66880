//! The one place that writes the site: files go to a staging folder beside the output folder,
//! which is swapped with the output in one atomic step when the whole build has succeeded.
//!
//! A failed build drops the staging folder and leaves the previous output exactly as it was; a
//! successful one leaves no stale files behind, because the old folder is replaced, not updated.
//! Only a folder that httpref wrote (it holds [`MARKER`]) or an empty one is ever replaced, and
//! leftovers of builds that were killed are removed by the next build, when provably ours.
//!
//! A file whose bytes equal the previous output's file at the same path is hard-linked from it
//! instead of written (see [`reuse`]), so unchanged files keep their inode and modification time
//! through the swap and deploy tools that sync by time and size upload only what changed.

mod paths;
mod reuse;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use sha2::Digest;

use crate::files;
use paths::Paths;

/// The file that marks a folder as httpref's output (and a staging folder as httpref's).
pub const MARKER: &str = ".httpref-output";

const MARKER_TEXT: &str =
    "This folder is written by `httpref build`; the next build replaces it as a whole.\n";

/// Where rendered files go.
#[derive(Debug)]
pub struct Output {
    mode: Mode,
    files: AtomicUsize,
    /// Every path written so far: a second write to one, or to one that is the same file on a
    /// case-insensitive host, or a file where another needs a folder, is refused, never a silent
    /// overwrite.
    written: Mutex<Paths>,
    /// Size and SHA-256 of every file written (but to memory, which keeps the bytes), for the
    /// offline precache list and its version.
    digests: Mutex<BTreeMap<String, Written>>,
}

/// What was written at one path: its size and content digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub len: usize,
    pub sha256: [u8; 32],
}

impl Written {
    fn of(bytes: &[u8]) -> Written {
        Written {
            len: bytes.len(),
            sha256: sha2::Sha256::digest(bytes).into(),
        }
    }
}

#[derive(Debug)]
enum Mode {
    /// Write into `staging`, then swap it into `target` on commit.
    Staged {
        target: PathBuf,
        staging: PathBuf,
        committed: bool,
        /// The regular files of the previous output, which unchanged files are linked from.
        previous: reuse::Previous,
    },
    /// Keep the files in memory (`httpref serve`).
    Memory(Mutex<BTreeMap<String, Arc<[u8]>>>),
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

fn refused(path: &Path, why: String) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        source: io::Error::other(why),
    }
}

impl Output {
    fn new(mode: Mode) -> Output {
        Output {
            mode,
            files: AtomicUsize::new(0),
            written: Mutex::new(Paths::default()),
            digests: Mutex::new(BTreeMap::new()),
        }
    }

    /// Prepares a fresh staging folder beside `target`, after removing what killed builds left
    /// there. Refuses a target that is a file, or a non-empty folder httpref did not write.
    pub fn staged(target: &Path) -> Result<Output, OutputError> {
        let target = resolve(target)?;
        if target.exists() {
            if !target.is_dir() {
                return Err(refused(
                    &target,
                    "the output path exists and is not a folder".into(),
                ));
            }
            let empty = fs::read_dir(&target).map_err(at(&target))?.next().is_none();
            if !empty && !target.join(MARKER).is_file() {
                return Err(refused(
                    &target,
                    format!(
                        "refusing to replace this folder: it is not empty and httpref did not \
                         write it (it has no {MARKER} file). Build into a new or empty folder \
                         with --out, or move its files elsewhere first"
                    ),
                ));
            }
        }
        let (parent, name) = split(&target);
        fs::create_dir_all(parent).map_err(at(parent))?;
        remove_leftovers(parent, &name);
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            remove_ours(&staging).map_err(at(&staging))?;
        }
        fs::create_dir(&staging).map_err(at(&staging))?;
        // Only a marked folder is ours to reuse files from; an empty one has none anyway.
        let previous = if target.join(MARKER).is_file() {
            reuse::Previous::scan(&target)
        } else {
            reuse::Previous::default()
        };
        previous
            .put(&staging, Path::new(MARKER), MARKER_TEXT.as_bytes())
            .map_err(at(&staging.join(MARKER)))?;
        Ok(Output::new(Mode::Staged {
            target,
            staging,
            committed: false,
            previous,
        }))
    }

    pub fn memory() -> Output {
        Output::new(Mode::Memory(Mutex::new(BTreeMap::new())))
    }

    /// The files of a memory output, by relative path (empty for the other modes).
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        (self.into_shared_files().into_iter())
            .map(|(path, bytes)| (path, bytes.to_vec()))
            .collect()
    }

    /// The files of a memory output, sharing their bytes with whoever wrote them shared (see
    /// [`Output::write_shared`]).
    pub fn into_shared_files(mut self) -> BTreeMap<String, Arc<[u8]>> {
        match &mut self.mode {
            Mode::Memory(files) => {
                std::mem::take(files.get_mut().unwrap_or_else(PoisonError::into_inner))
            }
            _ => BTreeMap::new(),
        }
    }

    /// Whether a file has been written at `rel`.
    pub fn has(&self, rel: &str) -> bool {
        let written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        written
            .files
            .get(&files::folded(rel))
            .is_some_and(|file| file == rel)
    }

    /// The file written so far that `rel` clashes with, if any (see `Paths::clash`).
    pub fn clash(&self, rel: &str) -> Option<String> {
        self.written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clash(rel)
    }

    /// Every file written so far, by path, with its size and digest (sorted by path).
    pub fn written(&self) -> BTreeMap<String, Written> {
        match &self.mode {
            Mode::Memory(files) => files
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .map(|(path, bytes)| (path.clone(), Written::of(bytes)))
                .collect(),
            _ => self
                .digests
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }

    /// Number of files written so far.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Writes `bytes` at `rel`, a relative path with `/` separators and no `..`, once: a second
    /// write to the same path is an error. Safe to call from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.put(rel, bytes, None)
    }

    /// [`Output::write`] for bytes that a memory output keeps without copying them (a page that
    /// `httpref serve` kept from the previous render).
    pub fn write_shared(&self, rel: &str, bytes: Arc<[u8]>) -> Result<(), OutputError> {
        self.put(rel, &bytes, Some(&bytes))
    }

    fn put(&self, rel: &str, bytes: &[u8], shared: Option<&Arc<[u8]>>) -> Result<(), OutputError> {
        let rel_path = Path::new(rel);
        if rel == MARKER
            || rel_path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(refused(rel_path, "unsafe output path".into()));
        }
        if let Err(paths::Taken(other)) = self
            .written
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(rel)
        {
            let why = if other == rel {
                "two files of the site would be written at this path".to_owned()
            } else {
                format!(
                    "two files of the site would be one on a case-insensitive host: this path and `{other}`"
                )
            };
            return Err(refused(rel_path, why));
        }
        // A memory output keeps the bytes, so it digests them only when asked.
        if !matches!(self.mode, Mode::Memory(_)) {
            self.digests
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(rel.to_owned(), Written::of(bytes));
        }
        match &self.mode {
            Mode::Staged {
                staging, previous, ..
            } => {
                let path = staging.join(rel_path);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(at(parent))?;
                }
                previous.put(staging, rel_path, bytes).map_err(at(&path))?;
            }
            Mode::Memory(files) => {
                files.lock().unwrap_or_else(PoisonError::into_inner).insert(
                    rel.to_owned(),
                    shared.map_or_else(|| bytes.into(), Arc::clone),
                );
            }
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Replaces the target folder with the staged one: in one atomic exchange where the platform
    /// has one (so the target always exists and is always one whole site), else by two renames.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let Mode::Staged {
            target,
            staging,
            committed,
            ..
        } = &mut self.mode
        else {
            return Ok(());
        };
        if !target.exists() {
            fs::rename(&*staging, &*target).map_err(at(target))?;
            *committed = true;
            return Ok(());
        }
        if exchange(staging, target).map_err(at(target))? {
            // The staging path now holds the previous site.
            *committed = true;
            let _ = remove_ours(staging);
            return Ok(());
        }
        let (parent, name) = split(target);
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if old.exists() {
            remove_ours(&old).map_err(at(&old))?;
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
        // A leftover is removed by the next build.
        let _ = remove_ours(&old);
        Ok(())
    }
}

/// The output path made absolute with links resolved (`..` and `.` included), so that its
/// parent and name are real: `--out ..` names a folder, not a path component.
fn resolve(target: &Path) -> Result<PathBuf, OutputError> {
    if target.exists() {
        return fs::canonicalize(target).map_err(at(target));
    }
    let name = target
        .file_name()
        .ok_or_else(|| refused(target, "the output path has no folder name".into()))?;
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(at(parent))?;
    Ok(fs::canonicalize(parent).map_err(at(parent))?.join(name))
}

/// A resolved output path's parent folder and name.
fn split(target: &Path) -> (&Path, String) {
    let parent = target.parent().unwrap_or(Path::new("/"));
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// Removes a folder of ours with its marker last, so that a kill at any moment leaves a folder
/// that is still marked, or an empty one: either is recognisably ours next time.
fn remove_ours(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// Removes `.<name>.staging-<pid>` and `.<name>.old-<pid>` folders beside the output that a
/// killed build left, when provably ours: the process is gone, and the folder holds
/// [`MARKER`] (or is empty, as a build killed right after creating it leaves it).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let path = entry.path();
        if !entry.file_type().is_ok_and(|t| t.is_dir()) || process_is_running(pid) {
            continue;
        }
        if path.join(MARKER).is_file() {
            let _ = remove_ours(&path);
        } else {
            // Succeeds only on an empty folder.
            let _ = fs::remove_dir(&path);
        }
    }
}

#[cfg(unix)]
fn process_is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 checks for existence; EPERM means it exists but belongs to someone else.
    // SAFETY: kill with signal 0 sends nothing.
    let status = unsafe { libc::kill(pid, 0) };
    status == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_is_running(_pid: u32) -> bool {
    // Without a way to tell, assume it is: a leftover is better than a live build's folder lost.
    true
}

/// Swaps two folders in one step. `Ok(false)` where the platform or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths; renameat2 reads them and nothing else.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
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
            let _ = remove_ours(staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder as a previous build left it: marked, with `files` in it.
    fn previous_build(target: &Path, files: &[(&str, &str)]) {
        let out = Output::staged(target).unwrap();
        for (rel, text) in files {
            out.write(rel, text.as_bytes()).unwrap();
        }
        out.commit().unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_the_old_output_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        previous_build(&target, &[("old/stale.html", "stale")]);

        let out = Output::staged(&target).unwrap();
        out.write("codes/404/index.html", b"new").unwrap();
        out.commit().unwrap();

        assert_eq!(
            fs::read_to_string(target.join("codes/404/index.html")).unwrap(),
            "new"
        );
        assert!(!target.join("old").exists());
        assert!(target.join(MARKER).is_file());
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn dropping_without_commit_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        previous_build(&target, &[("index.html", "old")]);

        let out = Output::staged(&target).unwrap();
        out.write("index.html", b"new").unwrap();
        drop(out);

        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "old"
        );
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn refuses_paths_that_escape_the_output() {
        let out = Output::memory();
        assert!(out.write("../escape.html", b"x").is_err());
        assert!(out.write("/etc/passwd", b"x").is_err());
        assert!(out.write(MARKER, b"x").is_err());
        assert!(out.write("ok/index.html", b"x").is_ok());
    }

    #[test]
    fn refuses_a_second_write_to_one_path() {
        let out = Output::memory();
        out.write("codes/404/index.html", b"page").unwrap();
        let e = out.write("codes/404/index.html", b"static").unwrap_err();
        assert!(e.to_string().contains("two files"), "{e}");
        assert_eq!(out.into_files()["codes/404/index.html"], b"page");
    }

    #[test]
    fn never_replaces_a_folder_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        fs::create_dir(&docs).unwrap();
        fs::write(docs.join("notes.txt"), "mine").unwrap();

        let e = Output::staged(&docs).unwrap_err();
        assert!(e.to_string().contains("httpref did not write it"), "{e}");
        assert_eq!(fs::read_to_string(docs.join("notes.txt")).unwrap(), "mine");
        assert_eq!(names(dir.path()), ["docs"], "no staging folder left");

        // An empty folder is fine to fill.
        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        Output::staged(&empty).unwrap().commit().unwrap();
        assert!(empty.join(MARKER).is_file());
    }

    #[test]
    fn resolves_dot_dot_to_the_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("site");
        fs::create_dir(&inner).unwrap();
        fs::write(dir.path().join("keep.txt"), "x").unwrap();
        let e = Output::staged(&inner.join("..")).unwrap_err();
        assert!(e.to_string().contains("httpref did not write it"), "{e}");
        assert_eq!(e.path, fs::canonicalize(dir.path()).unwrap());
    }

    #[test]
    fn removes_leftovers_of_killed_builds_that_are_provably_ours() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        previous_build(&target, &[("index.html", "old")]);
        // A process that has ended: its pid is free.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        let dead = child.id();
        let leftover = |name: String, marked: bool| {
            let path = dir.path().join(name);
            fs::create_dir(&path).unwrap();
            if marked {
                fs::write(path.join(MARKER), MARKER_TEXT).unwrap();
            }
        };
        leftover(format!(".public.staging-{dead}"), true);
        leftover(format!(".public.old-{dead}"), true);
        // Not provably ours: no marker, and files in it.
        leftover(format!(".public.old-{}", dead + 1_000_000), false);
        fs::write(
            dir.path()
                .join(format!(".public.old-{}", dead + 1_000_000))
                .join("keep.txt"),
            "x",
        )
        .unwrap();
        // Killed between creating the folder and marking it: empty, so removable.
        leftover(format!(".public.staging-{}", dead + 2_000_000), false);
        leftover(".public.staging-1".into(), true); // pid 1 is alive
        leftover(format!(".other.staging-{dead}"), true); // another output's

        let out = Output::staged(&target).unwrap();
        out.write("index.html", b"new").unwrap();
        out.commit().unwrap();

        assert_eq!(
            names(dir.path()),
            [
                format!(".other.staging-{dead}"),
                format!(".public.old-{}", dead + 1_000_000),
                ".public.staging-1".to_owned(),
                "public".to_owned()
            ]
        );
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "new"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_swap_is_one_exchange() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("f"), "a").unwrap();
        fs::write(b.join("f"), "b").unwrap();
        assert!(exchange(&a, &b).unwrap());
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "b");
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "a");
    }
}
