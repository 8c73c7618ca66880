//! Decision trees ("Which status code should I use?"): the YAML format of `content/decide/*.yaml`
//! and the validated graph the build renders.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use crate::markdown::Rendered;
use crate::model::{SpecRef, StatusCode};

/// The tree every walk starts from, when the site has one.
pub const START_TREE: &str = "start";

/// `content/decide/<tree>.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreeFile {
    pub title: String,
    pub summary: String,
    /// Id of the first node.
    pub root: String,
    /// The status class this tree chooses within (`4xx`), so that class's page can lead into it.
    pub class: Option<String>,
    pub nodes: Vec<NodeDef>,
}

/// A node as written: a question with answers, or a result.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeDef {
    pub id: String,
    pub question: Option<String>,
    /// Markdown that helps the reader answer.
    pub explanation: Option<String>,
    #[serde(default)]
    pub answers: Vec<AnswerDef>,
    pub result: Option<ResultDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerDef {
    pub label: String,
    /// `node` in the same tree, or `tree/node`.
    pub goto: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultDef {
    pub code: StatusCode,
    /// One sentence: why this code fits.
    pub why: String,
    /// The section that backs the choice, where the specification does.
    pub spec: Option<SpecRef>,
    /// True when the choice goes beyond the specification (a convention or a judgement call).
    #[serde(default)]
    pub judgement: bool,
}

/// A node's address: tree slug and node id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeRef {
    pub tree: String,
    pub node: String,
}

impl NodeRef {
    /// Parses `goto` as written in `tree` (`node` or `other-tree/node`).
    pub fn parse(goto: &str, tree: &str) -> NodeRef {
        match goto.split_once('/') {
            Some((t, n)) => NodeRef {
                tree: t.to_owned(),
                node: n.to_owned(),
            },
            None => NodeRef {
                tree: tree.to_owned(),
                node: goto.to_owned(),
            },
        }
    }
}

impl fmt::Display for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.tree, self.node)
    }
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub label: String,
    pub target: NodeRef,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Question { text: String, answers: Vec<Answer> },
    Result(ResultDef),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub explanation: Option<Rendered>,
}

/// A validated tree.
#[derive(Debug, Clone)]
pub struct Tree {
    pub title: String,
    pub summary: String,
    pub root: String,
    pub class: Option<crate::model::Class>,
    /// In file order.
    pub nodes: Vec<Node>,
    pub source: PathBuf,
}

impl Tree {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// One step of a walk: the question asked, the answer taken, and the node the question is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub at: NodeRef,
    pub question: String,
    pub answer: String,
}

/// All trees of the site, keyed by slug, with the walks through them.
#[derive(Debug, Clone, Default)]
pub struct Trees(pub BTreeMap<String, Tree>);

impl Trees {
    /// The tree that chooses within `class`, if one says so.
    pub fn for_class(&self, class: crate::model::Class) -> Option<(&String, &Tree)> {
        self.0.iter().find(|(_, t)| t.class == Some(class))
    }

    pub fn get(&self, at: &NodeRef) -> Option<&Node> {
        self.0.get(&at.tree)?.node(&at.node)
    }

    /// Where walks start: the start tree's root, or each tree's own root if there is no start tree.
    pub fn entry_points(&self) -> Vec<NodeRef> {
        match self.0.get(START_TREE) {
            Some(start) => vec![NodeRef {
                tree: START_TREE.to_owned(),
                node: start.root.clone(),
            }],
            None => self
                .0
                .iter()
                .map(|(slug, t)| NodeRef {
                    tree: slug.clone(),
                    node: t.root.clone(),
                })
                .collect(),
        }
    }

    /// The shortest walk from an entry point to `target` (breadth-first, answers in order), or,
    /// when no entry point reaches it, from the root of its own tree.
    pub fn shortest_path(&self, target: &NodeRef) -> Vec<Step> {
        let own_root = self.0.get(&target.tree).map(|t| NodeRef {
            tree: target.tree.clone(),
            node: t.root.clone(),
        });
        for starts in [self.entry_points(), own_root.into_iter().collect()] {
            if let Some(path) = self.bfs(&starts, target) {
                return path;
            }
        }
        Vec::new()
    }

    fn bfs(&self, starts: &[NodeRef], target: &NodeRef) -> Option<Vec<Step>> {
        let mut came_from: BTreeMap<NodeRef, Option<(NodeRef, String)>> = BTreeMap::new();
        let mut queue: VecDeque<NodeRef> = VecDeque::new();
        for s in starts {
            came_from.insert(s.clone(), None);
            queue.push_back(s.clone());
        }
        while let Some(at) = queue.pop_front() {
            if &at == target {
                let mut steps = Vec::new();
                let mut cursor = at;
                while let Some(Some((prev, answer))) = came_from.get(&cursor).cloned() {
                    let question = match self.get(&prev).map(|n| &n.kind) {
                        Some(NodeKind::Question { text, .. }) => text.clone(),
                        _ => String::new(),
                    };
                    steps.push(Step {
                        at: prev.clone(),
                        question,
                        answer,
                    });
                    cursor = prev;
                }
                steps.reverse();
                return Some(steps);
            }
            if let Some(Node {
                kind: NodeKind::Question { answers, .. },
                ..
            }) = self.get(&at)
            {
                for a in answers {
                    if !came_from.contains_key(&a.target) {
                        came_from.insert(a.target.clone(), Some((at.clone(), a.label.clone())));
                        queue.push_back(a.target.clone());
                    }
                }
            }
        }
        None
    }

    /// Every walk from an entry point to a result for `code`, at most `limit`, shortest first.
    pub fn walks_to(&self, code: StatusCode, limit: usize) -> Vec<(Vec<Step>, NodeRef)> {
        let mut found = Vec::new();
        for start in self.entry_points() {
            self.collect_walks(&start, code, &mut Vec::new(), &mut found);
        }
        found.sort_by(|a, b| (a.0.len(), &a.1).cmp(&(b.0.len(), &b.1)));
        found.truncate(limit);
        found
    }

    fn collect_walks(
        &self,
        at: &NodeRef,
        code: StatusCode,
        path: &mut Vec<Step>,
        found: &mut Vec<(Vec<Step>, NodeRef)>,
    ) {
        // Trees are validated acyclic; the depth bound only guards against surprises.
        if path.len() > 64 {
            return;
        }
        match self.get(at).map(|n| &n.kind) {
            Some(NodeKind::Result(result)) if result.code == code => {
                found.push((path.clone(), at.clone()))
            }
            Some(NodeKind::Question { text, answers }) => {
                for a in answers {
                    path.push(Step {
                        at: at.clone(),
                        question: text.clone(),
                        answer: a.label.clone(),
                    });
                    self.collect_walks(&a.target, code, path, found);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// Follows answers by label from the entry point; the node reached, if every label matched.
    pub fn walk(&self, labels: &[&str]) -> Option<&Node> {
        let mut at = self.entry_points().into_iter().next()?;
        for label in labels {
            let NodeKind::Question { answers, .. } = &self.get(&at)?.kind else {
                return None;
            };
            at = answers.iter().find(|a| a.label == *label)?.target.clone();
        }
        self.get(&at)
    }
}
