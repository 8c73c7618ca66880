//! Problems found in content and templates, and how they are printed.
//!
//! Every problem becomes one [`Diagnostic`] that carries its file, 1-based line and column, the field
//! involved, what was expected and a hint. Loading collects all of them before giving up, so a
//! contributor sees every problem in one run.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::printable;

/// Problems listed per file, at most; the rest are counted in one line. A file with a great
/// many (one key repeated 55,000 times) would otherwise bury the report and the log.
pub const MAX_PER_FILE: usize = 50;

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// The front-matter field (dotted path, e.g. `spec[0].section`) the problem is about, if any.
    pub field: Option<String>,
    pub message: String,
    /// What a valid value looks like.
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// The text of the offending line, kept so the terminal rendering can underline it.
    pub source_line: Option<String>,
    /// How many characters the caret spans, when the problem is narrower than the word at `col`
    /// (an unclosed quote or bracket, a control character); by default, that word.
    pub width: Option<usize>,
    /// A warning is reported but fails nothing (an outdated translation); everything else is an
    /// error.
    pub warning: bool,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: line.max(1),
            col: col.max(1),
            field: None,
            message: message.into(),
            expected: None,
            hint: None,
            source_line: None,
            width: None,
            warning: false,
        }
    }

    /// A problem with a whole file (unreadable, missing) rather than a place in it.
    pub fn at_file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic::new(path, 1, 1, message)
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint.or(self.hint);
        self
    }

    /// Makes this a warning: reported, but `check` and `build` still succeed.
    pub fn warning(mut self) -> Self {
        self.warning = true;
        self
    }

    /// `error` or `warning`, as the report and GitHub's annotations name the level.
    fn level(&self) -> &'static str {
        if self.warning { "warning" } else { "error" }
    }

    /// Underlines `chars` characters from the column instead of the word there.
    pub fn width(mut self, chars: usize) -> Self {
        self.width = Some(chars);
        self
    }

    /// Attaches the text of the problem's own line, already found.
    pub fn with_line_text(mut self, line: &str) -> Self {
        self.source_line = Some(line.to_owned());
        self
    }

    /// The first line as [`fmt::Display`] prints it (`path:line:col: error: message`), then the
    /// source line with a caret under the problem, what was expected and the hint.
    pub fn render_snippet(&self) -> String {
        let Some(line) = &self.source_line else {
            return self.to_string();
        };
        let line = printable::same_width(line);
        let start = line
            .char_indices()
            .nth(self.col - 1)
            .map_or(line.len(), |(i, _)| i);
        let word_end = || {
            line[start..]
                .find(|c: char| c.is_whitespace() || c == ',' || c == ']')
                .map_or(line.len(), |n| start + n)
        };
        let end = match self.width {
            Some(chars) => line[start..]
                .char_indices()
                .nth(chars)
                .map_or(line.len(), |(i, _)| start + i),
            None => word_end(),
        }
        .max((start + 1).min(line.len()));
        let level = if self.warning {
            Level::WARNING
        } else {
            Level::ERROR
        };
        let mut group = Group::with_level(level).element(
            Snippet::source(line.as_ref())
                .line_start(self.line)
                .annotation(AnnotationKind::Primary.span(start..end)),
        );
        if let Some(expected) = &self.expected {
            let expected = printable::lines(expected);
            group = group.element(Level::NOTE.message(format!("expected {expected}")));
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.message(printable::lines(hint)));
        }
        format!(
            "{}\n{}",
            self.headline(),
            Renderer::plain().render(&[group])
        )
    }

    /// `path:line:col: error: message [field `f`]`, on one line whatever the path, message
    /// and field hold (their control characters are shown as escapes).
    pub fn headline(&self) -> String {
        let mut line = format!(
            "{}:{}:{}: {}: {}",
            printable::one_line(&self.path.to_string_lossy()),
            self.line,
            self.col,
            self.level(),
            printable::one_line(&self.message)
        );
        if let Some(field) = &self.field {
            line.push_str(&format!(" [field `{}`]", printable::one_line(field)));
        }
        line
    }
}

/// `path:line:col: message` first, so editors and terminals can jump to it; then the details.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(expected) = &self.expected {
            write!(f, "\n  expected: {}", printable::lines(expected))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", printable::lines(hint))?;
        }
        Ok(())
    }
}

/// A position in a source file, kept by the load phase so that a later check can report there
/// without reading the file again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    path: PathBuf,
    line: usize,
    col: usize,
    field: Option<String>,
    source_line: Option<String>,
}

impl Place {
    /// Where `diagnostic` points.
    pub fn of(diagnostic: &Diagnostic) -> Place {
        Place {
            path: diagnostic.path.clone(),
            line: diagnostic.line,
            col: diagnostic.col,
            field: diagnostic.field.clone(),
            source_line: diagnostic.source_line.clone(),
        }
    }

    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        let mut diagnostic = Diagnostic::new(&self.path, self.line, self.col, message);
        diagnostic.field.clone_from(&self.field);
        diagnostic.source_line.clone_from(&self.source_line);
        diagnostic
    }
}

/// All problems found in one run, kept sorted by file and position so output is stable.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by position and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message))
        });
        self.0.dedup();
        self
    }

    /// The problems as printed: per file (in the order they are kept), the first
    /// [`MAX_PER_FILE`], then one line that counts the rest from where they start, and how many
    /// the file has in all.
    fn listed(&self) -> Vec<(&[Diagnostic], Option<Diagnostic>, usize)> {
        let mut files = Vec::new();
        let mut rest = self.0.as_slice();
        while let Some(first) = rest.first() {
            let in_file = rest.iter().take_while(|d| d.path == first.path).count();
            let (listed, unlisted) = rest[..in_file].split_at(in_file.min(MAX_PER_FILE));
            let more = unlisted.first().map(|at| {
                let n = unlisted.len();
                Diagnostic::new(
                    &at.path,
                    at.line,
                    at.col,
                    format!("and {n} more problem{} in this file, from here on (not listed)", plural(n)),
                )
                .hint(format!(
                    "only the first {MAX_PER_FILE} problems of a file are listed: fix them and run `httpref check` again"
                ))
            });
            files.push((listed, more, in_file));
            rest = &rest[in_file..];
        }
        files
    }

    /// `Ok(())` when nothing was found.
    pub fn into_result(self) -> Result<(), Diagnostics> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.sorted())
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Grouped by file: a heading per file, then each problem with its source line and a caret.
/// What a file or file name supplies is escaped, and no line can start a CI workflow command.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut report = String::new();
        // A list of warnings alone (what a successful check prints) counts warnings.
        let what = if self.0.iter().all(|d| d.warning) {
            "warning"
        } else {
            "problem"
        };
        for (listed, more, counted) in self.listed() {
            let path = &listed[0].path;
            report.push_str(&format!(
                "== {} ({counted} {what}{})\n\n",
                printable::one_line(&path.to_string_lossy()),
                plural(counted)
            ));
            for d in listed.iter().chain(more.as_ref()) {
                report.push_str(d.render_snippet().trim_end());
                report.push_str("\n\n");
            }
        }
        let (n, files) = (self.len(), self.files());
        report.push_str(&format!(
            "{n} {what}{} found in {files} file{}",
            plural(n),
            plural(files)
        ));
        f.write_str(&printable::no_commands(&report))
    }
}

impl Diagnostics {
    fn files(&self) -> usize {
        let mut paths: Vec<&Path> = self.0.iter().map(|d| d.path.as_path()).collect();
        paths.dedup();
        paths.len()
    }

    /// GitHub Actions workflow commands (`::error file=...,line=...::message`), so each problem
    /// shows as an annotation on the pull request's diff.
    /// What a file or file name supplies is escaped by GitHub's rules (`%`, line breaks, and in
    /// properties `:` and `,`), and other control characters are shown as escapes.
    pub fn to_github(&self) -> String {
        let mut out = String::new();
        let listed = self.listed();
        let shown = listed
            .iter()
            .flat_map(|(listed, more, _)| listed.iter().chain(more.as_ref()));
        for d in shown {
            let mut message = d.message.clone();
            if let Some(expected) = &d.expected {
                message.push_str(&format!("\nexpected: {expected}"));
            }
            if let Some(hint) = &d.hint {
                message.push_str(&format!("\nhint: {hint}"));
            }
            let title = match &d.field {
                Some(field) => format!("httpref check: {}", printable::one_line(field)),
                None => "httpref check".to_owned(),
            };
            out.push_str(&format!(
                "::{} file={},line={},col={},title={}::{}\n",
                d.level(),
                escape_property(&printable::one_line(&d.path.to_string_lossy())),
                d.line,
                d.col,
                escape_property(&title),
                escape_data(&printable::lines(&message))
            ));
        }
        out
    }
}

/// Escaping for a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a workflow command's properties (`file=`, `title=`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&wrong.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= (c.len().max(wrong.len()) / 3).max(1))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Renders `path` relative to `root` when it lies inside it (for short, clickable locations).
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Diagnostics {
        fn from_list(list: Vec<Diagnostic>) -> Diagnostics {
            Diagnostics(list)
        }
    }

    #[test]
    fn a_file_lists_its_first_problems_and_counts_the_rest() {
        let many = (1..=MAX_PER_FILE + 30).map(|n| Diagnostic::new("a.md", n, 1, "repeat"));
        let diags = Diagnostics::from_list(
            many.chain([Diagnostic::new("b.md", 1, 1, "other")])
                .collect(),
        )
        .sorted();
        assert_eq!(diags.len(), MAX_PER_FILE + 31);
        assert_eq!(diags.iter().count(), MAX_PER_FILE + 31, "all are kept");
        let text = diags.to_string();
        assert!(
            text.starts_with(&format!("== a.md ({} problems)", MAX_PER_FILE + 30)),
            "{text}"
        );
        let more = format!(
            "a.md:{}:1: error: and 30 more problems in this file",
            MAX_PER_FILE + 1
        );
        assert!(text.lines().any(|l| l.starts_with(&more)), "{text}");
        assert!(text.contains("== b.md (1 problem)"), "{text}");
        assert!(
            text.ends_with(&format!("{} problems found in 2 files", MAX_PER_FILE + 31)),
            "{text}"
        );
        assert_eq!(diags.to_github().lines().count(), MAX_PER_FILE + 2);
    }

    #[test]
    fn file_names_and_messages_cannot_break_lines_or_drive_the_terminal() {
        let name = "content/codes/x\n::error file=a::forged\u{1b}[2J.md";
        let diags = Diagnostics::from_list(vec![
            Diagnostic::new(name, 1, 1, "bad\n::warning::forged\u{1b}[1A")
                .hint("first\n::notice::forged")
                .with_line_text("code: \u{1b}[2J"),
        ]);
        let text = diags.to_string();
        for line in text.lines() {
            assert!(!line.trim_start().starts_with("::"), "{line:?} in:\n{text}");
            assert!(!line.contains('\u{1b}'), "{line:?}");
        }
        assert!(
            text.contains("x\\n::error file=a::forged\\u{1b}[2J.md:1:1: error: bad\\n::warning"),
            "{text}"
        );
        let github = diags.to_github();
        assert_eq!(github.lines().count(), 1, "{github}");
        assert!(!github.contains('\u{1b}'), "{github}");
        assert!(
            github.starts_with(
                "::error file=content/codes/x\\n%3A%3Aerror file=a%3A%3Aforged\\u{1b}[2J.md,"
            ),
            "{github}"
        );
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let fields = ["code", "name", "summary", "status"];
        assert_eq!(did_you_mean("nmae", fields), Some("name"));
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn display_leads_with_clickable_location() {
        let d = Diagnostic::new("content/codes/404.md", 3, 1, "unknown field `nmae`")
            .field("nmae")
            .hint("did you mean `name`?");
        let text = d.to_string();
        assert!(
            text.starts_with("content/codes/404.md:3:1: error: unknown field `nmae`"),
            "{text}"
        );
        assert!(text.contains("hint: did you mean `name`?"));
    }

    #[test]
    fn github_annotations_escape_their_fields() {
        let diags = Diagnostics::from_list(vec![
            Diagnostic::new("content/codes/4,04.md", 3, 1, "unknown field `nmae`: 100%")
                .field("nmae")
                .hint("did you mean `name`?"),
        ]);
        assert_eq!(
            diags.to_github(),
            "::error file=content/codes/4%2C04.md,line=3,col=1,title=httpref check%3A nmae::unknown field `nmae`: 100%25%0Ahint: did you mean `name`?\n"
        );
    }

    #[test]
    fn terminal_report_groups_problems_by_file() {
        let diags = Diagnostics::from_list(vec![
            Diagnostic::new("a.md", 1, 1, "one"),
            Diagnostic::new("a.md", 2, 1, "two"),
            Diagnostic::new("b.md", 1, 1, "three"),
        ]);
        let text = diags.to_string();
        assert!(text.starts_with("== a.md (2 problems)\n\na.md:1:1: error: one\n\na.md:2:1: error: two\n\n== b.md (1 problem)"), "{text}");
        assert!(text.ends_with("3 problems found in 2 files"), "{text}");
    }

    #[test]
    fn snippet_underlines_the_column() {
        let d = Diagnostic::new("a.md", 2, 7, "bad").with_line_text("name: Nope");
        let out = d.render_snippet();
        assert!(out.contains("name: Nope"), "{out}");
        assert!(out.contains("^^^^"), "{out}");
    }
}
