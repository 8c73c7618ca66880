//! The IANA HTTP Status Code Registry, from the copy of IANA's CSV kept in
//! `content/iana-status-codes.csv` (columns `Value,Description,Reference`).
//!
//! Loading checks every code entry against it; `httpref registry update FILE` replaces the copy
//! with a newly downloaded CSV after checking that the file really is the registry.

use std::path::{Path, PathBuf};

use crate::ids::{Reference, StatusKind};

/// One row of the registry: a single code or an unassigned range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub first: u16,
    pub last: u16,
    pub description: String,
    pub reference: String,
    /// 1-based line in the CSV file.
    pub line: usize,
}

impl Row {
    pub fn is_unassigned(&self) -> bool {
        self.description.eq_ignore_ascii_case("Unassigned")
    }

    /// The description without a temporary registration's parenthetical:
    /// `Upload Resumption Supported (TEMPORARY - ...)` → `Upload Resumption Supported`.
    pub fn name(&self) -> &str {
        match self.description.find(" (TEMPORARY") {
            Some(i) => &self.description[..i],
            None => &self.description,
        }
    }

    pub fn is_temporary(&self) -> bool {
        self.description.contains("(TEMPORARY")
    }

    /// The status an entry must have when the registry says so: temporary, "(Unused)" or
    /// "(OBSOLETED)". `None` for other assigned codes, which are standard or deprecated.
    pub fn required_status(&self) -> Option<StatusKind> {
        if self.is_temporary() {
            Some(StatusKind::Temporary)
        } else if self.description == "(Unused)" {
            Some(StatusKind::Unused)
        } else if self.description.contains("(OBSOLETED)") {
            Some(StatusKind::Obsolete)
        } else {
            None
        }
    }

    /// The expiry date of a temporary registration (`expires YYYY-MM-DD`).
    pub fn expires(&self) -> Option<&str> {
        let at = self.description.find("expires ")? + "expires ".len();
        self.description.get(at..at + 10)
    }

    /// The first reference, e.g. `[RFC9110, Section 15.5.5]` → `Rfc { number: 9110, section:
    /// Some("15.5.5"), title: None }` (the registry gives no titles).
    pub fn defining_reference(&self) -> Option<Reference> {
        let inner = self.reference.strip_prefix('[')?.split(']').next()?;
        if let Some(rest) = inner.strip_prefix("RFC") {
            let (number, section) = match rest.split_once(", Section ") {
                Some((n, s)) => (n, Some(s.trim().to_owned())),
                None => (rest, None),
            };
            return Some(Reference::Rfc {
                number: number.trim().parse().ok()?,
                section,
                title: None,
            });
        }
        inner.starts_with("draft-").then(|| Reference::Draft {
            name: inner.to_owned(),
            section: None,
            title: None,
        })
    }
}

/// The whole registry, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    pub rows: Vec<Row>,
}

/// A problem in the CSV, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl Registry {
    /// Parses IANA's CSV. Ranges are written `105-199`; every value must lie in 100–599, and the
    /// rows must cover 100–599 in order without gaps, as the registry does.
    pub fn parse(text: &str) -> Result<Registry, ParseError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| ParseError {
            line: 1,
            message: e.to_string(),
        })?;
        if headers.iter().collect::<Vec<_>>() != ["Value", "Description", "Reference"] {
            return Err(ParseError {
                line: 1,
                message: "the header must be `Value,Description,Reference` (IANA's http-status-codes-1.csv)".into(),
            });
        }
        let mut rows = Vec::new();
        let mut next = 100u16;
        for record in reader.records() {
            let record = record.map_err(|e| ParseError {
                line: e.position().map_or(0, |p| p.line() as usize),
                message: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            let err = |message: String| ParseError { line, message };
            let value = record.get(0).unwrap_or_default().trim();
            let (first, last) = match value.split_once('-') {
                Some((a, b)) => (a.parse::<u16>(), b.parse::<u16>()),
                None => (value.parse::<u16>(), value.parse::<u16>()),
            };
            let (Ok(first), Ok(last)) = (first, last) else {
                return Err(err(format!(
                    "`{value}` is not a status code or a range such as 105-199"
                )));
            };
            if first != next || last < first || last > 599 {
                return Err(err(format!(
                    "`{value}` is out of order: expected a row starting at {next}"
                )));
            }
            next = last + 1;
            rows.push(Row {
                first,
                last,
                description: record.get(1).unwrap_or_default().trim().to_owned(),
                reference: record.get(2).unwrap_or_default().trim().to_owned(),
                line,
            });
        }
        if next != 600 {
            return Err(ParseError {
                line: rows.last().map_or(1, |r| r.line),
                message: format!("the rows stop at {}; they must reach 599", next - 1),
            });
        }
        Ok(Registry { rows })
    }

    /// Rows for single assigned codes (not unassigned ranges).
    pub fn assigned(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| !r.is_unassigned())
    }

    pub fn get(&self, code: u16) -> Option<&Row> {
        self.assigned().find(|r| r.first == code)
    }

    /// Unassigned ranges whose first code is in `100 * class ..= 100 * class + 99`.
    pub fn unassigned_in_class(&self, class: u8) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| r.is_unassigned() && r.first / 100 == u16::from(class))
    }

    /// The CSV as written into the repository: IANA's columns, `\n` line endings.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let _ = writer.write_record(["Value", "Description", "Reference"]);
        for row in &self.rows {
            let value = if row.first == row.last {
                row.first.to_string()
            } else {
                format!("{}-{}", row.first, row.last)
            };
            let _ = writer.write_record([value.as_str(), &row.description, &row.reference]);
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// What changed between two copies, one line per difference, for the update command.
    pub fn changes_from(&self, old: &Registry) -> Vec<String> {
        let mut changes = Vec::new();
        for row in self.assigned() {
            match old.get(row.first) {
                None => changes.push(format!(
                    "added {} {} {}",
                    row.first, row.description, row.reference
                )),
                Some(before)
                    if before.description != row.description
                        || before.reference != row.reference =>
                {
                    changes.push(format!(
                        "changed {}: {} {} → {} {}",
                        row.first,
                        before.description,
                        before.reference,
                        row.description,
                        row.reference
                    ))
                }
                Some(_) => {}
            }
        }
        for row in old.assigned() {
            if self.get(row.first).is_none() {
                changes.push(format!("removed {} {}", row.first, row.description));
            }
        }
        changes
    }
}

/// Why `registry update` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{}: {}", path.display(), error.line, error.message)]
    Parse { path: PathBuf, error: ParseError },
}

/// Replaces the registry copy under `root` with the CSV at `downloaded`, after checking that it
/// parses as the registry. Returns what changed compared with the previous copy.
pub fn update(root: &Path, downloaded: &Path) -> Result<Vec<String>, UpdateError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| UpdateError::Io { path, source }
    };
    let text = std::fs::read_to_string(downloaded).map_err(io(downloaded))?;
    let new = Registry::parse(&text).map_err(|error| UpdateError::Parse {
        path: downloaded.to_path_buf(),
        error,
    })?;
    let target = crate::layout::SiteLayout::new(root).registry_file();
    let old = std::fs::read_to_string(&target)
        .ok()
        .and_then(|t| Registry::parse(&t).ok())
        .unwrap_or_default();
    std::fs::write(&target, new.to_csv()).map_err(io(&target))?;
    Ok(new.changes_from(&old))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Value,Description,Reference\n100,Continue,\"[RFC9110, Section 15.2.1]\"\n101-103,Unassigned,\n\
        104,\"Upload Resumption Supported (TEMPORARY - registered 2024-11-13, extension registered 2025-09-15, expires 2026-11-13)\",[draft-ietf-httpbis-resumable-upload-05]\n\
        105-509,Unassigned,\n510,Not Extended (OBSOLETED),[RFC2774][status-change-http-experiments-to-historic]\n511-599,Unassigned,\n";

    #[test]
    fn parses_codes_ranges_and_references() {
        let reg = Registry::parse(SAMPLE).unwrap();
        assert_eq!(
            reg.assigned().map(|r| r.first).collect::<Vec<_>>(),
            [100, 104, 510]
        );
        let r100 = reg.get(100).unwrap();
        assert_eq!(
            r100.defining_reference(),
            Some(Reference::Rfc {
                number: 9110,
                section: Some("15.2.1".into()),
                title: None
            })
        );
        assert_eq!(r100.line, 2);
        let r104 = reg.get(104).unwrap();
        assert_eq!(
            (r104.name(), r104.is_temporary(), r104.expires()),
            ("Upload Resumption Supported", true, Some("2026-11-13"))
        );
        assert_eq!(
            r104.defining_reference(),
            Some(Reference::Draft {
                name: "draft-ietf-httpbis-resumable-upload-05".into(),
                section: None,
                title: None
            })
        );
        assert_eq!(
            reg.get(510).unwrap().defining_reference(),
            Some(Reference::Rfc {
                number: 2774,
                section: None,
                title: None
            })
        );
        assert_eq!(
            reg.unassigned_in_class(5)
                .map(|r| (r.first, r.last))
                .collect::<Vec<_>>(),
            [(511, 599)]
        );
    }

    #[test]
    fn round_trips_through_csv() {
        let reg = Registry::parse(SAMPLE).unwrap();
        assert_eq!(
            Registry::parse(&reg.to_csv()).unwrap().rows.len(),
            reg.rows.len()
        );
        assert!(reg.changes_from(&reg).is_empty());
    }

    #[test]
    fn rejects_files_that_are_not_the_registry() {
        assert_eq!(
            Registry::parse("code,name\n404,Not Found\n")
                .unwrap_err()
                .line,
            1
        );
        let gap = "Value,Description,Reference\n100,Continue,[RFC9110]\n102-599,Unassigned,\n";
        assert_eq!(Registry::parse(gap).unwrap_err().line, 3);
        let short = "Value,Description,Reference\n100-498,Unassigned,\n";
        assert!(
            Registry::parse(short)
                .unwrap_err()
                .message
                .contains("must reach 599")
        );
    }

    #[test]
    fn reports_changes_between_copies() {
        let old = Registry::parse(SAMPLE).unwrap();
        let new = Registry::parse(&SAMPLE.replace("Continue", "Carry On")).unwrap();
        assert_eq!(
            new.changes_from(&old),
            [
                "changed 100: Continue [RFC9110, Section 15.2.1] → Carry On [RFC9110, Section 15.2.1]"
            ]
        );
    }
}
