//! Whether a translation translates the English file as it is now: its `source:` against the
//! English file's git blob id, computed here as `git hash-object` does (no git needed), and,
//! when they differ, since when the English file changed (from the history, when there is one).

use std::path::Path;

use sha1::{Digest, Sha1};

use crate::diagnostics::Diagnostic;
use crate::history::History;
use crate::model::translation::PageState;

/// The git blob id of `bytes`: the SHA-1 of `blob <length>\0` followed by the bytes, in hex.
pub(crate) fn blob_id(bytes: &[u8]) -> String {
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `source` is written as a blob id: 40 lower-case hexadecimal digits.
pub(super) fn is_blob_id(source: &str) -> bool {
    source.len() == 40
        && source
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The state of a translation whose `source:` is `recorded`, of the English file `english`
/// (relative to the root) whose blob id is now `current`.
pub(super) fn state(history: &History, english: &Path, recorded: &str, current: &str) -> PageState {
    if recorded == current {
        return PageState::Current;
    }
    let since = history.changed_since(&english.to_string_lossy(), recorded);
    PageState::Outdated {
        source: recorded.to_owned(),
        since: since.map(str::to_owned),
    }
}

/// The warning for an outdated translation, at its `source:` (`at`), and how to catch up.
pub(super) fn warning(
    at: Diagnostic,
    english: &Path,
    translation: &Path,
    since: Option<&str>,
    lang: &str,
) -> Diagnostic {
    let english = english.to_string_lossy();
    let since = since.map_or_else(
        || {
            "English changed since (no date: that version has no later commit in the history)"
                .to_owned()
        },
        |date| format!("English changed since {date}"),
    );
    Diagnostic {
        message: format!("translates an older version of {english}; {since}"),
        ..at
    }
    .expected(format!("`source:` to be the blob id of {english} as it is now"))
    .hint(format!(
        "see what changed with `httpref translations {lang} --diff {}`, bring the translation up to date, then write `git hash-object {english}` in `source:`",
        translation.to_string_lossy()
    ))
    .warning()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(
            blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        // The empty blob.
        assert_eq!(blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assert!(is_blob_id("ce013625030ba8dba906f756967f9e9ca394464a"));
        assert!(!is_blob_id("CE013625030BA8DBA906F756967F9E9CA394464A"));
        assert!(!is_blob_id("ce01362"));
    }
}
