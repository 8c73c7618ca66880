//! The practice scenarios in content/practice/ are well formed, cite real sections, and agree with
//! the shipped decision trees: walking each scenario's answer labels reaches an acceptable code.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use httpref::model::decide::NodeKind;
use httpref::model::{Site, StatusCode};
use pulldown_cmark::{Event, Parser, Tag};
use serde::Deserialize;

/// One `content/practice/<slug>.yaml` file, in the format the generator will read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    title: String,
    scenario: String,
    answer: Vec<u16>,
    explanation: String,
    options: Vec<Choice>,
    walk: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    code: u16,
    feedback: Option<String>,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_site() -> Site {
    httpref::load::content(&repo_root(), &httpref::LoadOptions::default())
        .expect("shipped content loads")
}

/// Every `*.yaml` file in `dir`, sorted by slug, each parsed or with its parse error.
fn read_scenarios(dir: &Path) -> Vec<(String, Result<Scenario, String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_yaml::from_str(&text).map_err(|e| e.to_string()));
            (slug, parsed)
        })
        .collect()
}

/// The shipped scenarios; fails naming every file that doesn't parse.
fn shipped_scenarios() -> Vec<(String, Scenario)> {
    let mut broken = Vec::new();
    let mut scenarios = Vec::new();
    for (slug, parsed) in read_scenarios(&repo_root().join("content/practice")) {
        match parsed {
            Ok(scenario) => scenarios.push((slug, scenario)),
            Err(e) => broken.push(format!("{slug}: {e}")),
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    scenarios
}

/// Section numbers of each RFC that has an index in content/specs/, keyed by RFC number.
fn spec_sections() -> HashMap<u32, BTreeSet<String>> {
    let mut specs = HashMap::new();
    for entry in std::fs::read_dir(repo_root().join("content/specs")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(number) = name
            .strip_prefix("rfc")
            .and_then(|rest| rest.strip_suffix(".tsv"))
            .and_then(|n| n.parse().ok())
        else {
            continue;
        };
        let sections = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split('\t').next())
            .map(str::to_owned)
            .collect();
        specs.insert(number, sections);
    }
    specs
}

/// Where the walk ends: `None` when it reaches one of the acceptable codes, otherwise why not.
fn walk_problem(scenario: &Scenario, site: &Site) -> Option<String> {
    let labels: Vec<&str> = scenario.walk.iter().map(String::as_str).collect();
    match site.trees.walk(&labels).map(|node| &node.kind) {
        Some(NodeKind::Result(result)) if scenario.answer.contains(&result.code.get()) => None,
        Some(NodeKind::Result(result)) => Some(format!(
            "the walk reaches {}, which is not in answer {:?}",
            result.code, scenario.answer
        )),
        Some(NodeKind::Question { text, .. }) => {
            Some(format!("the walk stops at the question {text:?}"))
        }
        None => Some("a walk label matches no answer of the question it reaches".to_owned()),
    }
}

/// Problems in one Markdown field: raw HTML, and links that lead nowhere. Returns how many links
/// into an RFC section it holds.
fn check_markdown(
    field: &str,
    text: &str,
    site: &Site,
    specs: &HashMap<u32, BTreeSet<String>>,
    problems: &mut Vec<String>,
) -> usize {
    let mut citations = 0;
    for event in Parser::new(text) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                problems.push(format!("{field}: raw HTML {:?}", html.trim()));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                match link_problem(&dest_url, site, specs) {
                    Ok(true) => citations += 1,
                    Ok(false) => {}
                    Err(problem) => problems.push(format!("{field}: {problem}")),
                }
            }
            _ => {}
        }
    }
    citations
}

/// `Ok(true)` for a deep link to an existing RFC section, `Ok(false)` for another valid link.
fn link_problem(
    url: &str,
    site: &Site,
    specs: &HashMap<u32, BTreeSet<String>>,
) -> Result<bool, String> {
    if let Some(rest) = url.strip_prefix("https://www.rfc-editor.org/rfc/rfc") {
        let (number, fragment) = rest.split_once('#').unwrap_or((rest, ""));
        let number: u32 = number
            .parse()
            .map_err(|_| format!("{url}: not an RFC link"))?;
        let section = fragment
            .strip_prefix("section-")
            .ok_or_else(|| format!("{url}: not a deep link to a section"))?;
        let sections = specs
            .get(&number)
            .ok_or_else(|| format!("{url}: RFC {number} has no section index"))?;
        return if sections.contains(section) {
            Ok(true)
        } else {
            Err(format!("{url}: RFC {number} has no section {section}"))
        };
    }
    let target = |rest: &str| rest.split('#').next().unwrap_or_default().to_owned();
    if let Some(rest) = url.strip_prefix("code:") {
        let known = target(rest).parse().is_ok_and(|code| has_entry(site, code));
        return if known {
            Ok(false)
        } else {
            Err(format!("{url}: no such code entry"))
        };
    }
    if let Some(rest) = url.strip_prefix("compare:") {
        return if site.comparisons.contains_key(&target(rest)) {
            Ok(false)
        } else {
            Err(format!("{url}: no such comparison page"))
        };
    }
    if url.starts_with("https://") || url.starts_with("http://") {
        Ok(false)
    } else {
        Err(format!("{url}: links go to http(s) or a site shorthand"))
    }
}

/// Everything that can be wrong inside one scenario file, except its walk.
fn scenario_problems(
    slug: &str,
    scenario: &Scenario,
    site: &Site,
    specs: &HashMap<u32, BTreeSet<String>>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let kebab = !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !kebab {
        problems.push("the file name is not a kebab-case slug".to_owned());
    }
    for (field, text) in [
        ("title", &scenario.title),
        ("scenario", &scenario.scenario),
        ("explanation", &scenario.explanation),
    ] {
        if text.trim().is_empty() {
            problems.push(format!("{field} is empty"));
        }
    }
    if !(3..=4).contains(&scenario.options.len()) {
        problems.push(format!(
            "{} options; a scenario offers 3 or 4",
            scenario.options.len()
        ));
    }
    if scenario.answer.is_empty() {
        problems.push("answer lists no code".to_owned());
    }
    if scenario.walk.is_empty() {
        problems.push("walk lists no answer label".to_owned());
    }
    let offered: Vec<u16> = scenario.options.iter().map(|o| o.code).collect();
    let distinct: BTreeSet<u16> = offered.iter().copied().collect();
    if distinct.len() != offered.len() {
        problems.push(format!("an option code appears twice in {offered:?}"));
    }
    for code in &scenario.answer {
        if !offered.contains(code) {
            problems.push(format!("answer {code} is not among the options"));
        }
    }
    for code in scenario.answer.iter().chain(&offered) {
        if !has_entry(site, *code) {
            problems.push(format!("{code} has no entry in content/codes/"));
        }
    }
    for option in &scenario.options {
        let right = scenario.answer.contains(&option.code);
        match (&option.feedback, right) {
            (Some(_), true) => problems.push(format!(
                "option {} is a right answer and must not have feedback",
                option.code
            )),
            (None, false) => problems.push(format!(
                "option {} is wrong and needs feedback saying why",
                option.code
            )),
            (Some(text), false) if text.trim().is_empty() => {
                problems.push(format!("option {} has empty feedback", option.code));
            }
            (Some(text), false) => {
                check_markdown(
                    &format!("feedback for {}", option.code),
                    text,
                    site,
                    specs,
                    &mut problems,
                );
            }
            (None, true) => {}
        }
    }
    check_markdown("title", &scenario.title, site, specs, &mut problems);
    check_markdown("scenario", &scenario.scenario, site, specs, &mut problems);
    let citations = check_markdown(
        "explanation",
        &scenario.explanation,
        site,
        specs,
        &mut problems,
    );
    if citations == 0 {
        problems.push("the explanation cites no RFC section".to_owned());
    }
    problems
}

#[test]
fn every_scenario_walks_the_trees_to_an_acceptable_code() {
    let site = shipped_site();
    let broken: Vec<String> = shipped_scenarios()
        .iter()
        .filter_map(|(slug, scenario)| {
            walk_problem(scenario, &site).map(|problem| format!("{slug}: {problem}"))
        })
        .collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn every_scenario_is_well_formed_and_the_set_covers_every_class() {
    let site = shipped_site();
    let specs = spec_sections();
    let scenarios = shipped_scenarios();
    let mut problems = Vec::new();
    for (slug, scenario) in &scenarios {
        for problem in scenario_problems(slug, scenario, &site, &specs) {
            problems.push(format!("{slug}: {problem}"));
        }
    }

    let mut titles: BTreeMap<String, &str> = BTreeMap::new();
    let mut situations: BTreeMap<String, &str> = BTreeMap::new();
    for (slug, scenario) in &scenarios {
        let title = scenario.title.trim().to_lowercase();
        if let Some(first) = titles.insert(title, slug) {
            problems.push(format!("{slug}: same title as {first}"));
        }
        let situation = scenario.scenario.split_whitespace().collect::<Vec<_>>();
        if let Some(first) = situations.insert(situation.join(" ").to_lowercase(), slug) {
            problems.push(format!("{slug}: same scenario text as {first}"));
        }
    }

    if scenarios.len() < 40 {
        problems.push(format!(
            "{} scenarios; the set needs at least 40",
            scenarios.len()
        ));
    }
    // The shipped trees have no 1xx result, so no walked scenario can answer 1xx: that class is
    // covered through its options (100 Continue, 101 Switching Protocols), the others by answers.
    let class = |code: &u16| code / 100;
    let answered: BTreeSet<u16> = scenarios
        .iter()
        .flat_map(|(_, s)| s.answer.iter().map(class))
        .collect();
    let offered: BTreeSet<u16> = scenarios
        .iter()
        .flat_map(|(_, s)| s.options.iter().map(|o| class(&o.code)))
        .collect();
    for missing in (2..=5).filter(|c| !answered.contains(c)) {
        problems.push(format!("no scenario answers a {missing}xx code"));
    }
    for missing in (1..=5).filter(|c| !offered.contains(c)) {
        problems.push(format!("no scenario offers a {missing}xx code"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each fixture under tests/fixtures/practice/ breaks one rule; the checks must name it.
#[test]
fn each_broken_fixture_is_reported_for_its_own_fault() {
    let site = shipped_site();
    let specs = spec_sections();
    let expected: &[(&str, &str)] = &[
        ("too-few-options", "2 options; a scenario offers 3 or 4"),
        ("answer-not-offered", "answer 410 is not among the options"),
        (
            "wrong-option-without-feedback",
            "option 403 is wrong and needs feedback",
        ),
        ("right-option-with-feedback", "option 401 is a right answer"),
        ("duplicate-option", "an option code appears twice"),
        ("code-without-entry", "299 has no entry in content/codes/"),
        ("unknown-rfc-section", "RFC 9110 has no section 15.5.99"),
        ("no-citation", "the explanation cites no RFC section"),
        ("raw-html", "raw HTML"),
        (
            "unknown-comparison",
            "compare:401-vs-999: no such comparison page",
        ),
        ("Not_Kebab", "the file name is not a kebab-case slug"),
        ("walk-label-mismatch", "a walk label matches no answer"),
        ("walk-reaches-other-code", "the walk reaches 404"),
        ("walk-stops-at-question", "the walk stops at the question"),
        ("unknown-field", "unknown field `hint`"),
    ];
    let fixtures = read_scenarios(&repo_root().join("tests/fixtures/practice"));
    let names: BTreeSet<&str> = fixtures.iter().map(|(slug, _)| slug.as_str()).collect();
    let listed: BTreeSet<&str> = expected.iter().map(|(slug, _)| *slug).collect();
    assert_eq!(names, listed, "every fixture is listed, and only those");
    for (slug, parsed) in &fixtures {
        let problems = match parsed {
            Ok(scenario) => {
                let mut problems = scenario_problems(slug, scenario, &site, &specs);
                problems.extend(walk_problem(scenario, &site));
                problems
            }
            Err(e) => vec![e.clone()],
        };
        let want = expected.iter().find(|(s, _)| s == slug).unwrap().1;
        assert_eq!(problems.len(), 1, "{slug}: {problems:#?}");
        assert!(problems[0].contains(want), "{slug}: {problems:#?}");
    }
}

fn has_entry(site: &httpref::Site, code: u16) -> bool {
    StatusCode::new(code).is_some_and(|code| site.codes.contains_key(&code))
}
