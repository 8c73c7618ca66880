//! Decision trees ("Which status code should I use?"): the validated graph the build renders
//! (the file format is [`crate::model::file::TreeFile`]).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::PathBuf;

use crate::markdown::Rendered;
use crate::model::{Reference, StatusCode};

/// The tree every walk starts from, when the site has one.
pub const START_TREE: &str = "start";

/// The most questions a walk may take to reach any node. Pages show the walk to each node, so
/// longer chains would make the output grow with the square of the tree; no reader answers
/// this many questions anyway.
pub const MAX_WALK: usize = 64;

pub use crate::ids::NodeRef;

/// What a result node recommends.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub code: StatusCode,
    /// One sentence: why this code fits.
    pub why: String,
    /// The section that backs the choice, where the specification does.
    pub spec: Option<Reference>,
    /// True when the choice goes beyond the specification (a convention or a judgement call).
    pub judgement: bool,
    /// Codes readers confuse with this one here, in the file's order, each with its reason.
    pub confusable: Vec<Confusable>,
}

/// A code readers confuse with a result's, and the one line that tells them apart.
#[derive(Debug, Clone)]
pub struct Confusable {
    pub code: StatusCode,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub label: String,
    pub target: NodeRef,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Question { text: String, answers: Vec<Answer> },
    Result(Outcome),
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
    /// Node id to its position in `nodes`.
    positions: HashMap<String, usize>,
}

impl Tree {
    pub fn new(
        title: String,
        summary: String,
        root: String,
        class: Option<crate::model::Class>,
        nodes: Vec<Node>,
        source: PathBuf,
    ) -> Tree {
        let mut positions = HashMap::with_capacity(nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            // Loading keeps one node per id; should two share one, the first keeps the name.
            positions.entry(node.id.clone()).or_insert(i);
        }
        Tree {
            title,
            summary,
            root,
            class,
            nodes,
            source,
            positions,
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.positions.get(id).map(|&i| &self.nodes[i])
    }
}

/// One step of a walk: the question asked, the answer taken, and the node the question is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub at: NodeRef,
    pub question: String,
    pub answer: String,
}

/// All trees of the site, keyed by slug, with the walks through them (computed once, in
/// [`Trees::new`], so that every later question about routes is a lookup).
#[derive(Debug, Clone, Default)]
pub struct Trees(pub BTreeMap<String, Tree>, Routes);

/// The shortest walk to every node, found by one breadth-first search over all trees: the work
/// grows with nodes and answers, never with the number of routes (which can be exponential).
#[derive(Debug, Clone, Default)]
struct Routes {
    /// How each reached node is first reached: the question node and the index of its answer
    /// (`None` at a node where walks start).
    came_from: HashMap<NodeRef, Option<(NodeRef, usize)>>,
    /// Questions asked before reaching each node.
    depth: HashMap<NodeRef, usize>,
    /// Nodes reached from the site's entry points (the others only from their own tree's root).
    from_entry: HashSet<NodeRef>,
    /// Result nodes for each code, in tree and file order.
    results: BTreeMap<StatusCode, Vec<NodeRef>>,
}

impl Trees {
    pub fn new(trees: BTreeMap<String, Tree>) -> Trees {
        let mut trees = Trees(trees, Routes::default());
        let mut routes = Routes::default();
        let entries = trees.entry_points();
        trees.search(&entries, &mut routes);
        routes.from_entry = routes.came_from.keys().cloned().collect();
        // Nodes no entry point reaches are walked to from their own tree's root.
        let roots: Vec<NodeRef> = trees
            .0
            .iter()
            .map(|(slug, t)| NodeRef {
                tree: slug.clone(),
                node: t.root.clone(),
            })
            .collect();
        for root in roots {
            if !routes.came_from.contains_key(&root) {
                trees.search(std::slice::from_ref(&root), &mut routes);
            }
        }
        for (slug, tree) in &trees.0 {
            for node in &tree.nodes {
                if let NodeKind::Result(result) = &node.kind {
                    routes
                        .results
                        .entry(result.code)
                        .or_default()
                        .push(NodeRef {
                            tree: slug.clone(),
                            node: node.id.clone(),
                        });
                }
            }
        }
        trees.1 = routes;
        trees
    }

    /// Breadth-first from `starts` (answers in order) over nodes not yet reached.
    fn search(&self, starts: &[NodeRef], routes: &mut Routes) {
        let mut queue = VecDeque::new();
        for s in starts {
            if routes.came_from.insert(s.clone(), None).is_none() {
                routes.depth.insert(s.clone(), 0);
                queue.push_back(s.clone());
            }
        }
        while let Some(at) = queue.pop_front() {
            let Some(Node {
                kind: NodeKind::Question { answers, .. },
                ..
            }) = self.get(&at)
            else {
                continue;
            };
            let depth = routes.depth[&at] + 1;
            for (i, a) in answers.iter().enumerate() {
                if !routes.came_from.contains_key(&a.target) {
                    routes
                        .came_from
                        .insert(a.target.clone(), Some((at.clone(), i)));
                    routes.depth.insert(a.target.clone(), depth);
                    queue.push_back(a.target.clone());
                }
            }
        }
    }

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

    /// Questions asked on the shortest walk to `at` (`None` if nothing reaches it).
    pub fn depth(&self, at: &NodeRef) -> Option<usize> {
        self.1.depth.get(at).copied()
    }

    /// The shortest walk from an entry point to `target` (breadth-first, answers in order), or,
    /// when no entry point reaches it, from the root of its own tree.
    pub fn shortest_path(&self, target: &NodeRef) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut cursor = target;
        while let Some(Some((prev, answer))) = self.1.came_from.get(cursor) {
            if let Some(NodeKind::Question { text, answers }) = self.get(prev).map(|n| &n.kind) {
                steps.push(Step {
                    at: prev.clone(),
                    question: text.clone(),
                    answer: answers[*answer].label.clone(),
                });
            }
            cursor = prev;
        }
        steps.reverse();
        steps
    }

    /// Walks from an entry point to results for `code`: the shortest to each such result, at
    /// most `limit`, shortest first.
    pub fn walks_to(&self, code: StatusCode, limit: usize) -> Vec<(Vec<Step>, NodeRef)> {
        let mut found: Vec<(usize, &NodeRef)> = self
            .1
            .results
            .get(&code)
            .into_iter()
            .flatten()
            .filter(|at| self.1.from_entry.contains(*at))
            .map(|at| (self.1.depth[at], at))
            .collect();
        found.sort();
        found
            .into_iter()
            .take(limit)
            .map(|(_, at)| (self.shortest_path(at), at.clone()))
            .collect()
    }

    /// The labels `other` (the same trees in another language) gives the answers that `labels`
    /// take here from the entry point, if every label matched.
    pub fn relabel(&self, labels: &[String], other: &Trees) -> Option<Vec<String>> {
        let mut at = self.entry_points().into_iter().next()?;
        let mut theirs = Vec::with_capacity(labels.len());
        for label in labels {
            let NodeKind::Question { answers, .. } = &self.get(&at)?.kind else {
                return None;
            };
            let i = answers.iter().position(|a| a.label == *label)?;
            let NodeKind::Question {
                answers: other_answers,
                ..
            } = &other.get(&at)?.kind
            else {
                return None;
            };
            theirs.push(other_answers.get(i)?.label.clone());
            at = answers[i].target.clone();
        }
        Some(theirs)
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
