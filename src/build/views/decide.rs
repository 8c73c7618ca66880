//! What the decision-tree templates receive, and the walks shown on code pages.

use serde::Serialize;

use crate::build::views::{Card, SpecView, card};
use crate::model::decide::{NodeKind, NodeRef, Step, Tree};
use crate::model::{Site, StatusCode};

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub question: String,
    pub answer: String,
    /// The question's page, so each step can be revisited.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultView {
    pub card: Card,
    pub why: String,
    pub spec: Option<SpecView>,
    pub judgement: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    pub tree: String,
    pub tree_title: String,
    pub tree_url: String,
    pub id: String,
    pub url: String,
    pub question: Option<String>,
    pub explanation_html: Option<String>,
    pub answers: Vec<AnswerView>,
    pub result: Option<ResultView>,
    /// The shortest walk here from the start; with JavaScript the walk actually taken replaces it.
    pub path: Vec<StepView>,
    pub start_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub start_url: String,
    /// Every node of the tree: questions by their text, results by their code.
    pub nodes: Vec<NodeLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeLink {
    pub label: String,
    pub url: String,
    pub is_result: bool,
}

/// One way to reach a code: the steps, then the result page.
#[derive(Debug, Clone, Serialize)]
pub struct WalkView {
    pub steps: Vec<StepView>,
    pub result_url: String,
}

fn steps(site: &Site, path: &[Step]) -> Vec<StepView> {
    path.iter()
        .map(|s| StepView {
            question: s.question.clone(),
            answer: s.answer.clone(),
            url: site.urls.decide_node(&s.at),
        })
        .collect()
}

/// Where a reader starts: the start tree's root, or the first tree's root.
pub fn start_url(site: &Site) -> Option<String> {
    site.trees
        .entry_points()
        .first()
        .map(|at| site.urls.decide_node(at))
}

pub fn node(site: &Site, slug: &str, tree: &Tree, id: &str) -> Option<NodeView> {
    let at = NodeRef {
        tree: slug.to_owned(),
        node: id.to_owned(),
    };
    let node = tree.node(id)?;
    let (question, answers, result) = match &node.kind {
        NodeKind::Question { text, answers } => (
            Some(text.clone()),
            answers
                .iter()
                .map(|a| AnswerView {
                    label: a.label.clone(),
                    url: site.urls.decide_node(&a.target),
                })
                .collect(),
            None,
        ),
        NodeKind::Result(result) => (
            None,
            Vec::new(),
            Some(ResultView {
                card: card(site, site.codes.get(&result.code)?),
                why: result.why.clone(),
                spec: result.spec.as_ref().map(SpecView::from),
                judgement: result.judgement,
            }),
        ),
    };
    Some(NodeView {
        tree: slug.to_owned(),
        tree_title: tree.title.clone(),
        tree_url: site.urls.decide_tree(slug),
        id: id.to_owned(),
        url: site.urls.decide_node(&at),
        question,
        explanation_html: node.explanation.as_ref().map(|e| e.html.clone()),
        answers,
        result,
        path: steps(site, &site.trees.shortest_path(&at)),
        start_url: start_url(site).unwrap_or_default(),
    })
}

pub fn tree(site: &Site, slug: &str, tree: &Tree) -> TreeView {
    let nodes = tree
        .nodes
        .iter()
        .map(|n| {
            let at = NodeRef {
                tree: slug.to_owned(),
                node: n.id.clone(),
            };
            let (label, is_result) = match &n.kind {
                NodeKind::Question { text, .. } => (text.clone(), false),
                NodeKind::Result(r) => {
                    let name = site
                        .codes
                        .get(&r.code)
                        .map(|p| p.meta.name.as_str())
                        .unwrap_or_default();
                    (format!("{} {name}", r.code), true)
                }
            };
            NodeLink {
                label,
                url: site.urls.decide_node(&at),
                is_result,
            }
        })
        .collect();
    TreeView {
        slug: slug.to_owned(),
        title: tree.title.clone(),
        summary: tree.summary.clone(),
        url: site.urls.decide_tree(slug),
        start_url: site.urls.decide_node(&NodeRef {
            tree: slug.to_owned(),
            node: tree.root.clone(),
        }),
        nodes,
    }
}

/// "How you get here": walks from the start that end at a result for `code`.
pub fn walks_to(site: &Site, code: StatusCode) -> Vec<WalkView> {
    site.trees
        .walks_to(code, 5)
        .into_iter()
        .map(|(path, result)| WalkView {
            steps: steps(site, &path),
            result_url: site.urls.decide_node(&result),
        })
        .collect()
}
