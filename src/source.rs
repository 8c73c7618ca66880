//! Reading a content file and splitting its YAML front matter from its Markdown body.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::files;

/// A content file's text, with the path used in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root (as printed in diagnostics).
    pub path: PathBuf,
    pub text: String,
    /// The byte offset where each line starts, made the first time a position is asked for, so
    /// that each of many reports finds its line without reading the file from the top.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    /// The byte offset of the first CR not followed by LF, if any.
    fn lone_carriage_return(&self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        (self.text.match_indices('\r'))
            .map(|(i, _)| i)
            .find(|&i| bytes.get(i + 1) != Some(&b'\n'))
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        let starts = self.line_starts();
        let start = *starts.get(line.checked_sub(1)?)?;
        let end = starts.get(line).map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// Reads `full_path`, a text file of the site under `root`, as UTF-8 (through
    /// `files::read`, so nothing outside the root and nothing but a bounded regular file is
    /// read). A leading byte-order mark is dropped.
    pub fn read(root: &Path, full_path: &Path) -> Result<SourceFile, Diagnostic> {
        let display = display_path(root, full_path);
        let bytes = files::read(root, full_path, files::MAX_TEXT_BYTES)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let src = SourceFile::new(display, text);
                match src.lone_carriage_return() {
                    Some(offset) => Err(src
                        .diagnostic_at(offset, "line break is a lone carriage return (CR)")
                        .expected("lines that end in LF (or CR LF)")
                        .hint("save the file with Unix (LF) or Windows (CRLF) line ends; CR alone is the line end of classic Mac OS, which nothing here reads as a line break")),
                    None => Ok(src),
                }
            }
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let line = valid.matches('\n').count() + 1;
                let col = valid
                    .rsplit('\n')
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .count()
                    + 1;
                Err(Diagnostic::new(
                    &display,
                    line,
                    col,
                    format!(
                        "file is not valid UTF-8 (invalid byte 0x{:02X})",
                        bytes[e.valid_up_to()]
                    ),
                )
                .expected("UTF-8 text")
                .hint("re-save the file as UTF-8 in your editor"))
            }
        }
    }

    /// Reads an optional file of the site (the registry copy, a data table): `None` when there is
    /// none, or when it could not be read, with the problem added to `diags`. A broken link is a
    /// file that is there, so it is reported rather than skipped.
    pub fn read_optional(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
        std::fs::symlink_metadata(path).ok()?;
        SourceFile::read(root, path).map_err(|d| diags.push(d)).ok()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// A diagnostic at a byte offset, with the source line attached for snippet rendering.
    pub fn diagnostic_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.position(offset);
        self.diagnostic_at_line(line, col, message)
    }

    pub fn diagnostic_at_line(
        &self,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let d = Diagnostic::new(&self.path, line, col, message);
        match self.line_text(line) {
            Some(text) => d.with_line_text(text),
            None => d,
        }
    }

    /// Splits `---` front matter from the body.
    pub fn split_front_matter(&self) -> Result<FrontMatter<'_>, Diagnostic> {
        let text = self.text.as_str();
        let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
        if text[..first_line_end].trim_end() != "---" {
            return Err(self
                .diagnostic_at(0, "missing front matter")
                .expected("the file to start with a line `---`, then YAML fields, then another `---` line")
                .hint("add front matter at the top of the file, e.g.\n---\ncode: 404\nname: Not Found\n---"));
        }
        let mut offset = first_line_end;
        while offset < text.len() {
            let end = text[offset..]
                .find('\n')
                .map_or(text.len(), |i| offset + i + 1);
            if text[offset..end].trim_end() == "---" {
                return Ok(FrontMatter {
                    yaml: &text[first_line_end..offset],
                    yaml_offset: first_line_end,
                    body: &text[end..],
                    body_offset: end,
                });
            }
            offset = end;
        }
        Err(self
            .diagnostic_at(0, "front matter is not closed")
            .expected("a line `---` after the YAML fields")
            .hint("add a line containing only `---` between the fields and the Markdown body"))
    }
}

/// The two parts of a content file, with their byte offsets in the file.
#[derive(Debug, Clone, Copy)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    pub yaml_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new("content/codes/404.md", text)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let src = source("---\ncode: 404\n---\n# Body\n");
        let fm = src.split_front_matter().unwrap();
        assert_eq!(fm.yaml, "code: 404\n");
        assert_eq!(fm.body, "# Body\n");
        assert_eq!(src.position(fm.yaml_offset), (2, 1));
        assert_eq!(src.position(fm.body_offset), (4, 1));
    }

    #[test]
    fn accepts_crlf_and_empty_body() {
        let src = source("---\r\ncode: 404\r\n---\r\n");
        let fm = src.split_front_matter().unwrap();
        assert_eq!(fm.yaml, "code: 404\r\n");
        assert_eq!(fm.body, "");
    }

    #[test]
    fn reports_missing_front_matter_at_line_one() {
        let err = source("# Just markdown\n")
            .split_front_matter()
            .unwrap_err();
        assert_eq!((err.line, err.col), (1, 1));
        assert_eq!(err.message, "missing front matter");
    }

    #[test]
    fn reports_unclosed_front_matter() {
        let err = source("---\ncode: 404\n# Body\n")
            .split_front_matter()
            .unwrap_err();
        assert_eq!(err.message, "front matter is not closed");
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let src = source("é€x\n");
        assert_eq!(src.position(5), (1, 3));
    }

    #[test]
    fn refuses_lone_carriage_returns_where_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mac.md");
        std::fs::write(&path, "---\r\ncode: 404\rname: x\r---\r").unwrap();
        let err = SourceFile::read(dir.path(), &path).unwrap_err();
        assert_eq!((err.line, err.col), (2, 10));
        assert_eq!(err.message, "line break is a lone carriage return (CR)");
        std::fs::write(&path, "---\r\ncode: 404\r\n---\r\n").unwrap();
        assert!(SourceFile::read(dir.path(), &path).is_ok());
    }

    #[test]
    fn reports_invalid_utf8_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.md");
        std::fs::write(&path, b"---\ncode: 4\xff4\n").unwrap();
        let err = SourceFile::read(dir.path(), &path).unwrap_err();
        assert_eq!((err.line, err.col), (2, 8));
        assert!(err.message.contains("not valid UTF-8"));
    }
}
