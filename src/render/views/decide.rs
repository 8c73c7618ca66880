//! What the decision-tree templates receive, and the walks shown on code pages.

use serde::Serialize;

use crate::model::decide::{MAX_WALK, NodeKind, NodeRef, Outcome, START_TREE, Step, Tree};
use crate::model::{CodeMeta, Message, RequirementLevel, Site, StatusCode};
use crate::render::views::facts::{HeaderRule, Reference, header_rules};
use crate::render::views::{Card, card};
use crate::routes::Route;

/// Every requirement level, in the order the legend explains them.
const LEVELS: [RequirementLevel; 7] = [
    RequirementLevel::Must,
    RequirementLevel::Defining,
    RequirementLevel::Should,
    RequirementLevel::May,
    RequirementLevel::Convention,
    RequirementLevel::ShouldNot,
    RequirementLevel::MustNot,
];

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
pub struct ResultView<'a> {
    pub card: Card<'a>,
    pub why: String,
    pub spec: Option<Reference<'a>>,
    pub judgement: bool,
    /// The response fields to send with the code (request fields and MUST NOT ones left out).
    pub headers: Vec<HeaderRule<'a>>,
    /// The response fields the code must not (or should not) carry.
    pub never: Vec<HeaderRule<'a>>,
    /// The requirement levels `headers` and `never` use, for the legend.
    pub levels: Vec<&'static str>,
    /// The codes readers confuse with this one, with the line that tells them apart; then the
    /// other results of the question(s) that lead here.
    pub alternatives: Vec<AlternativeView<'a>>,
}

/// A result next to this one: a code readers confuse with it and why (`reason`); or the question
/// and answer that lead to a sibling result, and its step; or, failing both, a code the entry
/// names as related (no reason, no answer, no step).
#[derive(Debug, Clone, Serialize)]
pub struct AlternativeView<'a> {
    pub reason: Option<String>,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub card: Card<'a>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeView<'a> {
    pub tree: String,
    pub tree_title: String,
    pub tree_url: String,
    pub id: String,
    pub url: String,
    pub question: Option<String>,
    pub explanation_html: Option<String>,
    pub answers: Vec<AnswerView>,
    pub result: Option<ResultView<'a>>,
    /// The answers every walk from the start to here gives, which the reader must have given: the
    /// steps back from here while each step has only one way in (so none where routes merge just
    /// above it). With JavaScript the walk actually taken replaces it.
    pub path: Vec<StepView>,
    /// Whether the same question is asked elsewhere in the tree: its page title then names the
    /// answer that leads here.
    pub question_repeats: bool,
    /// The first question of this node's own tree ("Start over" restarts the tree the reader is in).
    pub start_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub start_url: String,
    /// The tree every walk starts from ("Start here").
    pub is_start: bool,
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
            url: site.urls.route(Route::node(&s.at)),
        })
        .collect()
}

/// Where a reader starts: the start tree's root, or the first tree's root.
pub fn start_url(site: &Site) -> Option<String> {
    site.trees
        .entry_points()
        .first()
        .map(|at| site.urls.route(Route::node(at)))
}

pub fn node<'a>(site: &'a Site, slug: &str, tree: &'a Tree, id: &str) -> Option<NodeView<'a>> {
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
                    url: site.urls.route(Route::node(&a.target)),
                })
                .collect(),
            None,
        ),
        NodeKind::Result(result) => {
            let page = site.codes.get(&result.code)?;
            let not_sent =
                [RequirementLevel::MustNot, RequirementLevel::ShouldNot].map(|l| l.label());
            let (never, headers): (Vec<_>, Vec<_>) =
                header_rules(&page.meta, &|route| site.urls.route(route))
                    .into_iter()
                    .filter(|h| h.message == Message::Response)
                    .partition(|h| not_sent.contains(&h.level));
            // The levels shown, once each, in the order the legend explains them.
            let levels = LEVELS
                .map(RequirementLevel::label)
                .into_iter()
                .filter(|l| headers.iter().chain(&never).any(|h| h.level == *l))
                .collect();
            (
                None,
                Vec::new(),
                Some(ResultView {
                    card: card(site, page),
                    why: result.why.clone(),
                    spec: result.spec.as_ref().map(Reference::from),
                    judgement: result.judgement,
                    headers,
                    never,
                    levels,
                    alternatives: alternatives(site, &at, result, &page.meta),
                }),
            )
        }
    };
    Some(NodeView {
        tree: slug.to_owned(),
        tree_title: tree.title.clone(),
        tree_url: site.urls.route(Route::Tree(slug)),
        id: id.to_owned(),
        url: site.urls.route(Route::node(&at)),
        question,
        explanation_html: node.explanation.as_ref().map(|e| e.html.clone()),
        answers,
        result,
        path: steps(site, &certain_path(site, &at)),
        question_repeats: false,
        start_url: site.urls.route(Route::node(&NodeRef {
            tree: slug.to_owned(),
            node: tree.root.clone(),
        })),
    })
}

/// Every question's answers that lead to `target`, as (question, answer label).
fn parents<'a>(site: &'a Site, target: &NodeRef) -> Vec<(NodeRef, &'a str)> {
    let mut found = Vec::new();
    for (slug, tree) in &site.trees.0 {
        for node in &tree.nodes {
            if let NodeKind::Question { answers, .. } = &node.kind {
                for answer in answers.iter().filter(|a| &a.target == target) {
                    let at = NodeRef {
                        tree: slug.clone(),
                        node: node.id.clone(),
                    };
                    found.push((at, answer.label.as_str()));
                }
            }
        }
    }
    found
}

/// The steps every walk to `at` ends with: back from `at` while the node has exactly one answer
/// leading to it, first step first. Trees are validated acyclic and no walk is longer than
/// `MAX_WALK`; the bound only guards against surprises.
fn certain_path(site: &Site, at: &NodeRef) -> Vec<Step> {
    let mut path = Vec::new();
    let mut here = at.clone();
    while path.len() < MAX_WALK {
        let incoming = parents(site, &here);
        let [(parent, answer)] = incoming.as_slice() else {
            break;
        };
        let Some(NodeKind::Question { text, .. }) = site.trees.get(parent).map(|n| &n.kind) else {
            break;
        };
        path.push(Step {
            at: parent.clone(),
            question: text.clone(),
            answer: (*answer).to_owned(),
        });
        here = parent.clone();
    }
    path.reverse();
    path
}

/// The codes the result names as confusable, with their reasons; then the other results offered
/// by the questions that lead to `at`, one per code, in answer order; failing both, the codes the
/// entry lists as related.
fn alternatives<'a>(
    site: &'a Site,
    at: &NodeRef,
    result: &Outcome,
    meta: &'a CodeMeta,
) -> Vec<AlternativeView<'a>> {
    let code = meta.code;
    let mut seen = vec![code];
    let mut found = Vec::new();
    for other in &result.confusable {
        if let Some(page) = site
            .codes
            .get(&other.code)
            .filter(|_| !seen.contains(&other.code))
        {
            seen.push(other.code);
            found.push(AlternativeView {
                reason: Some(other.reason.clone()),
                question: None,
                answer: None,
                card: card(site, page),
                url: None,
            });
        }
    }
    for (parent, _) in parents(site, at) {
        let Some(NodeKind::Question { text, answers }) = site.trees.get(&parent).map(|n| &n.kind)
        else {
            continue;
        };
        for answer in answers.iter().filter(|a| &a.target != at) {
            let Some(NodeKind::Result(other)) = site.trees.get(&answer.target).map(|n| &n.kind)
            else {
                continue;
            };
            if seen.contains(&other.code) {
                continue;
            }
            if let Some(page) = site.codes.get(&other.code) {
                seen.push(other.code);
                found.push(AlternativeView {
                    reason: None,
                    question: Some(text.clone()),
                    answer: Some(answer.label.clone()),
                    card: card(site, page),
                    url: Some(site.urls.route(Route::node(&answer.target))),
                });
            }
        }
    }
    if found.is_empty() {
        found = meta
            .related
            .iter()
            .filter_map(|c| site.codes.get(c))
            .map(|page| AlternativeView {
                reason: None,
                question: None,
                answer: None,
                card: card(site, page),
                url: None,
            })
            .collect();
    }
    found
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
                url: site.urls.route(Route::node(&at)),
                is_result,
            }
        })
        .collect();
    TreeView {
        slug: slug.to_owned(),
        title: tree.title.clone(),
        summary: tree.summary.clone(),
        url: site.urls.route(Route::Tree(slug)),
        start_url: site.urls.route(Route::node(&NodeRef {
            tree: slug.to_owned(),
            node: tree.root.clone(),
        })),
        is_start: slug == START_TREE,
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
            result_url: site.urls.route(Route::node(&result)),
        })
        .collect()
}
