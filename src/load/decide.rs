//! Decision trees: read `content/decide/*.yaml`, check the graph across all trees, and render the
//! explanations. Every problem names the file, the node id and the line.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean};
use crate::files;
use crate::load::source::SourceFile;
use crate::load::validate::Index;
use crate::load::yaml::{Seg, Yaml};
use crate::markdown;
use crate::model::decide::{Answer, MAX_WALK, Node, NodeKind, NodeRef, Tree, TreeFile, Trees};
use crate::model::{Class, LinkSite, LinkSites};
use crate::urls::Urls;

/// A tree file whose YAML parsed.
pub(crate) struct TreeDraft {
    pub slug: String,
    pub file: TreeFile,
    pub src: SourceFile,
    /// Node id to its index in `file.nodes` (the first, for a repeated id).
    positions: HashMap<String, usize>,
}

impl TreeDraft {
    fn new(slug: String, file: TreeFile, src: SourceFile) -> TreeDraft {
        let mut positions = HashMap::with_capacity(file.nodes.len());
        for (i, node) in file.nodes.iter().enumerate() {
            positions.entry(node.id.clone()).or_insert(i);
        }
        TreeDraft {
            slug,
            file,
            src,
            positions,
        }
    }

    fn node_index(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    fn at(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        Yaml {
            src: &self.src,
            text: &self.src.text,
            offset: 0,
        }
        .diagnostic(path, message)
    }

    fn node_at(&self, i: usize, rest: &[Seg], message: impl Into<String>) -> Diagnostic {
        let mut path = vec![key("nodes"), Seg::Index(i)];
        path.extend_from_slice(rest);
        self.at(
            &path,
            format!("node `{}`: {}", self.file.nodes[i].id, message.into()),
        )
    }
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_owned())
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The tree files of `content/decide/`: those that parsed, and the slugs of those that did not.
pub(crate) struct LoadedTrees {
    pub drafts: Vec<TreeDraft>,
    /// Trees that exist but could not be read or parsed. Their own problems are reported; answers
    /// that lead into them cannot be checked, so they are not reported as leading nowhere.
    pub unparsed: BTreeSet<String>,
}

/// Reads every `.yaml` file in `content/decide/`, in sorted order.
pub(crate) fn load_trees(root: &Path, diags: &mut Diagnostics) -> LoadedTrees {
    let mut drafts = Vec::new();
    let mut unparsed = BTreeSet::new();
    let dir = root
        .join("content")
        .join(crate::routes::Kind::Tree.folder());
    if !super::folder_is_listable(root, &dir, diags) {
        return LoadedTrees { drafts, unparsed };
    }
    for file in files::walk(root, &dir, Some(1), diags) {
        let Some(slug) = file.name().strip_suffix(".yaml") else {
            diags.push(
                Diagnostic::at_file(&file.display, "unexpected file in content/decide/")
                    .expected("decision trees as YAML files ending in `.yaml`"),
            );
            continue;
        };
        let (slug, name) = (slug.to_owned(), file.name().to_owned());
        let src = match SourceFile::read(root, &file.path) {
            Ok(src) => src,
            Err(d) => {
                diags.push(d);
                unparsed.insert(slug);
                continue;
            }
        };
        let parsed = Yaml {
            src: &src,
            text: &src.text,
            offset: 0,
        }
        .parse::<TreeFile>();
        match parsed {
            Ok(file) => {
                let valid = is_slug(&slug);
                let draft = TreeDraft::new(slug, file, src);
                if !valid {
                    diags.push(
                        draft
                            .at(&[], format!("`{name}` is not a valid tree name"))
                            .expected(
                                "lower-case letters, digits and hyphens, e.g. client-error.yaml",
                            ),
                    );
                }
                drafts.push(draft);
            }
            Err(problems) => {
                diags.extend(problems);
                unparsed.insert(slug);
            }
        }
    }
    LoadedTrees { drafts, unparsed }
}

/// Checks each tree and the graph they form together.
pub(crate) fn validate(trees: &LoadedTrees, index: &Index, diags: &mut Diagnostics) {
    let drafts = trees.drafts.as_slice();
    let ids: BTreeMap<&str, BTreeSet<&str>> = drafts
        .iter()
        .map(|d| {
            (
                d.slug.as_str(),
                d.file.nodes.iter().map(|n| n.id.as_str()).collect(),
            )
        })
        .collect();
    // A node of a tree that failed to parse may well exist: that file's problem is reported.
    let exists = |r: &NodeRef| {
        trees.unparsed.contains(&r.tree)
            || ids
                .get(r.tree.as_str())
                .is_some_and(|set| set.contains(r.node.as_str()))
    };

    for draft in drafts {
        let file = &draft.file;
        for (field, value) in [("title", &file.title), ("summary", &file.summary)] {
            if value.trim().is_empty() {
                diags.push(
                    draft
                        .at(&[key(field)], format!("`{field}` is empty"))
                        .expected("some text"),
                );
            }
        }
        let mut seen = HashSet::new();
        for (i, node) in file.nodes.iter().enumerate() {
            if !seen.insert(node.id.as_str()) {
                diags.push(
                    draft
                        .node_at(i, &[key("id")], "duplicate node id")
                        .expected("each id once per tree"),
                );
            }
            if !is_slug(&node.id) {
                diags.push(
                    draft
                        .node_at(i, &[key("id")], "not a valid node id")
                        .expected("lower-case letters, digits and hyphens"),
                );
            }
            match (&node.question, &node.result) {
                (Some(_), Some(_)) => diags.push(
                    draft
                        .node_at(i, &[key("result")], "a node is either a question or a result, not both")
                        .hint("move the result into a node of its own and point an answer at it"),
                ),
                (None, None) => diags.push(
                    draft
                        .node_at(i, &[key("id")], "the node has neither a `question` nor a `result`")
                        .expected("`question` with `answers`, or `result` with `code` and `why`"),
                ),
                (Some(_), None) if node.answers.len() < 2 => diags.push(
                    draft
                        .node_at(i, &[key("answers")], format!("a question needs at least two answers, found {}", node.answers.len()))
                        .hint("a question with one way on is not a decision: merge it into the answer that leads here"),
                ),
                (None, Some(_)) if !node.answers.is_empty() => diags.push(
                    draft.node_at(i, &[key("answers")], "a result node has no answers").hint("a result ends the walk"),
                ),
                _ => {}
            }
            if node
                .question
                .as_deref()
                .is_some_and(|q| q.trim().is_empty())
            {
                diags.push(
                    draft
                        .node_at(i, &[key("question")], "the question is empty")
                        .expected("the question to ask"),
                );
            }
            if node
                .result
                .as_ref()
                .is_some_and(|r| r.why.trim().is_empty())
            {
                diags.push(
                    draft
                        .node_at(i, &[key("result"), key("why")], "the result has no reason")
                        .expected("one sentence: why this code fits"),
                );
            }
            for (j, answer) in node.answers.iter().enumerate() {
                if answer.label.trim().is_empty() {
                    diags.push(
                        draft
                            .node_at(
                                i,
                                &[key("answers"), Seg::Index(j), key("label")],
                                "an answer has no label",
                            )
                            .expected("the answer as the reader would give it"),
                    );
                }
                let target = NodeRef::parse(&answer.goto, &draft.slug);
                if !exists(&target) {
                    let candidates: Vec<String> = ids
                        .iter()
                        .flat_map(|(t, set)| {
                            set.iter().map(move |n| {
                                if *t == draft.slug {
                                    (*n).to_owned()
                                } else {
                                    format!("{t}/{n}")
                                }
                            })
                        })
                        .collect();
                    let hint = did_you_mean(&answer.goto, candidates.iter().map(String::as_str))
                        .map(|m| format!("did you mean `{m}`?"))
                        .unwrap_or_else(|| {
                            "point it at a node id in this file, or `tree/node` for another tree"
                                .to_owned()
                        });
                    diags.push(
                        draft
                            .node_at(
                                i,
                                &[key("answers"), Seg::Index(j), key("goto")],
                                format!(
                                    "answer `{}` leads to `{}`, which does not exist",
                                    answer.label, answer.goto
                                ),
                            )
                            .hint(hint),
                    );
                }
            }
            if let Some(result) = &node.result
                && !index.has_code(result.code)
            {
                diags.push(
                    draft
                        .node_at(
                            i,
                            &[key("result"), key("code")],
                            format!("result code {} has no entry", result.code),
                        )
                        .expected("a code that has a file in content/codes/"),
                );
            }
        }
        if let Some(class) = &file.class
            && Class::from_slug(class).is_none()
        {
            diags.push(
                draft
                    .at(&[key("class")], format!("`{class}` is not a status class"))
                    .expected("one of 1xx, 2xx, 3xx, 4xx, 5xx"),
            );
        }
        if draft.node_index(&file.root).is_none() {
            diags.push(
                draft
                    .at(
                        &[key("root")],
                        format!("root `{}` is not a node of this tree", file.root),
                    )
                    .hint_opt(
                        did_you_mean(&file.root, file.nodes.iter().map(|n| n.id.as_str()))
                            .map(|m| format!("did you mean `{m}`?")),
                    ),
            );
        } else {
            for i in unreachable(draft) {
                diags.push(
                    draft
                        .node_at(
                            i,
                            &[key("id")],
                            format!("not reachable from the tree's root `{}`", file.root),
                        )
                        .hint("point an answer at it, or remove it"),
                );
            }
        }
    }
    report_cycles(drafts, diags);
}

/// Nodes that no path of same-tree answers from the root reaches.
fn unreachable(draft: &TreeDraft) -> Vec<usize> {
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

/// Finds cycles in the graph of all trees and reports each at the answer that closes it.
fn report_cycles(drafts: &[TreeDraft], diags: &mut Diagnostics) {
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
                        let cycle: Vec<String> = stack[from..]
                            .iter()
                            .map(|(n, _)| n.to_string())
                            .chain([target.to_string()])
                            .collect();
                        diags.push(
                            tree.node_at(
                                i,
                                &[key("answers"), Seg::Index(next), key("goto")],
                                format!(
                                    "answer `{}` closes a cycle: {}",
                                    answers[next].label,
                                    cycle.join(" → ")
                                ),
                            )
                            .expected("every walk to end at a result")
                            .hint("point the answer at a node further down, or at a result"),
                        );
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

/// Builds the validated trees, rendering explanations with links checked.
pub(crate) fn finish(
    drafts: Vec<TreeDraft>,
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
    links: &mut LinkSites,
) -> Trees {
    let mut trees = BTreeMap::new();
    for draft in &drafts {
        let mut nodes = Vec::new();
        for (i, def) in draft.file.nodes.iter().enumerate() {
            let explanation = def.explanation.as_ref().map(|text| {
                let (rendered, broken) = markdown::render(text, &|dest| index.resolve(dest, urls));
                // Explanations are YAML strings: their links are reported at the field.
                let place = Place::of(&draft.node_at(i, &[key("explanation")], ""));
                let sites = rendered.links.iter().map(|link| LinkSite {
                    href: link.href.clone(),
                    place: place.clone(),
                });
                let path = draft.src.path.clone();
                links.entry(path).or_default().extend(sites);
                for link in broken {
                    diags.push(
                        draft
                            .node_at(i, &[key("explanation")], link.message)
                            .hint_opt(link.hint),
                    );
                }
                for problem in crate::examples::check_blocks(&rendered) {
                    let mut diagnostic = draft
                        .node_at(i, &[key("explanation")], problem.message)
                        .hint_opt(problem.hint);
                    if let Some(expected) = problem.expected {
                        diagnostic = diagnostic.expected(expected);
                    }
                    diags.push(diagnostic);
                }
                rendered
            });
            let kind = match (&def.question, &def.result) {
                (_, Some(result)) => NodeKind::Result(result.clone()),
                (Some(text), None) => NodeKind::Question {
                    text: text.clone(),
                    answers: def
                        .answers
                        .iter()
                        .map(|a| Answer {
                            label: a.label.clone(),
                            target: NodeRef::parse(&a.goto, &draft.slug),
                        })
                        .collect(),
                },
                // Reported by `validate`; an empty question keeps the build going.
                (None, None) => NodeKind::Question {
                    text: String::new(),
                    answers: Vec::new(),
                },
            };
            nodes.push(Node {
                id: def.id.clone(),
                kind,
                explanation,
            });
        }
        let tree = Tree::new(
            draft.file.title.clone(),
            draft.file.summary.clone(),
            draft.file.root.clone(),
            draft.file.class.as_deref().and_then(Class::from_slug),
            nodes,
            draft.src.path.clone(),
        );
        trees.insert(draft.slug.clone(), tree);
    }
    let trees = Trees::new(trees);
    report_long_walks(&drafts, &trees, diags);
    trees
}

/// Reports, once per tree, the first node (in file order) that takes more than [`MAX_WALK`]
/// questions to reach.
fn report_long_walks(drafts: &[TreeDraft], trees: &Trees, diags: &mut Diagnostics) {
    for draft in drafts {
        let too_deep = draft.file.nodes.iter().enumerate().find_map(|(i, node)| {
            let at = NodeRef {
                tree: draft.slug.clone(),
                node: node.id.clone(),
            };
            trees
                .depth(&at)
                .filter(|&depth| depth > MAX_WALK)
                .map(|depth| (i, depth))
        });
        if let Some((i, depth)) = too_deep {
            diags.push(
                draft
                    .node_at(
                        i,
                        &[key("id")],
                        format!(
                            "the shortest walk to this node takes {depth} questions, more than \
                             the {MAX_WALK} a reader can be asked"
                        ),
                    )
                    .hint(
                        "split the tree, or merge questions so that every result is reached sooner",
                    ),
            );
        }
    }
}
