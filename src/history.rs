//! When each file last changed, from the repository's history: the committer date (UTC) of the
//! last commit that touched it, and the versions (git blob ids) each content file has had, so
//! that a translation of an older version can say since when the English file changed. Read
//! once per load with one `git log` over `content/` and `templates/`, so a build of a given
//! commit shows the same dates wherever it runs.
//!
//! Fallback: where there is no history to read (not a git checkout, no `git` command, a shallow
//! clone whose oldest commit would claim every older file, or files never committed) pages show
//! no date. Nothing fails because of it.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// The date (`YYYY-MM-DD`, UTC) each committed file last changed, by path relative to the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    dates: BTreeMap<String, String>,
    /// Each content file's versions, newest first: the blob id a commit left and its date.
    versions: BTreeMap<String, Vec<(String, String)>>,
}

impl History {
    /// Reads the history of `root`'s `content/` and `templates/`; empty where there is none.
    pub fn read(root: &Path) -> History {
        if git(root, &["rev-parse", "--is-shallow-repository"]).as_deref() != Some("false\n") {
            return History::default();
        }
        let log = git(
            root,
            &[
                "-c",
                "core.quotepath=off",
                "log",
                "--no-merges",
                "--format=%x01%cd",
                "--date=format-local:%Y-%m-%d",
                "--raw",
                "--no-abbrev",
                "--no-renames",
                "--relative",
                "--",
                "content",
                "templates",
            ],
        );
        log.map(|log| History::parse(&log)).unwrap_or_default()
    }

    /// Parses `git log --format=%x01<date> --raw --no-abbrev`, newest commit first: a file's
    /// first appearance is its last change. A raw line is `:<mode> <mode> <old blob> <new blob>
    /// <status>\t<path>`.
    fn parse(log: &str) -> History {
        let mut history = History::default();
        let mut date = None;
        for line in log.lines() {
            if let Some(d) = line.strip_prefix('\u{1}') {
                date = Some(d.trim().to_owned());
                continue;
            }
            let (Some(d), Some((meta, path))) = (&date, line.split_once('\t')) else {
                continue;
            };
            let path = path.to_owned();
            if let Some(blob) = meta.split_whitespace().nth(3) {
                (history.versions.entry(path.clone()).or_default())
                    .push((blob.to_owned(), d.clone()));
            }
            history.dates.entry(path).or_insert_with(|| d.clone());
        }
        history
    }

    /// The date of the first commit that changed `source` after the one that left it as
    /// `blob`: since when a translation of that version is out of date. `None` when `blob` is
    /// no committed version of `source` (or no history could be read).
    pub fn changed_since(&self, source: &str, blob: &str) -> Option<&str> {
        let versions = self.versions.get(source)?;
        let made = versions.iter().position(|(b, _)| b == blob)?;
        made.checked_sub(1).map(|newer| versions[newer].1.as_str())
    }

    /// The last change of `source` (a file, or a folder: its newest file), if it is committed.
    pub fn updated(&self, source: &str) -> Option<&str> {
        let folder = format!("{}/", source.trim_end_matches('/'));
        self.dates
            .iter()
            .filter(|(path, _)| *path == source || path.starts_with(&folder))
            .map(|(_, date)| date.as_str())
            .max()
    }
}

/// Runs `git` in `root` with a fixed time zone; its output, or `None` if it could not run or failed.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("TZ", "UTC")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_files_newest_commit_gives_its_date_and_a_folder_takes_its_newest_file() {
        let log = "\u{1}2026-12-05\n\n:100644 100644 aaa bbb M\tcontent/codes/404.md\n\n\u{1}2026-11-30\n\n:000000 100644 000 aaa A\tcontent/codes/404.md\n:000000 100644 000 ccc A\tcontent/codes/500.md\n";
        let history = History::parse(log);
        assert_eq!(
            history.changed_since("content/codes/404.md", "aaa"),
            Some("2026-12-05")
        );
        assert_eq!(history.changed_since("content/codes/404.md", "bbb"), None);
        assert_eq!(history.changed_since("content/codes/404.md", "zzz"), None);
        assert_eq!(history.updated("content/codes/404.md"), Some("2026-12-05"));
        assert_eq!(history.updated("content/codes/500.md"), Some("2026-11-30"));
        assert_eq!(history.updated("content/codes"), Some("2026-12-05"));
        assert_eq!(history.updated("content/code"), None);
        assert_eq!(history.updated("content/codes/418.md"), None);
    }

    #[test]
    fn a_folder_outside_any_repository_has_no_history() {
        let dir = std::env::temp_dir().join(format!("httpref-history-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let history = History::read(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(history, History::default());
    }
}
