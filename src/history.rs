//! When each file last changed, from the repository's history: the committer date (UTC) of the
//! last commit that touched it. Read once per load with one `git log` over `content/` and
//! `templates/`, so a build of a given commit shows the same dates wherever it runs.
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
                "--name-only",
                "--relative",
                "--",
                "content",
                "templates",
            ],
        );
        log.map(|log| History::parse(&log)).unwrap_or_default()
    }

    /// Parses `git log --format=%x01<date> --name-only`, newest commit first: a file's first
    /// appearance is its last change.
    fn parse(log: &str) -> History {
        let mut dates = BTreeMap::new();
        let mut date = None;
        for line in log.lines() {
            if let Some(d) = line.strip_prefix('\u{1}') {
                date = Some(d.trim().to_owned());
            } else if let (Some(d), false) = (&date, line.trim().is_empty()) {
                dates.entry(line.to_owned()).or_insert_with(|| d.clone());
            }
        }
        History { dates }
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
        let log = "\u{1}2026-12-05\n\ncontent/codes/404.md\n\n\u{1}2026-11-30\n\ncontent/codes/404.md\ncontent/codes/500.md\n";
        let history = History::parse(log);
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
