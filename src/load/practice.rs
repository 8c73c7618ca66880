//! Practice scenarios: read `content/practice/*.yaml`, check each scenario (its codes, options,
//! feedback and Markdown) and walk the decision trees with its `walk` labels, which must reach
//! one of its answers. Every problem names the file, the line and the field.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Place, did_you_mean};
use crate::files::SiteFile;
use crate::load::citations::{self, Specs};
use crate::load::validate::{Index, is_slug};
use crate::load::yaml::{Fields, Seg, Yaml};
use crate::markdown::{self, Rendered};
use crate::model::decide::{NodeKind, Trees};
use crate::model::file::{CodeNumber, PracticeFile};
use crate::model::practice::{Choice, Scenario};
use crate::model::{LinkSites, StatusCode};
use crate::routes::Kind;
use crate::source::SourceFile;
use crate::urls::Urls;

/// How many options a scenario offers.
const OPTIONS: std::ops::RangeInclusive<usize> = 3..=4;

/// A practice file whose YAML parsed.
pub(crate) struct PracticeDraft {
    slug: String,
    file: PracticeFile,
    src: SourceFile,
    /// Where the file's fields are written, parsed when a diagnostic or link first needs it.
    fields: Fields,
}

impl PracticeDraft {
    fn at(&self, path: &[Seg], message: impl Into<String>) -> Diagnostic {
        self.fields.at(&self.src, path, message)
    }

    /// A diagnostic at byte `offset` of the string value `text` of the field at `path`.
    fn at_text(&self, path: &[Seg], text: &str, offset: usize, message: String) -> Diagnostic {
        crate::load::yaml::in_text(self.at(path, message), &self.src, text, offset)
    }
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_owned())
}

/// The folder of practice scenarios, `content/practice/*.yaml` (a missing folder holds none):
/// the RFC section links written in each file are checked as it is read.
pub(crate) struct PracticeFolder<'a> {
    pub specs: &'a Specs,
}

impl super::Folder for PracticeFolder<'_> {
    type Draft = PracticeDraft;

    fn kind(&self) -> Kind {
        Kind::Practice
    }

    fn depth(&self) -> Option<usize> {
        Some(1)
    }

    fn suffix(&self) -> &'static str {
        ".yaml"
    }

    fn unexpected(&self, file: &SiteFile) -> Diagnostic {
        Diagnostic::at_file(&file.display, "unexpected file in content/practice/")
            .expected("practice scenarios as YAML files ending in `.yaml`")
    }

    fn read(
        &self,
        root: &Path,
        file: &SiteFile,
        slug: &str,
        diags: &mut Diagnostics,
    ) -> Result<PracticeDraft, Vec<Diagnostic>> {
        let src = SourceFile::read(root, &file.path).map_err(|d| vec![d])?;
        citations::check_links(&src, self.specs, diags);
        let parsed = Yaml {
            src: &src,
            text: &src.text,
            offset: 0,
        }
        .parse::<PracticeFile>()?;
        Ok(PracticeDraft {
            slug: slug.to_owned(),
            file: parsed,
            src,
            fields: Fields::default(),
        })
    }
}

/// Checks every scenario, across the set (no two with the same title or situation) and against
/// the trees (`None` when some tree could not be built: then walks are not checked), and builds
/// those in which nothing was reported.
pub(crate) fn build(
    drafts: Vec<PracticeDraft>,
    index: &Index,
    urls: &Urls,
    trees: Option<&Trees>,
    diags: &mut Diagnostics,
    links: &mut LinkSites,
) -> BTreeMap<String, Scenario> {
    let mut titles: HashMap<String, &str> = HashMap::new();
    let mut situations: HashMap<String, &str> = HashMap::new();
    for draft in &drafts {
        let title = normalized(&draft.file.title);
        if let Some(first) = titles.get(&title) {
            diags.push(
                draft
                    .at(&[key("title")], format!("same title as {first}.yaml"))
                    .expected("a title no other scenario has"),
            );
        } else {
            titles.insert(title, &draft.slug);
        }
        let situation = normalized(&draft.file.scenario);
        if let Some(first) = situations.get(&situation) {
            diags.push(
                draft
                    .at(
                        &[key("scenario")],
                        format!("same situation as {first}.yaml"),
                    )
                    .hint("remove one of the two, or make them different situations"),
            );
        } else {
            situations.insert(situation, &draft.slug);
        }
    }
    let mut built = BTreeMap::new();
    for draft in &drafts {
        let before = diags.len();
        let scenario = scenario(draft, index, urls, diags, links);
        let Some(trees) = trees else {
            continue;
        };
        if trees.entry_points().is_empty() {
            diags.push(
                draft
                    .at(&[key("walk")], "there is no decision tree to walk")
                    .hint("practice scenarios are checked against content/decide/start.yaml"),
            );
        } else if let Some(scenario) = &scenario {
            check_walk(draft, scenario, trees, diags);
        }
        if let (Some(scenario), true) = (scenario, diags.len() == before) {
            built.insert(draft.slug.clone(), scenario);
        }
    }
    built
}

/// Lower case, with runs of white space as one space: how two texts are compared for sameness.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Checks one scenario's own fields and builds it.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
fn scenario(
    draft: &PracticeDraft,
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
    links: &mut LinkSites,
) -> Option<Scenario> {
    let before = diags.len();
    let file = &draft.file;
    if !is_slug(&draft.slug) || draft.slug.starts_with('-') || draft.slug.ends_with('-') {
        diags.push(
            draft
                .at(
                    &[],
                    format!("`{}.yaml` is not a valid scenario name", draft.slug),
                )
                .expected("lower-case letters, digits and hyphens, e.g. expired-api-token.yaml")
                .hint("the file name is the page's address, /practice/<name>/"),
        );
    }
    for (field, value) in [
        ("title", &file.title),
        ("scenario", &file.scenario),
        ("explanation", &file.explanation),
    ] {
        if value.trim().is_empty() {
            diags.push(
                draft
                    .at(&[key(field)], format!("`{field}` is empty"))
                    .expected("some text"),
            );
        }
    }
    if !OPTIONS.contains(&file.options.len()) {
        diags.push(
            draft
                .at(&[key("options")], format!("{} options", file.options.len()))
                .expected("3 or 4 options, the right ones among them"),
        );
    }
    if file.answer.is_empty() {
        diags.push(
            draft
                .at(&[key("answer")], "no acceptable code")
                .expected("a list of one or more codes, e.g. `[401]`"),
        );
    }
    if file.walk.is_empty() {
        diags.push(
            draft
                .at(&[key("walk")], "the walk lists no answer label")
                .expected("the answer labels that lead from the start tree to an answer"),
        );
    }
    let answer: Vec<Option<StatusCode>> = (file.answer.iter().enumerate())
        .map(|(i, number)| {
            let path = [key("answer"), Seg::Index(i)];
            if !file.options.iter().any(|o| o.code == *number) {
                diags.push(
                    draft
                        .at(&path, format!("answer {number} is not among the options"))
                        .hint(format!("add `- code: {number}` to `options`")),
                );
            }
            entry(draft, &path, *number, index, diags)
        })
        .collect();
    let render = |text: &str, path: &[Seg], diags: &mut Diagnostics, links: &mut LinkSites| {
        rendered(draft, text, path, index, urls, diags, links)
    };
    let options: Vec<Option<Choice>> = (file.options.iter().enumerate())
        .map(|(i, option)| {
            let at = |field: &str| [key("options"), Seg::Index(i), key(field)];
            if file.options[..i].iter().any(|o| o.code == option.code) {
                diags.push(
                    draft
                        .at(&at("code"), format!("option {} is offered twice", option.code))
                        .expected("each code once among the options"),
                );
            }
            let code = entry(draft, &at("code"), option.code, index, diags);
            let right = file.answer.contains(&option.code);
            let feedback = match (&option.feedback, right) {
                (Some(_), true) => {
                    diags.push(
                        draft
                            .at(&at("feedback"), format!("option {} is a right answer and has feedback", option.code))
                            .hint("the explanation says why the right answers fit; remove this feedback"),
                    );
                    None
                }
                (None, false) => {
                    diags.push(
                        draft
                            .at(&at("code"), format!("option {} is wrong and has no feedback", option.code))
                            .expected("`feedback`: why this code does not fit the situation"),
                    );
                    None
                }
                (Some(text), false) if text.trim().is_empty() => {
                    diags.push(
                        draft
                            .at(&at("feedback"), "the feedback is empty")
                            .expected("why this code does not fit the situation"),
                    );
                    None
                }
                (Some(text), false) => Some(render(text, &at("feedback"), diags, links)),
                (None, true) => None,
            };
            Some(Choice {
                code: code?,
                feedback,
            })
        })
        .collect();
    let scenario = render(&file.scenario, &[key("scenario")], diags, links);
    let explanation = render(&file.explanation, &[key("explanation")], diags, links);
    if !explanation
        .links
        .iter()
        .any(|link| cites_a_section(&link.href))
    {
        diags.push(
            draft
                .at(&[key("explanation")], "the explanation cites no section")
                .expected("a deep link to the defining section, e.g. [RFC 9110 §15.5.2](https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2)"),
        );
    }
    if diags.len() != before {
        return None;
    }
    let mut options: Vec<Choice> = options.into_iter().collect::<Option<_>>()?;
    // Writers tend to list the answer first; shown in that order, its position would give it away.
    options.sort_by_key(|option| display_rank(&draft.slug, option.code));
    Some(Scenario {
        title: file.title.trim().to_owned(),
        scenario,
        answer: answer.into_iter().collect::<Option<_>>()?,
        explanation,
        options,
        walk: file.walk.clone(),
        source: draft.src.path.clone(),
    })
}

/// Where an option is shown: fixed for a scenario and its code (FNV-1a of both), so builds are
/// byte-identical, but unrelated to the order the file lists the options in.
fn display_rank(slug: &str, code: StatusCode) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in slug.bytes().chain(code.get().to_be_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Whether a link goes to a section of an RFC or Internet-Draft (the citation checker has
/// checked that the section exists).
fn cites_a_section(href: &str) -> bool {
    let document = [
        "https://www.rfc-editor.org/",
        "https://datatracker.ietf.org/",
    ];
    document.iter().any(|d| href.starts_with(d)) && href.contains("#section-")
}

/// The code `number` at `path`, if it is a status code with an entry.
fn entry(
    draft: &PracticeDraft,
    path: &[Seg],
    number: CodeNumber,
    index: &Index,
    diags: &mut Diagnostics,
) -> Option<StatusCode> {
    let code = number.code().filter(|code| index.has_code(*code));
    if code.is_none() {
        diags.push(
            draft
                .at(path, format!("{number} has no entry"))
                .expected("a code that has a file in content/codes/")
                .hint(index.code_hint(&number.to_string())),
        );
    }
    code
}

/// Renders a Markdown field, reporting its problems (links to nowhere, refused HTML) at the
/// field, and records its links for `check`'s link report.
fn rendered(
    draft: &PracticeDraft,
    text: &str,
    path: &[Seg],
    index: &Index,
    urls: &Urls,
    diags: &mut Diagnostics,
    links: &mut LinkSites,
) -> Rendered {
    let (rendered, problems) = markdown::render(text, &|dest| index.resolve(dest, urls));
    for problem in problems {
        let at = draft.at_text(path, text, problem.offset, problem.message);
        diags.push(at.hint_opt(problem.hint));
    }
    let place = Place::of(&draft.at(path, ""));
    crate::model::record_links_at(links, &draft.src.path, &rendered, &place);
    rendered
}

/// Walks the trees with the scenario's labels from the start: each label must be an answer of
/// the question it reaches, and the walk must end at a result whose code is acceptable.
fn check_walk(draft: &PracticeDraft, scenario: &Scenario, trees: &Trees, diags: &mut Diagnostics) {
    let Some(mut at) = trees.entry_points().into_iter().next() else {
        return;
    };
    for (i, label) in scenario.walk.iter().enumerate() {
        let path = [key("walk"), Seg::Index(i)];
        let Some(node) = trees.get(&at) else {
            return;
        };
        match &node.kind {
            NodeKind::Question { text, answers } => {
                match answers.iter().find(|a| a.label == *label) {
                    Some(answer) => at = answer.target.clone(),
                    None => {
                        let labels = answers.iter().map(|a| a.label.as_str());
                        let hint = match did_you_mean(label, labels.clone()) {
                            Some(m) => format!("did you mean \"{m}\"?"),
                            None => format!(
                                "its answers are {}",
                                labels
                                    .map(|l| format!("\"{l}\""))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        };
                        diags.push(
                            draft
                                .at(
                                    &path,
                                    format!(
                                        "no answer of the question \"{text}\" reads \"{label}\""
                                    ),
                                )
                                .expected("an answer label of that question, exactly as written")
                                .hint(hint),
                        );
                        return;
                    }
                }
            }
            NodeKind::Result(result) => {
                diags.push(
                    draft
                        .at(
                            &path,
                            format!(
                                "the walk has already reached {} before this label",
                                result.code
                            ),
                        )
                        .hint("remove the labels after the result"),
                );
                return;
            }
        }
    }
    let last = [
        key("walk"),
        Seg::Index(scenario.walk.len().saturating_sub(1)),
    ];
    match trees.get(&at).map(|node| &node.kind) {
        Some(NodeKind::Result(result)) if scenario.accepts(result.code) => {}
        Some(NodeKind::Result(result)) => diags.push(
            draft
                .at(
                    &last,
                    format!(
                        "the walk reaches {}, which is not an acceptable answer",
                        result.code
                    ),
                )
                .hint("fix the walk, or the answer if the tree is right"),
        ),
        Some(NodeKind::Question { text, .. }) => diags.push(
            draft
                .at(&last, format!("the walk stops at the question \"{text}\""))
                .expected("labels that lead all the way to a result"),
        ),
        None => {}
    }
}
