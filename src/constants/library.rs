//! The libraries whose status-code names the front matter lists, and how pages name them.

use serde::Serialize;

/// A library the front matter's `constants:` can name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Library {
    Python,
    Go,
    Rust,
    Dotnet,
    Spring,
    Rails,
    Symfony,
}

impl Library {
    pub const ALL: [Library; 7] = [
        Library::Python,
        Library::Go,
        Library::Rust,
        Library::Dotnet,
        Library::Spring,
        Library::Rails,
        Library::Symfony,
    ];

    /// The front-matter key and table file stem.
    pub fn key(self) -> &'static str {
        match self {
            Library::Python => "python",
            Library::Go => "go",
            Library::Rust => "rust",
            Library::Dotnet => "dotnet",
            Library::Spring => "spring",
            Library::Rails => "rails",
            Library::Symfony => "symfony",
        }
    }

    pub fn from_key(key: &str) -> Option<Library> {
        Library::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The label pages show next to a constant.
    pub fn label(self) -> &'static str {
        match self {
            Library::Python => "Python http.HTTPStatus",
            Library::Go => "Go net/http",
            Library::Rust => "Rust http::StatusCode",
            Library::Dotnet => ".NET HttpStatusCode",
            Library::Spring => "Java Spring HttpStatus",
            Library::Rails => "Rails / Rack symbol",
            Library::Symfony => "Symfony Response",
        }
    }

    /// What versions are versions of, in "Python 3.13+".
    pub fn product(self) -> &'static str {
        match self {
            Library::Python => "Python",
            Library::Go => "Go",
            Library::Rust => "http crate",
            Library::Dotnet => ".NET",
            Library::Spring => "Spring",
            Library::Rails => "Rack",
            Library::Symfony => "Symfony",
        }
    }
}
