//! Decision trees: read `content/decide/*.yaml`, then check each tree and build it in one step
//! (a tree is built only when nothing in it was reported), and check the graph across all trees.
//! Every problem names the file, the node id and the line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

mod graph;

use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean};
use crate::files::SiteFile;
use crate::load::validate::{Index, fields, is_slug};
use crate::load::yaml::{Fields, Seg, Yaml, in_text};
use crate::markdown;
use crate::model::decide::{
    Answer, Confusable, MAX_WALK, Node, NodeKind, NodeRef, Outcome, Tree, Trees,
};
use crate::model::file::{NodeFile, TreeFile};
use crate::model::{Class, LinkSites};
use crate::routes::Kind;
use crate::source::SourceFile;
use crate::urls::Urls;
use graph::{Graph, report_cycles, unreachable};

/// A tree file whose YAML parsed.
pub(crate) struct TreeDraft {
    pub slug: String,
    pub file: TreeFile,
    pub src: SourceFile,
    /// Node id to its index in `file.nodes` (the first, for a repeated id).
    positions: HashMap<String, usize>,
    /// Where the file's fields are written, parsed when a diagnostic or link first needs it.
    fields: Fields,
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
            fields: Fields::default(),
        }
    }

    fn node_index(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    pub(crate) fn at(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.fields.at(&self.src, path, message)
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

/// The tree files of `content/decide/`: those that parsed, and the slugs of those that did not.
/// Trees that exist but could not be read or parsed have their own problems reported; answers
/// that lead into them cannot be checked, so they are not reported as leading nowhere.
pub(crate) type LoadedTrees = super::LoadedFolder<TreeDraft>;

/// The folder of decision trees, `content/decide/*.yaml`.
pub(crate) struct TreeFolder;

impl super::Folder for TreeFolder {
    type Draft = TreeDraft;

    fn kind(&self) -> Kind {
        Kind::Tree
    }

    fn depth(&self) -> Option<usize> {
        Some(1)
    }

    fn suffix(&self) -> &'static str {
        ".yaml"
    }

    fn unexpected(&self, file: &SiteFile) -> Diagnostic {
        Diagnostic::at_file(&file.display, "unexpected file in content/decide/")
            .expected("decision trees as YAML files ending in `.yaml`")
    }

    fn read(
        &self,
        root: &Path,
        file: &SiteFile,
        slug: &str,
        diags: &mut Diagnostics,
    ) -> Result<TreeDraft, Vec<Diagnostic>> {
        let src = SourceFile::read(root, &file.path).map_err(|d| vec![d])?;
        let parsed = Yaml {
            src: &src,
            text: &src.text,
            offset: 0,
        }
        .parse::<TreeFile>()?;
        let draft = TreeDraft::new(slug.to_owned(), parsed, src);
        if !is_slug(slug) {
            diags.push(
                draft
                    .at(&[], format!("`{}` is not a valid tree name", file.name()))
                    .expected("lower-case letters, digits and hyphens, e.g. client-error.yaml"),
            );
        }
        Ok(draft)
    }
}

/// Checks every tree and the graph they form together, and builds the trees: each one in which
/// nothing was reported, with its explanations rendered and their links checked.
pub(crate) fn build(
    trees: LoadedTrees,
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
    links: &mut LinkSites,
) -> Trees {
    let graph = Graph {
        ids: (trees.drafts.iter())
            .map(|d| {
                let ids = d.file.nodes.iter().map(|n| n.id.as_str()).collect();
                (d.slug.as_str(), ids)
            })
            .collect(),
        unparsed: &trees.unparsed,
    };
    let built: BTreeMap<String, Tree> = (trees.drafts.iter())
        .filter_map(|draft| {
            let tree = tree(draft, &graph, index, urls, diags)?;
            Some((draft.slug.clone(), tree))
        })
        .collect();
    report_cycles(&trees.drafts, diags);
    record_links(&trees.drafts, &built, links);
    let built = Trees::new(built);
    report_long_walks(&trees.drafts, &built, diags);
    built
}

/// Records where each explanation's links are written, for `check`'s link report: explanations
/// are YAML strings, so their links are placed at the field. A built tree has every node of its
/// file, in the file's order.
fn record_links(drafts: &[TreeDraft], built: &BTreeMap<String, Tree>, links: &mut LinkSites) {
    for draft in drafts {
        let Some(tree) = built.get(&draft.slug) else {
            continue;
        };
        for (i, node) in tree.nodes.iter().enumerate() {
            let Some(explanation) = &node.explanation else {
                continue;
            };
            let place = Place::of(&draft.node_at(i, &[key("explanation")], ""));
            crate::model::record_links_at(links, &draft.src.path, explanation, &place);
        }
    }
}

/// Checks one tree and builds it, if nothing in it is wrong.
fn tree(
    draft: &TreeDraft,
    graph: &Graph,
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
) -> Option<Tree> {
    let before = diags.len();
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
    let nodes: Vec<Option<Node>> = (file.nodes.iter().enumerate())
        .map(|(i, def)| {
            if !seen.insert(def.id.as_str()) {
                diags.push(
                    draft
                        .node_at(i, &[key("id")], "duplicate node id")
                        .expected("each id once per tree"),
                );
            }
            node(draft, i, def, graph, index, urls, diags)
        })
        .collect();
    let class = match &file.class {
        Some(class) => {
            let parsed = Class::from_slug(class);
            if parsed.is_none() {
                diags.push(
                    draft
                        .at(&[key("class")], format!("`{class}` is not a status class"))
                        .expected("one of 1xx, 2xx, 3xx, 4xx, 5xx"),
                );
            }
            Some(parsed)
        }
        None => None,
    };
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
    if diags.len() != before {
        return None;
    }
    Some(Tree::new(
        file.title.clone(),
        file.summary.clone(),
        file.root.clone(),
        class.flatten(),
        nodes.into_iter().collect::<Option<_>>()?,
        draft.src.path.clone(),
    ))
}

/// Checks node `i` of a tree (a question with at least two answers that lead somewhere, or a
/// result whose code has an entry) and builds it.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
fn node(
    draft: &TreeDraft,
    i: usize,
    def: &NodeFile,
    graph: &Graph,
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
) -> Option<Node> {
    let before = diags.len();
    if !is_slug(&def.id) {
        diags.push(
            draft
                .node_at(i, &[key("id")], "not a valid node id")
                .expected("lower-case letters, digits and hyphens"),
        );
    }
    match (&def.question, &def.result) {
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
        (Some(_), None) if def.answers.len() < 2 => diags.push(
            draft
                .node_at(i, &[key("answers")], format!("a question needs at least two answers, found {}", def.answers.len()))
                .hint("a question with one way on is not a decision: merge it into the answer that leads here"),
        ),
        (None, Some(_)) if !def.answers.is_empty() => diags.push(
            draft.node_at(i, &[key("answers")], "a result node has no answers").hint("a result ends the walk"),
        ),
        _ => {}
    }
    if def.question.as_deref().is_some_and(|q| q.trim().is_empty()) {
        diags.push(
            draft
                .node_at(i, &[key("question")], "the question is empty")
                .expected("the question to ask"),
        );
    }
    let answers: Vec<Answer> = (def.answers.iter().enumerate())
        .map(|(j, answer)| {
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
            if !graph.exists(&target) {
                let candidates = graph.candidates(&draft.slug);
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
            Answer {
                label: answer.label.clone(),
                target,
            }
        })
        .collect();
    let outcome = def.result.as_ref().map(|result| {
        if result.why.trim().is_empty() {
            diags.push(
                draft
                    .node_at(i, &[key("result"), key("why")], "the result has no reason")
                    .expected("one sentence: why this code fits"),
            );
        }
        let code = result.code.code().filter(|code| index.has_code(*code));
        if code.is_none() {
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
        let spec = match &result.spec {
            Some(spec) => {
                let at = |p: &[Seg], m: String| draft.node_at(i, p, m);
                let path = [key("result"), key("spec")];
                Some(fields::reference(&at, &path, spec, false, diags)?)
            }
            None => None,
        };
        let confusable = (result.confusable.iter().enumerate())
            .filter_map(|(j, other)| {
                let at =
                    |field: &str| [key("result"), key("confusable"), Seg::Index(j), key(field)];
                let known = other.code.code().filter(|c| index.has_code(*c));
                if known.is_none() {
                    let message = format!("confusable code {} has no entry", other.code);
                    diags.push(
                        (draft.node_at(i, &at("code"), message))
                            .expected("a code that has a file in content/codes/"),
                    );
                }
                if other.reason.trim().is_empty() {
                    diags.push(
                        (draft.node_at(i, &at("reason"), "the confusable code has no reason"))
                            .expected("one line: when that code is the one to send instead"),
                    );
                }
                Some(Confusable {
                    code: known?,
                    reason: other.reason.trim().to_owned(),
                })
            })
            .collect();
        Some(Outcome {
            code: code?,
            why: result.why.clone(),
            spec,
            judgement: result.judgement,
            confusable,
        })
    });
    let explanation = def.explanation.as_ref().map(|text| {
        let (rendered, broken) = markdown::render(text, &|dest| index.resolve(dest, urls));
        for link in broken {
            let field = draft.node_at(i, &[key("explanation")], link.message);
            diags.push(in_text(field, &draft.src, text, link.offset).hint_opt(link.hint));
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
    if diags.len() != before {
        return None;
    }
    let kind = match (&def.question, outcome) {
        (Some(text), None) => NodeKind::Question {
            text: text.clone(),
            answers,
        },
        (None, Some(outcome)) => NodeKind::Result(outcome?),
        // Reported above.
        _ => return None,
    };
    Some(Node {
        id: def.id.clone(),
        kind,
        explanation,
    })
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
