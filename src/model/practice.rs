//! Practice scenarios (`content/practice/<slug>.yaml`): a situation to answer with a status code,
//! the acceptable codes, and the options offered with feedback on each wrong one.

use std::path::PathBuf;

use crate::markdown::Rendered;
use crate::model::StatusCode;

/// One scenario, checked: every code has an entry, every answer is among the options, every
/// wrong option has feedback and no right one does, and its walk through the decision trees
/// reaches one of the answers.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub title: String,
    /// The situation, rendered.
    pub scenario: Rendered,
    /// Every acceptable code, at least one, each among the options.
    pub answer: Vec<StatusCode>,
    /// Why, with a citation, rendered.
    pub explanation: Rendered,
    /// Three or four, in display order: an order fixed per scenario that does not follow the file's,
    /// so the answer's place gives nothing away.
    pub options: Vec<Choice>,
    /// The answer labels that lead from the start tree's first question to an acceptable code.
    pub walk: Vec<String>,
    pub source: PathBuf,
}

/// An option: a right one has no feedback, a wrong one says why it is wrong.
#[derive(Debug, Clone)]
pub struct Choice {
    pub code: StatusCode,
    pub feedback: Option<Rendered>,
}

impl Scenario {
    /// Whether `code` is one of the acceptable answers.
    pub fn accepts(&self, code: StatusCode) -> bool {
        self.answer.contains(&code)
    }
}
