//! The bounds on what one YAML text may build, and the problem reported where one is crossed.

use super::Pos;

/// Collections open inside one another, at most (the shipped content nests 6 deep).
pub(crate) const MAX_DEPTH: usize = 32;
/// Keys in one mapping or items in one list, at most (repeated keys count too).
pub(crate) const MAX_ENTRIES: usize = 1_000;
/// Aliases (`*name`) in one text, at most.
pub(crate) const MAX_ALIASES: usize = 100;
/// Nodes the aliases of one text copy, in total, at most.
pub(crate) const MAX_ALIAS_NODES: usize = 10_000;

/// A bound of the tree crossed at `at`: what was found, the limit, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Limit {
    pub at: Pos,
    pub message: String,
    pub expected: String,
    pub hint: String,
}

pub(super) fn depth_limit(at: Pos) -> Limit {
    Limit {
        at,
        message: format!("values nest more than {MAX_DEPTH} levels deep"),
        expected: format!("at most {MAX_DEPTH} levels of lists and mappings inside one another"),
        hint: "content files nest a few levels at most; look for runaway indentation or brackets"
            .to_owned(),
    }
}

pub(super) fn entries_limit(at: Pos, what: &str) -> Limit {
    Limit {
        at,
        message: format!("more than {MAX_ENTRIES} {what}"),
        expected: format!("at most {MAX_ENTRIES} {what}"),
        hint: "split the data, or check that the file is the one you meant to commit".to_owned(),
    }
}

pub(super) fn alias_limit(at: Pos, message: String) -> Limit {
    Limit {
        at,
        message,
        expected: format!(
            "at most {MAX_ALIASES} aliases (`*name`), copying at most {MAX_ALIAS_NODES} values in all"
        ),
        hint: "write the values out instead of repeating an anchor (`&name`) through aliases"
            .to_owned(),
    }
}
