//! The graph the decision trees form together: which node ids exist, which nodes a tree's root
//! reaches, and the cycles that would keep a walk from ending at a result.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::Diagnostics;
use crate::load::yaml::Seg;
use crate::model::decide::NodeRef;

use super::{TreeDraft, key};

/// What every tree needs to check its nodes: the node ids of all trees, and the trees that exist
/// but did not parse.
pub(super) struct Graph<'a> {
    pub ids: BTreeMap<&'a str, BTreeSet<&'a str>>,
    pub unparsed: &'a [String],
}

impl Graph<'_> {
    /// Whether `r` names a node. A node of a tree that failed to parse may well exist: that
    /// file's problem is reported on its own.
    pub fn exists(&self, r: &NodeRef) -> bool {
        self.unparsed.contains(&r.tree)
            || (self.ids.get(r.tree.as_str())).is_some_and(|set| set.contains(r.node.as_str()))
    }

    /// Node ids as an answer in `tree` would write them.
    pub fn candidates(&self, tree: &str) -> Vec<String> {
        (self.ids.iter())
            .flat_map(|(t, set)| {
                set.iter().map(move |n| {
                    if *t == tree {
                        (*n).to_owned()
                    } else {
                        format!("{t}/{n}")
                    }
                })
            })
            .collect()
    }
}

/// Nodes that no path of same-tree answers from the root reaches.
pub(super) fn unreachable(draft: &TreeDraft) -> Vec<usize> {
    let file = &draft.file;
    let mut reached = vec![false; file.nodes.len()];
    let mut stack: Vec<usize> = draft.node_index(&file.root).into_iter().collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        for answer in &file.nodes[i].answers {
            let target = NodeRef::parse(&answer.goto, &draft.slug);
            if target.tree == draft.slug
                && let Some(j) = draft.node_index(&target.node)
            {
                stack.push(j);
            }
        }
    }
    // A repeated id is reported as a duplicate; only its first node is reachable by name.
    (0..file.nodes.len())
        .filter(|i| !reached[*i] && draft.node_index(&file.nodes[*i].id) == Some(*i))
        .collect()
}

/// Reports a cycle, given as the search frames on it (each node with one past the index of the
/// answer it follows): once in each tree it passes through, at the last of its answers there, with
/// the whole cycle from that answer, so the file that was edited to close it is always named.
fn report_cycle(
    by_slug: &BTreeMap<&str, &TreeDraft>,
    frames: &[(NodeRef, usize)],
    diags: &mut Diagnostics,
) {
    let mut trees_named = Vec::new();
    // The last answer on the cycle in each tree: for a cycle within one tree, the one closing it.
    for (k, (node, next)) in frames.iter().enumerate().rev() {
        if trees_named.contains(&node.tree) {
            continue;
        }
        trees_named.push(node.tree.clone());
        let Some(tree) = by_slug.get(node.tree.as_str()) else {
            continue;
        };
        let Some(i) = tree.node_index(&node.node) else {
            continue;
        };
        let answer = next - 1;
        let Some(label) = tree.file.nodes[i].answers.get(answer).map(|a| &a.label) else {
            continue;
        };
        let path: Vec<String> = (frames[k..].iter().chain(&frames[..k]))
            .chain(std::iter::once(&frames[k]))
            .map(|(n, _)| n.to_string())
            .collect();
        diags.push(
            tree.node_at(
                i,
                &[key("answers"), Seg::Index(answer), key("goto")],
                format!("answer `{label}` closes a cycle: {}", path.join(" → ")),
            )
            .expected("every walk to end at a result")
            .hint("point one answer of the cycle at a node further down, or at a result"),
        );
    }
}

/// Finds cycles in the graph of all trees and reports each in every tree it passes through.
pub(super) fn report_cycles(drafts: &[TreeDraft], diags: &mut Diagnostics) {
    let by_slug: BTreeMap<&str, &TreeDraft> = drafts.iter().map(|d| (d.slug.as_str(), d)).collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unseen,
        Open,
        Done,
    }
    let mut marks: BTreeMap<NodeRef, Mark> = BTreeMap::new();
    // Iterative depth-first search; each frame is a node and the index of its next answer.
    for draft in drafts {
        for start in &draft.file.nodes {
            let start = NodeRef {
                tree: draft.slug.clone(),
                node: start.id.clone(),
            };
            if marks.get(&start).copied().unwrap_or(Mark::Unseen) != Mark::Unseen {
                continue;
            }
            let mut stack: Vec<(NodeRef, usize)> = vec![(start.clone(), 0)];
            marks.insert(start, Mark::Open);
            while let Some((at, next)) = stack.last().cloned() {
                let Some(tree) = by_slug.get(at.tree.as_str()) else {
                    stack.pop();
                    continue;
                };
                let Some(i) = tree.node_index(&at.node) else {
                    marks.insert(at, Mark::Done);
                    stack.pop();
                    continue;
                };
                let answers = &tree.file.nodes[i].answers;
                if next >= answers.len() {
                    marks.insert(at, Mark::Done);
                    stack.pop();
                    continue;
                }
                stack.last_mut().expect("non-empty").1 += 1;
                let target = NodeRef::parse(&answers[next].goto, &at.tree);
                match marks.get(&target).copied().unwrap_or(Mark::Unseen) {
                    Mark::Open => {
                        let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                        report_cycle(&by_slug, &stack[from..], diags);
                    }
                    Mark::Unseen if by_slug.contains_key(target.tree.as_str()) => {
                        marks.insert(target.clone(), Mark::Open);
                        stack.push((target, 0));
                    }
                    _ => {}
                }
            }
        }
    }
}
