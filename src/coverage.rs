//! `httpref translations`: how far each language's translation has come (files translated, by
//! kind and overall; the missing and the outdated ones, with the date English changed) and, for
//! one outdated file, the English changes since the version it translates.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::Site;
use crate::model::translation::{PageState, Translation};
use crate::routes::Kind;

/// Why the report cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The content does not load: its problems.
    #[error("{0}")]
    Content(crate::Diagnostics),
    /// The arguments name no language or file of the site.
    #[error("{0}")]
    Arguments(String),
    /// The old English text could not be had from git.
    #[error("{0}")]
    History(String),
}

/// The coverage report of `lang`, or of every language of `translations:`.
pub fn report(site: &Site, lang: Option<&str>) -> Result<String, ReportError> {
    let languages = select(site, lang)?;
    let mut out = String::new();
    for translation in languages {
        language(site, translation, &mut out);
    }
    Ok(out)
}

/// The translations the arguments ask for.
fn select<'s>(site: &'s Site, lang: Option<&str>) -> Result<Vec<&'s Translation>, ReportError> {
    let codes: Vec<&str> = (site.translations.iter())
        .map(|t| t.config.code.as_str())
        .collect();
    match lang {
        None if codes.is_empty() => Err(ReportError::Arguments(
            "the site has no translations: list them under `translations:` in content/site.yaml"
                .to_owned(),
        )),
        None => Ok(site.translations.iter().collect()),
        Some(code) => (site.translations.iter())
            .find(|t| t.config.code == code)
            .map(|t| vec![t])
            .ok_or_else(|| {
                ReportError::Arguments(format!(
                    "`{code}` is not a language of the site (translations: {})",
                    codes.join(", ")
                ))
            }),
    }
}

/// Every English content file of each kind, by path.
fn english_files(site: &Site) -> BTreeMap<Kind, Vec<&PathBuf>> {
    let mut files = BTreeMap::new();
    for &kind in Kind::ALL {
        let paths: Vec<&PathBuf> = match kind {
            Kind::Code => site.codes.values().map(|p| &p.source).collect(),
            Kind::Class => site.classes.values().map(|p| &p.source).collect(),
            Kind::Compare => site.comparisons.values().map(|p| &p.source).collect(),
            Kind::Guide => site.guides.values().map(|p| &p.source).collect(),
            Kind::Header => site.headers.values().map(|p| &p.source).collect(),
            Kind::Tree => site.trees.0.values().map(|t| &t.source).collect(),
            Kind::Practice => site.practice.values().map(|s| &s.source).collect(),
        };
        files.insert(kind, paths);
    }
    files
}

fn percent(done: usize, total: usize) -> f64 {
    if total == 0 {
        100.0
    } else {
        #[expect(clippy::cast_precision_loss, reason = "file counts are small")]
        let share = done as f64 * 100.0 / total as f64;
        share
    }
}

/// One language's lines: the total, each kind, then the missing and the outdated files.
fn language(site: &Site, t: &Translation, out: &mut String) {
    let files = english_files(site);
    let total: usize = files.values().map(Vec::len).sum();
    let done = t.pages.len();
    let outdated: Vec<(&PathBuf, &Option<String>)> = (t.pages.iter())
        .filter_map(|(path, state)| match state {
            PageState::Outdated { since, .. } => Some((path, since)),
            PageState::Current => None,
        })
        .collect();
    let _ = writeln!(
        out,
        "{}: {done} of {total} files translated ({:.1}%), {} outdated",
        t.config.code,
        percent(done, total),
        outdated.len()
    );
    for (kind, paths) in &files {
        let translated = paths.iter().filter(|p| t.pages.contains_key(**p)).count();
        let _ = writeln!(
            out,
            "  {:<10} {translated:>4} / {:<4} {:>5.1}%",
            kind.folder(),
            paths.len(),
            percent(translated, paths.len())
        );
    }
    let missing: Vec<&&PathBuf> = files
        .values()
        .flatten()
        .filter(|p| !t.pages.contains_key(**p))
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(out, "  missing ({}):", missing.len());
        for path in missing {
            let _ = writeln!(out, "    {}", path.display());
        }
    }
    if !outdated.is_empty() {
        let _ = writeln!(out, "  outdated ({}):", outdated.len());
        for (path, since) in outdated {
            let file = t
                .files
                .get(path)
                .map_or(String::new(), |f| f.display().to_string());
            let since = since
                .as_deref()
                .map_or("(date unknown)".to_owned(), |d| format!("since {d}"));
            let _ = writeln!(out, "    {file}: {} changed {since}", path.display());
        }
    }
}

/// The English changes since the version the translation file `file` translates: a unified diff
/// of the recorded version (`git cat-file blob`) against the English file as it is now.
pub fn diff(
    root: &Path,
    site: &Site,
    lang: Option<&str>,
    file: &Path,
) -> Result<String, ReportError> {
    let file = file.strip_prefix(root).unwrap_or(file);
    let found = (select(site, lang)?.into_iter())
        .flat_map(|t| t.files.iter().map(move |(english, f)| (t, english, f)))
        .find(|(_, _, f)| f.as_path() == file);
    let Some((t, english, _)) = found else {
        return Err(ReportError::Arguments(format!(
            "{} is not a translation file of the site (such as content/es/codes/429.md)",
            file.display()
        )));
    };
    let Some(PageState::Outdated { source, .. }) = t.pages.get(english) else {
        return Ok(format!(
            "{} translates {} as it is now: nothing changed.\n",
            file.display(),
            english.display()
        ));
    };
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "blob", source])
        .output()
        .map_err(|e| ReportError::History(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(ReportError::History(format!(
            "git has no version {source} of {} (is this a clone with its history?)",
            english.display()
        )));
    }
    let old = String::from_utf8_lossy(&output.stdout).into_owned();
    let new = std::fs::read_to_string(root.join(english))
        .map_err(|e| ReportError::History(format!("{}: {e}", english.display())))?;
    let label = english.display().to_string();
    Ok(unified(
        &old,
        &new,
        &format!("{label} @ {source}"),
        &format!("{label} (now)"),
    ))
}

/// A unified diff of two texts by line, with three lines of context (longest common
/// subsequence; files too long for it are shown whole, removed then added).
fn unified(old: &str, new: &str, from: &str, to: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let ops = line_ops(&a, &b);
    let mut out = format!("--- {from}\n+++ {to}\n");
    let changed: Vec<usize> = (0..ops.len()).filter(|&i| ops[i].0 != ' ').collect();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(3);
        let mut end = changed[i] + 3;
        while i + 1 < changed.len() && changed[i + 1] <= end + 3 {
            i += 1;
            end = changed[i] + 3;
        }
        let end = end.min(ops.len() - 1);
        let hunk = &ops[start..=end];
        let (old_at, new_at) = (hunk[0].1, hunk[0].2);
        let old_len = hunk.iter().filter(|op| op.0 != '+').count();
        let new_len = hunk.iter().filter(|op| op.0 != '-').count();
        let _ = writeln!(
            out,
            "@@ -{},{old_len} +{},{new_len} @@",
            old_at + 1,
            new_at + 1
        );
        for (op, ai, bi) in hunk {
            let line = if *op == '+' { b[*bi] } else { a[*ai] };
            let _ = writeln!(out, "{op}{line}");
        }
        i += 1;
    }
    out
}

/// Each line of the diff: ` `, `-` or `+`, and its line index in `a` and `b` (the next one's,
/// for a line the other side lacks).
fn line_ops(a: &[&str], b: &[&str]) -> Vec<(char, usize, usize)> {
    const MAX_CELLS: usize = 25_000_000;
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS {
        let removed = (0..n).map(|i| ('-', i, 0));
        return removed.chain((0..m).map(|j| ('+', n, j))).collect();
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', i, j));
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', i, j));
            i += 1;
        } else {
            ops.push(('+', i, j));
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_shows_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
        assert_eq!(
            unified(old, new, "old", "new"),
            "--- old\n+++ new\n@@ -1,8 +1,9 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n+i\n"
        );
        assert_eq!(unified("x\n", "x\n", "o", "n"), "--- o\n+++ n\n");
    }
}
