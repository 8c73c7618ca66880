//! The browser-support table of a code page, from the BCD extract.

use serde::Serialize;

use crate::compat::{Added, BROWSERS, Entry, Extract, Support};

#[derive(Debug, Clone, Serialize)]
pub struct CompatView {
    /// BCD's release and its date.
    pub version: String,
    pub date: String,
    pub mdn_url: Option<String>,
    /// Column headings after the browser: the code itself (`None`), then sub-features by
    /// their description (`rel=preload`).
    pub features: Vec<Option<String>>,
    /// Desktop browsers, then mobile ones.
    pub groups: Vec<GroupView>,
    /// The notes the cells refer to, numbered from 1 in order of first mention.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub mobile: bool,
    pub rows: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub browser: &'static str,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The version that added support (`103`), when `added` is `version`.
    pub version: Option<String>,
    /// `version`, `yes`, `no` or `unknown` (see [`added`]).
    pub added: &'static str,
    /// The version that removed support, if any.
    pub removed: Option<String>,
    /// Partly implemented.
    pub partial: bool,
    /// Only behind a flag or preference.
    pub flag: bool,
    /// `yes`, `no`, `partial` or `unknown`.
    pub state: &'static str,
    /// Numbers of the notes that apply (1-based).
    pub notes: Vec<usize>,
}

/// `version`, `yes`, `no` or `unknown`: what a cell says before the removal, partial and flag
/// marks (the words are the interface catalogue's).
fn added(support: &Support) -> &'static str {
    match &support.version_added {
        Some(Added::Version(_)) => "version",
        Some(Added::Known(true)) => "yes",
        Some(Added::Known(false)) => "no",
        None => "unknown",
    }
}

/// The table for `code`, if the extract has data for it.
pub fn view(extract: Option<&Extract>, code: u16) -> Option<CompatView> {
    let extract = extract?;
    let entry: &Entry = extract.status.get(&code.to_string())?;
    let mut notes: Vec<String> = Vec::new();
    let mut groups = vec![
        GroupView {
            mobile: false,
            rows: Vec::new(),
        },
        GroupView {
            mobile: true,
            rows: Vec::new(),
        },
    ];
    for (id, name, mobile) in BROWSERS {
        let cells = entry
            .features
            .iter()
            .map(|feature| match feature.support.get(id) {
                Some(support) => CellView {
                    version: match &support.version_added {
                        Some(Added::Version(v)) => Some(v.clone()),
                        _ => None,
                    },
                    added: added(support),
                    removed: support.version_removed.clone(),
                    partial: support.partial_implementation,
                    flag: support.flags,
                    state: support.state(),
                    notes: support
                        .notes
                        .iter()
                        .map(|note| match notes.iter().position(|n| n == note) {
                            Some(i) => i + 1,
                            None => {
                                notes.push(note.clone());
                                notes.len()
                            }
                        })
                        .collect(),
                },
                None => CellView {
                    version: None,
                    added: "unknown",
                    removed: None,
                    partial: false,
                    flag: false,
                    state: "unknown",
                    notes: Vec::new(),
                },
            })
            .collect();
        groups[usize::from(mobile)].rows.push(RowView {
            browser: name,
            cells,
        });
    }
    Some(CompatView {
        version: extract.version.clone(),
        date: extract.date.clone(),
        mdn_url: entry.mdn_url.clone(),
        features: entry
            .features
            .iter()
            .enumerate()
            .map(|(i, f)| (i > 0).then(|| f.description.clone().unwrap_or(f.id.clone())))
            .collect(),
        groups,
        notes,
    })
}
