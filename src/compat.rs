//! Browser support for status codes, from MDN's browser-compat-data (BCD, CC0).
//!
//! The repository keeps an extract of BCD's `http.status` entries in
//! `content/compat/http-status.json`, written by `httpref compat update FILE` from the `data.json`
//! of the `@mdn/browser-compat-data` npm package. The extract keeps, per code and per feature
//! (the code itself and BCD's sub-features, such as 103's `rel=preload`), each browser's current
//! support statement, with BCD's notes as plain text; and BCD's version and release date.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostics::Diagnostics;
use crate::source::SourceFile;

/// The extract, relative to `content/`.
pub const FILE: &str = "compat/http-status.json";
/// What the extract's `source` says.
pub const SOURCE: &str = "@mdn/browser-compat-data";

/// The browsers a support table shows, in order, with their names; desktop first.
pub const BROWSERS: [(&str, &str, bool); 10] = [
    ("chrome", "Chrome", false),
    ("edge", "Edge", false),
    ("firefox", "Firefox", false),
    ("safari", "Safari", false),
    ("opera", "Opera", false),
    ("chrome_android", "Chrome Android", true),
    ("firefox_android", "Firefox Android", true),
    ("safari_ios", "Safari on iOS", true),
    ("samsunginternet_android", "Samsung Internet", true),
    ("webview_android", "Android WebView", true),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extract {
    /// Always `@mdn/browser-compat-data`.
    pub source: String,
    pub license: String,
    /// BCD's release (`8.1.9`) and its date (`2026-11-12`).
    pub version: String,
    pub date: String,
    /// By status code.
    pub status: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mdn_url: Option<String>,
    /// The code itself first (its `id` is the code), then BCD's sub-features.
    pub features: Vec<Feature>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub id: String,
    /// BCD's description as text (`rel=preload`); none for the code itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// By BCD browser id.
    pub support: BTreeMap<String, Support>,
}

/// A browser's current support statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// A version (`"103"`, `"≤37"`, `"preview"`), `true` (supported, version unknown), `false`
    /// (not supported) or null (unknown).
    pub version_added: Option<Added>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_removed: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial_implementation: bool,
    /// Only behind a flag or preference.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flags: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Added {
    Version(String),
    Known(bool),
}

impl Support {
    /// The support in a line of `compat update`'s report: `103`, `Yes`, `No`, `?`, with removal,
    /// partial and flag marks (pages word it through the interface catalogue instead).
    pub fn label(&self) -> String {
        let mut text = match &self.version_added {
            Some(Added::Version(v)) => v.clone(),
            Some(Added::Known(true)) => "Yes".into(),
            Some(Added::Known(false)) => "No".into(),
            None => "?".into(),
        };
        if let Some(removed) = &self.version_removed {
            text = format!("{text}–{removed} (removed)");
        }
        if self.partial_implementation {
            text.push_str(" (partial)");
        }
        if self.flags {
            text.push_str(" (flag)");
        }
        text
    }

    /// `yes`, `no`, `partial` or `unknown`, for the cell's class.
    pub fn state(&self) -> &'static str {
        match (&self.version_added, &self.version_removed) {
            (None, _) => "unknown",
            (Some(Added::Known(false)), _) | (_, Some(_)) => "no",
            _ if self.partial_implementation || self.flags => "partial",
            _ => "yes",
        }
    }
}

/// Why a file is not BCD's `data.json` with `http.status` entries, in words for the person who
/// gave it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotBcd(pub String);

impl From<&str> for NotBcd {
    fn from(why: &str) -> Self {
        NotBcd(why.to_owned())
    }
}

impl From<String> for NotBcd {
    fn from(why: String) -> Self {
        NotBcd(why)
    }
}

/// Why `compat update` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {why}", path.display())]
    NotBcd { path: PathBuf, why: NotBcd },
}

/// Reads BCD's `data.json`: refuses anything that is not BCD with `http.status` entries.
pub fn from_bcd(text: &str) -> Result<Extract, NotBcd> {
    let data: Value =
        serde_json::from_str(text).map_err(|e| format!("not BCD's data.json: not JSON ({e})"))?;
    let meta = data.get("__meta").ok_or(
        "not BCD's data.json: it has no `__meta` (use data.json from the @mdn/browser-compat-data npm package)",
    )?;
    let version = meta
        .get("version")
        .and_then(Value::as_str)
        .ok_or("not BCD's data.json: `__meta.version` is missing")?;
    let timestamp = meta
        .get("timestamp")
        .and_then(Value::as_str)
        .ok_or("not BCD's data.json: `__meta.timestamp` is missing")?;
    let date = timestamp.get(..10).filter(|d| is_date(d)).ok_or(format!(
        "not BCD's data.json: `__meta.timestamp` is not a date: {timestamp}"
    ))?;
    let status = data
        .get("http")
        .and_then(|h| h.get("status"))
        .and_then(Value::as_object)
        .filter(|s| !s.is_empty())
        .ok_or("not BCD's data.json: it has no `http.status` entries")?;
    let mut extract = Extract {
        source: SOURCE.into(),
        license: "CC0-1.0".into(),
        version: version.into(),
        date: date.into(),
        status: BTreeMap::new(),
    };
    for (code, entry) in status {
        if !is_code(code) {
            return Err(
                format!("not BCD's http.status data: `{code}` is not a status code").into(),
            );
        }
        let own = compat_of(entry).ok_or(format!(
            "not BCD's http.status data: `{code}` has no `__compat.support`"
        ))?;
        let mut features = vec![feature(code, None, own)?];
        for (id, sub) in entry.as_object().into_iter().flatten() {
            if id.starts_with("__") {
                continue;
            }
            let compat = compat_of(sub).ok_or(format!(
                "not BCD's http.status data: `{code}.{id}` has no `__compat.support`"
            ))?;
            let description = compat
                .get("description")
                .and_then(Value::as_str)
                .map(crate::html_text::plain_text)
                .unwrap_or_else(|| id.clone());
            features.push(feature(id, Some(description), compat)?);
        }
        let mdn_url = own.get("mdn_url").and_then(Value::as_str).map(String::from);
        extract
            .status
            .insert(code.clone(), Entry { mdn_url, features });
    }
    Ok(extract)
}

fn compat_of(entry: &Value) -> Option<&serde_json::Map<String, Value>> {
    let compat = entry.get("__compat")?.as_object()?;
    compat.get("support")?.as_object()?;
    Some(compat)
}

fn feature(
    id: &str,
    description: Option<String>,
    compat: &serde_json::Map<String, Value>,
) -> Result<Feature, NotBcd> {
    let mut support = BTreeMap::new();
    for (browser, statement) in compat["support"].as_object().into_iter().flatten() {
        // An array lists the current statement first.
        let current = match statement {
            Value::Array(list) => list.first(),
            other => Some(other),
        };
        let Some(current) = current.and_then(Value::as_object) else {
            return Err(format!(
                "not BCD's http.status data: `{id}` has a malformed statement for `{browser}`"
            )
            .into());
        };
        let version_added = match current.get("version_added") {
            Some(Value::String(v)) => Some(Added::Version(v.clone())),
            Some(Value::Bool(b)) => Some(Added::Known(*b)),
            _ => None,
        };
        let version_removed = match current.get("version_removed") {
            Some(Value::String(v)) => Some(v.clone()),
            Some(Value::Bool(true)) => Some("?".into()),
            _ => None,
        };
        let notes = match current.get("notes") {
            Some(Value::String(n)) => vec![crate::html_text::plain_text(n)],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(crate::html_text::plain_text)
                .collect(),
            _ => Vec::new(),
        };
        support.insert(
            browser.clone(),
            Support {
                version_added,
                version_removed,
                partial_implementation: current
                    .get("partial_implementation")
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                flags: current.get("flags").is_some(),
                notes,
            },
        );
    }
    Ok(Feature {
        id: id.into(),
        description,
        support,
    })
}

fn is_code(key: &str) -> bool {
    key.len() == 3
        && key.bytes().all(|b| b.is_ascii_digit())
        && (100..=599).contains(&key.parse::<u16>().unwrap_or(0))
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

impl Extract {
    /// The file as written: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("the extract serializes");
        text.push('\n');
        text
    }

    /// What changed from `old`, one line each.
    pub fn changes_from(&self, old: &Extract) -> Vec<String> {
        let mut changes = Vec::new();
        if old.version != self.version {
            changes.push(format!(
                "BCD {} ({}) → {} ({})",
                old.version, old.date, self.version, self.date
            ));
        }
        let codes: BTreeSet<&String> = old.status.keys().chain(self.status.keys()).collect();
        for code in codes {
            match (old.status.get(code), self.status.get(code)) {
                (None, Some(_)) => changes.push(format!("added {code}")),
                (Some(_), None) => changes.push(format!("removed {code}")),
                (Some(a), Some(b)) => feature_changes(code, a, b, &mut changes),
                (None, None) => {}
            }
        }
        changes
    }
}

fn feature_changes(code: &str, old: &Entry, new: &Entry, changes: &mut Vec<String>) {
    let find = |entry: &Entry, id: &str| entry.features.iter().find(|f| f.id == id).cloned();
    let ids: BTreeSet<String> = old
        .features
        .iter()
        .chain(&new.features)
        .map(|f| f.id.clone())
        .collect();
    for id in ids {
        let name = if id == code {
            code.to_owned()
        } else {
            format!("{code} {id}")
        };
        match (find(old, &id), find(new, &id)) {
            (None, Some(_)) => changes.push(format!("added {name}")),
            (Some(_), None) => changes.push(format!("removed {name}")),
            (Some(a), Some(b)) => {
                let browsers: BTreeSet<&String> =
                    a.support.keys().chain(b.support.keys()).collect();
                for browser in browsers {
                    let (x, y) = (a.support.get(browser), b.support.get(browser));
                    if x != y {
                        let say = |s: Option<&Support>| s.map_or("none".into(), Support::label);
                        let (before, after) = (say(x), say(y));
                        let what = if before == after {
                            "notes changed".to_owned()
                        } else {
                            format!("{before} → {after}")
                        };
                        changes.push(format!("{name} {browser}: {what}"));
                    }
                }
            }
            (None, None) => {}
        }
    }
}

/// Loads and validates the extract, if the site keeps one: it must parse, say where it comes
/// from, and name only codes that have a page (`codes`; `None` when nobody knows which do).
pub fn load(
    root: &Path,
    codes: Option<&BTreeSet<u16>>,
    diags: &mut Diagnostics,
) -> Option<Extract> {
    let src = SourceFile::read_optional(
        root,
        &crate::layout::SiteLayout::new(root).content_file(FILE),
        diags,
    )?;
    let hint = "regenerate it from BCD's data.json with `httpref compat update FILE`";
    let extract: Extract = match serde_json::from_str(&src.text) {
        Ok(extract) => extract,
        Err(e) => {
            diags.push(
                src.diagnostic_at_line(
                    e.line().max(1),
                    e.column().max(1),
                    format!(
                        "not a browser-compat extract: {}",
                        // The position is the diagnostic's own.
                        e.to_string()
                            .rsplit_once(" at line ")
                            .map_or(e.to_string(), |(m, _)| m.to_owned())
                    ),
                )
                .hint(hint),
            );
            return None;
        }
    };
    let mut ok = true;
    let top = |key: &str| src.text.find(&format!("\"{key}\"")).unwrap_or(0);
    if extract.source != SOURCE {
        ok = false;
        diags.push(
            src.diagnostic_at(
                top("source"),
                format!(
                    "the extract's source is `{}`, not `{SOURCE}`",
                    extract.source
                ),
            )
            .field("source")
            .hint(hint),
        );
    }
    if !is_date(&extract.date) {
        ok = false;
        diags.push(
            src.diagnostic_at(
                top("date"),
                format!("`{}` is not a date (YYYY-MM-DD)", extract.date),
            )
            .field("date")
            .hint(hint),
        );
    }
    let status_at = top("status");
    for code in extract.status.keys() {
        // The key's own position: the first `"code":` after `"status"`.
        let at = src.text[status_at..]
            .find(&format!("\"{code}\":"))
            .map_or(status_at, |i| status_at + i);
        let field = format!("status.{code}");
        if !is_code(code) {
            ok = false;
            diags.push(
                src.diagnostic_at(at, format!("`{code}` is not a status code"))
                    .field(field)
                    .hint(hint),
            );
        } else if codes.is_some_and(|codes| !codes.contains(&code.parse::<u16>().unwrap_or(0))) {
            ok = false;
            diags.push(
                src.diagnostic_at(at, format!("browser support for {code}, which has no page"))
                    .field(field)
                    .hint(format!(
                        "add content/codes/{code}.md, or remove {code} from the extract"
                    )),
            );
        }
    }
    ok.then_some(extract)
}

/// Replaces the extract with one made from BCD's `data.json`; returns what changed.
pub fn update(root: &Path, downloaded: &Path) -> Result<Vec<String>, UpdateError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| UpdateError::Io { path, source }
    };
    let text = std::fs::read_to_string(downloaded).map_err(io(downloaded))?;
    let new = from_bcd(&text).map_err(|why| UpdateError::NotBcd {
        path: downloaded.to_path_buf(),
        why,
    })?;
    let target = crate::layout::SiteLayout::new(root).content_file(FILE);
    let old = std::fs::read_to_string(&target)
        .ok()
        .and_then(|t| serde_json::from_str::<Extract>(&t).ok());
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(&target, new.to_json()).map_err(io(&target))?;
    Ok(match old {
        Some(old) => new.changes_from(&old),
        None => vec![format!(
            "new extract: BCD {} ({}), {} code(s)",
            new.version,
            new.date,
            new.status.len()
        )],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BCD: &str = r#"{"__meta": {"version": "8.1.9", "timestamp": "2026-11-12T14:10:29.391Z"},
      "http": {"status": {"103": {"__compat": {"mdn_url": "https://developer.mozilla.org/x",
        "support": {"chrome": {"version_added": "103", "notes": "Supported in <code>HTTP/2</code> only."},
                    "firefox": [{"version_added": "120"}, {"version_added": "102", "flags": [{}]}],
                    "ie": {"version_added": false}}},
        "preload": {"__compat": {"description": "<code>rel=preload</code>",
          "support": {"chrome": {"version_added": "103"}}}}}}}}"#;

    #[test]
    fn reads_bcd_features_statements_and_notes() {
        let extract = from_bcd(BCD).unwrap();
        assert_eq!(
            (extract.version.as_str(), extract.date.as_str()),
            ("8.1.9", "2026-11-12")
        );
        let entry = &extract.status["103"];
        assert_eq!(entry.features.len(), 2);
        let chrome = &entry.features[0].support["chrome"];
        assert_eq!(chrome.label(), "103");
        assert_eq!(chrome.notes, ["Supported in HTTP/2 only."]);
        assert_eq!(entry.features[0].support["firefox"].label(), "120");
        assert_eq!(entry.features[0].support["ie"].state(), "no");
        assert_eq!(
            entry.features[1].description.as_deref(),
            Some("rel=preload")
        );
        let round: Extract = serde_json::from_str(&extract.to_json()).unwrap();
        assert_eq!(round, extract);
    }

    #[test]
    fn refuses_what_is_not_bcd() {
        for (text, why) in [
            ("Value,Description\n", "not JSON"),
            ("{}", "__meta"),
            (
                r#"{"__meta": {"version": "1", "timestamp": "2026-01-01"}}"#,
                "http.status",
            ),
            (
                r#"{"__meta": {"version": "1", "timestamp": "2026-01-01"}, "http": {"status": {"103": {}}}}"#,
                "__compat.support",
            ),
        ] {
            let err = from_bcd(text).unwrap_err();
            assert!(err.0.contains(why), "{err}");
        }
    }

    #[test]
    fn lists_changes() {
        let old = from_bcd(BCD).unwrap();
        let new = from_bcd(&BCD.replace("\"120\"", "\"121\"").replace("8.1.9", "8.2.0")).unwrap();
        assert_eq!(
            new.changes_from(&old),
            [
                "BCD 8.1.9 (2026-11-12) → 8.2.0 (2026-11-12)",
                "103 firefox: 120 → 121"
            ]
        );
    }
}
