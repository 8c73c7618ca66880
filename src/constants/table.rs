//! One library's table: its rows and the parser for the `.tsv` format `constants import` writes.

use super::import;

/// One name in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub code: u16,
    /// The first examined version that has the name.
    pub since: String,
    /// From this version on, the name is only an alias of `replacement`.
    pub alias: Option<String>,
    pub deprecated: Option<String>,
    pub removed: Option<String>,
    /// The name the library's source says to use instead.
    pub replacement: Option<String>,
}

impl Entry {
    /// Whether the name is current in the newest examined version: present, not an alias, not
    /// deprecated.
    pub fn is_current(&self) -> bool {
        self.alias.is_none() && self.deprecated.is_none() && self.removed.is_none()
    }
}

/// One library's table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The examined versions, oldest first.
    pub versions: Vec<String>,
    pub entries: Vec<Entry>,
}

impl Table {
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    pub fn for_code(&self, code: u16) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.code == code)
    }

    pub fn oldest(&self) -> Option<&str> {
        self.versions.first().map(String::as_str)
    }

    /// Parses a table; an error carries the 1-based line.
    pub fn parse(text: &str) -> Result<Table, (usize, String)> {
        let mut table = Table::default();
        let mut header_seen = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if line.trim().is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('#') {
                let mut fields = rest.trim_start().split('\t');
                if fields.next() == Some("input") {
                    let version = fields.next().unwrap_or("").trim();
                    if version.is_empty() {
                        return Err((n, "an `# input` line without a version".into()));
                    }
                    table.versions.push(version.to_owned());
                }
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if !header_seen {
                if cols != import::COLUMNS {
                    return Err((
                        n,
                        format!(
                            "expected the column header `{}`",
                            import::COLUMNS.join("\\t")
                        ),
                    ));
                }
                header_seen = true;
                continue;
            }
            if cols.len() != import::COLUMNS.len() {
                return Err((
                    n,
                    format!(
                        "expected {} tab-separated columns, found {}",
                        import::COLUMNS.len(),
                        cols.len()
                    ),
                ));
            }
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            let code = cols[1]
                .parse::<u16>()
                .ok()
                .filter(|c| (100..=599).contains(c))
                .ok_or_else(|| (n, format!("`{}` is not a status code", cols[1])))?;
            if cols[0].is_empty() || cols[2].is_empty() {
                return Err((n, "every row needs a name and a `since` version".into()));
            }
            table.entries.push(Entry {
                name: cols[0].to_owned(),
                code,
                since: cols[2].to_owned(),
                alias: opt(cols[3]),
                deprecated: opt(cols[4]),
                removed: opt(cols[5]),
                replacement: opt(cols[6]),
            });
        }
        if !header_seen {
            return Err((1, "no column header".into()));
        }
        if table.versions.is_empty() {
            return Err((1, "no `# input` line naming an examined version".into()));
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::Table;
    use crate::constants::sample::TABLE;

    #[test]
    fn table_rejects_a_short_row() {
        let bad = TABLE.replace("\t7.0.0\t\t\t\t\n", "\t7.0.0\n");
        assert!(Table::parse(&bad).is_err());
    }
}
