//! Decision trees' and practice scenarios' translations laid over the English ones: node by
//! node (questions, explanations, answer labels, results' reasons), and scenario by scenario
//! (title, situation, explanation, each wrong option's feedback; the walk follows the translated
//! labels). Every Markdown field keeps its English links and code.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::read::Files;
use super::{Overlay, key, paired};
use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean};
use crate::load::Parsed;
use crate::load::validate::check_text;
use crate::load::yaml::{Seg, in_text};
use crate::markdown::Rendered;
use crate::model::decide::{Answer, Confusable, Node, NodeKind, Tree, Trees};
use crate::model::file::{NodeTranslationFile, PracticeTranslationFile, TreeTranslationFile};
use crate::model::practice::Choice;
use crate::model::{LinkSite, StatusCode};

/// Lays the trees' and then the scenarios' translations over `overlay`'s site.
pub(super) fn apply(o: &mut Overlay, files: &Files, diags: &mut Diagnostics) {
    let english = o.english;
    let mut trees = english.trees.0.clone();
    for (draft, source) in &files.trees {
        let Some(en) = english.trees.0.get(&draft.stem) else {
            continue;
        };
        check_text(draft, "title", &draft.meta.title, diags);
        check_text(draft, "summary", &draft.meta.summary, diags);
        let mut fields = Fields::new(o, draft, source);
        let nodes = nodes(&mut fields, en, diags);
        fields.done();
        let t = &draft.meta;
        let tree = Tree::new(
            t.title.clone(),
            t.summary.clone(),
            en.root.clone(),
            en.class,
            nodes,
            en.source.clone(),
        );
        trees.insert(draft.stem.clone(), tree);
        o.track(draft, source, diags);
    }
    o.site.trees = Trees::new(trees);
    for (draft, source) in &files.practice {
        practice(o, draft, source, diags);
    }
}

/// The Markdown fields of one YAML translation: rendered against the English ones, their links
/// recorded (at the field) under the English file.
struct Fields<'o, 'a, 'd, M> {
    o: &'o mut Overlay<'a>,
    draft: &'d Parsed<M>,
    source: &'d Path,
    links: Vec<LinkSite>,
}

impl<'o, 'a, 'd, M> Fields<'o, 'a, 'd, M> {
    fn new(o: &'o mut Overlay<'a>, draft: &'d Parsed<M>, source: &'d Path) -> Self {
        Fields {
            o,
            draft,
            source,
            links: Vec::new(),
        }
    }

    fn at(&self, path: &[Seg], message: String) -> Diagnostic {
        self.draft.at(path, message)
    }

    /// Renders the text at `path` against `english`.
    fn markdown(
        &mut self,
        path: &[Seg],
        text: &str,
        english: &Rendered,
        diags: &mut Diagnostics,
    ) -> Rendered {
        let draft = self.draft;
        let at = |offset: usize, message: String| {
            in_text(draft.at(path, message), &draft.src, text, offset)
        };
        let rendered = self.o.markdown(text, english, &at, diags);
        let place = Place::of(&draft.at(path, String::new()));
        (self.links).extend(rendered.links.iter().map(|link| LinkSite {
            href: link.href.clone(),
            place: place.clone(),
        }));
        rendered
    }

    /// Keeps the links recorded.
    fn done(self) {
        (self.o.site.links).insert(self.source.to_owned(), Arc::new(self.links));
    }
}

/// The tree's nodes in English order, each with its translated words (the English node where
/// the translation has none, which is reported).
fn nodes(f: &mut Fields<TreeTranslationFile>, en: &Tree, diags: &mut Diagnostics) -> Vec<Node> {
    let given = &f.draft.meta.nodes;
    for id in given.keys().filter(|id| en.node(id).is_none()) {
        let ids = en.nodes.iter().map(|n| n.id.as_str());
        diags.push(
            f.at(
                &[key("nodes"), key(id)],
                format!("the English tree has no node `{id}`"),
            )
            .expected("the id of a node of the English tree")
            .hint_opt(did_you_mean(id, ids).map(|m| format!("did you mean `{m}`?"))),
        );
    }
    let mut nodes = Vec::with_capacity(en.nodes.len());
    for node in &en.nodes {
        let Some(words) = given.get(&node.id) else {
            diags.push(
                f.at(
                    &[key("nodes")],
                    format!("node `{}` is not translated", node.id),
                )
                .expected(format!(
                    "`{}:` under `nodes:`, with the node's words",
                    node.id
                ))
.hint("every node of the English tree is translated: its question and answers, or its result"),
            );
            nodes.push(node.clone());
            continue;
        };
        nodes.push(translated_node(f, node, words, diags));
    }
    nodes
}

fn translated_node(
    f: &mut Fields<TreeTranslationFile>,
    node: &Node,
    words: &NodeTranslationFile,
    diags: &mut Diagnostics,
) -> Node {
    let base = [key("nodes"), key(&node.id)];
    let path = |field: &str| [base[0].clone(), base[1].clone(), key(field)];
    let draft = f.draft;
    let at = |p: &[Seg], message: String| draft.at(p, message);
    let explanation = match (&node.explanation, &words.explanation) {
        (Some(en), Some(text)) => Some(f.markdown(&path("explanation"), text, en, diags)),
        (None, None) => None,
        (Some(en), None) => {
            diags.push(
                at(
                    &base,
                    format!(
                        "node `{}`: `explanation` is missing: the English node has one",
                        node.id
                    ),
                )
                .expected("the explanation's translation, with its links and code")
                .hint("every text of the English node is translated"),
            );
            Some(en.clone())
        }
        (None, Some(_)) => {
            diags.push(
                at(
                    &path("explanation"),
                    format!("node `{}`: the English node has no explanation", node.id),
                )
                .hint("remove it: a translation has the English node's fields and no others"),
            );
            None
        }
    };
    let kind = match &node.kind {
        NodeKind::Question { text, answers } => {
            let question = paired(
                &at,
                &path("question"),
                Some(text),
                words.question.as_ref(),
                diags,
            );
            paired(
                &at,
                &path("result"),
                None,
                words.result.as_ref().map(|r| &r.why),
                diags,
            );
            let labels = same_length(
                &at,
                &path("answers"),
                "answer labels",
                answers.len(),
                &words.answers,
                diags,
            );
            NodeKind::Question {
                text: question.unwrap_or_else(|| text.clone()),
                answers: match labels {
                    Some(labels) => (answers.iter().zip(labels))
                        .map(|(a, label)| Answer {
                            label: label.clone(),
                            target: a.target.clone(),
                        })
                        .collect(),
                    None => answers.clone(),
                },
            }
        }
        NodeKind::Result(outcome) => {
            paired(&at, &path("question"), None, words.question.as_ref(), diags);
            if !words.answers.is_empty() {
                diags.push(
                    at(
                        &path("answers"),
                        format!(
                            "node `{}`: the English node is a result, with no answers",
                            node.id
                        ),
                    )
                    .hint("remove `answers`: a result node has `result` only"),
                );
            }
            NodeKind::Result(translated_outcome(&at, &base, node, outcome, words, diags))
        }
    };
    Node {
        id: node.id.clone(),
        kind,
        explanation,
    }
}

/// A result's outcome with the translation's reason and confusable reasons.
fn translated_outcome(
    at: &dyn Fn(&[Seg], String) -> Diagnostic,
    base: &[Seg],
    node: &Node,
    outcome: &crate::model::decide::Outcome,
    words: &NodeTranslationFile,
    diags: &mut Diagnostics,
) -> crate::model::decide::Outcome {
    let mut outcome = outcome.clone();
    let Some(result) = &words.result else {
        diags.push(
            at(
                base,
                format!(
                    "node `{}`: `result` is missing: the English node is a result",
                    node.id
                ),
            )
            .expected("`result:` with `why` (and `confusable`, as in English)")
            .hint("a result node's words are its `why` and its confusable reasons"),
        );
        return outcome;
    };
    outcome.why.clone_from(&result.why);
    let mut path = base.to_vec();
    path.extend([key("result"), key("confusable")]);
    let english = outcome.confusable.len();
    if let Some(reasons) = same_length(at, &path, "reasons", english, &result.confusable, diags) {
        for (c, reason) in outcome.confusable.iter_mut().zip(reasons) {
            *c = Confusable {
                code: c.code,
                reason: reason.clone(),
            };
        }
    }
    outcome
}

/// `given`, when it has as many items as the English list (else reported at `path`).
fn same_length<'g>(
    at: &dyn Fn(&[Seg], String) -> Diagnostic,
    path: &[Seg],
    what: &str,
    english: usize,
    given: &'g [String],
    diags: &mut Diagnostics,
) -> Option<&'g [String]> {
    if given.len() == english {
        return Some(given);
    }
    diags.push(
        at(
            path,
            format!("{} {what}, the English node has {english}", given.len()),
        )
        .expected(format!("{english} {what}, in the English order"))
        .hint("one for each of the English node's, in its order"),
    );
    None
}

/// One scenario's translation.
fn practice(
    o: &mut Overlay,
    draft: &Parsed<PracticeTranslationFile>,
    source: &Path,
    diags: &mut Diagnostics,
) {
    let english = o.english;
    let Some(en) = english.practice.get(&draft.stem) else {
        return;
    };
    let t = &draft.meta;
    check_text(draft, "title", &t.title, diags);
    let mut fields = Fields::new(o, draft, source);
    let scenario = fields.markdown(&[key("scenario")], &t.scenario, &en.scenario, diags);
    let explanation = fields.markdown(
        &[key("explanation")],
        &t.explanation,
        &en.explanation,
        diags,
    );
    let wrong: BTreeMap<StatusCode, &Rendered> = (en.options.iter())
        .filter_map(|c| Some((c.code, c.feedback.as_ref()?)))
        .collect();
    for code in t.feedback.keys() {
        if !code.code().is_some_and(|c| wrong.contains_key(&c)) {
            let codes: Vec<String> = wrong.keys().map(ToString::to_string).collect();
            diags.push(
                fields
                    .at(
                        &[key("feedback"), key(&code.to_string())],
                        format!("the English scenario has no feedback for {code}"),
                    )
                    .expected(format!(
                        "feedback for the wrong options: {}",
                        codes.join(", ")
                    ))
                    .hint(
                        "give feedback for the English scenario's wrong options, and no other code",
                    ),
            );
        }
    }
    let mut options = Vec::with_capacity(en.options.len());
    for choice in &en.options {
        let feedback = match (
            &choice.feedback,
            t.feedback.iter().find(|(c, _)| c.0 == choice.code.get()),
        ) {
            (Some(en), Some((_, text))) => Some(fields.markdown(
                &[key("feedback"), key(&choice.code.to_string())],
                text,
                en,
                diags,
            )),
            (Some(en), None) => {
                diags.push(
                    fields
                        .at(
                            &[key("feedback")],
                            format!(
                                "no feedback for {}: the English scenario has some",
                                choice.code
                            ),
                        )
                        .expected(format!(
                            "`{}: <why {} does not fit>` under `feedback:`",
                            choice.code, choice.code
                        ))
.hint("every wrong option of the English scenario has its feedback translated"),
                );
                Some(en.clone())
            }
            (None, _) => None,
        };
        options.push(Choice {
            code: choice.code,
            feedback,
        });
    }
    fields.done();
    let walk = english
        .trees
        .relabel(&en.walk, &o.site.trees)
        .unwrap_or_else(|| en.walk.clone());
    let translated = crate::model::practice::Scenario {
        title: t.title.clone(),
        scenario,
        explanation,
        options,
        walk,
        ..en.clone()
    };
    o.site.practice.insert(draft.stem.clone(), translated);
    o.track(draft, source, diags);
}
