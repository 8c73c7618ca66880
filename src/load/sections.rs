//! The `##` sections each kind of page must have, in order: one table, read by the validator
//! (which reports each missing, empty or misplaced one) and by `httpref new` (which writes them).

/// A kind of Markdown page, as far as its body sections go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A code in the IANA registry (any status but `unofficial`).
    RegisteredCode,
    /// A code only vendors use.
    UnofficialCode,
    /// A class overview (`content/classes/4xx.md`): free-form sections.
    Class,
    /// A comparison page (`content/compare/401-vs-403.md`).
    Comparison,
    /// A guide (`content/guides/<slug>.md`): free-form sections.
    Guide,
}

impl PageKind {
    /// The `##` sections a page of this kind must have, in this order. Other sections may come
    /// between them; no section of any page may be empty.
    pub fn required_sections(self) -> &'static [&'static str] {
        match self {
            PageKind::RegisteredCode => &[
                "What it means",
                "When to use it",
                "Example",
                "How clients should handle it",
                "Common mistakes",
            ],
            PageKind::UnofficialCode => &[
                "What it means",
                "Where you meet it",
                "How clients should handle it",
                "Common mistakes",
            ],
            PageKind::Comparison => &["The short answer", "Which one should I use?"],
            PageKind::Class | PageKind::Guide => &[],
        }
    }

    /// The required sections as a scaffold writes them: each heading, then a blank line.
    pub fn scaffold_sections(self) -> String {
        self.required_sections()
            .iter()
            .map(|s| format!("## {s}\n"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
