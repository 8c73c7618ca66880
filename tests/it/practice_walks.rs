//! The shipped practice set, as the generator loads it (`site.practice`): every scenario's walk
//! through the decision trees reaches one of its acceptable codes (a test table over the whole
//! set), and the set covers every class and the classic confusions. Each rule on a single file is
//! checked by `check` itself; its failure modes are diagnostics fixtures
//! (tests/fixtures/invalid/practice-*, tests/it/diagnostics.rs).

use std::collections::BTreeSet;
use std::path::PathBuf;

use httpref::model::Site;
use httpref::model::decide::NodeKind;

fn shipped_site() -> Site {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    httpref::load::content(&root, &httpref::LoadOptions::default()).expect("shipped content loads")
}

#[test]
fn every_scenario_walks_the_trees_to_an_acceptable_code() {
    let site = shipped_site();
    assert!(!site.practice.is_empty());
    let mut broken = Vec::new();
    for (slug, scenario) in &site.practice {
        let labels: Vec<&str> = scenario.walk.iter().map(String::as_str).collect();
        match site.trees.walk(&labels).map(|node| &node.kind) {
            Some(NodeKind::Result(result)) if scenario.accepts(result.code) => {}
            Some(NodeKind::Result(result)) => {
                broken.push(format!("{slug}: the walk reaches {}", result.code));
            }
            _ => broken.push(format!("{slug}: the walk does not reach a result")),
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_set_covers_every_class_and_the_classic_confusions() {
    let site = shipped_site();
    let scenarios: Vec<_> = site.practice.values().collect();
    assert!(
        scenarios.len() >= 40,
        "{} scenarios; the set needs at least 40",
        scenarios.len()
    );
    // Every class is answered by some scenario (1xx through the informational tree) and offered.
    let answered: BTreeSet<u8> = (scenarios.iter())
        .flat_map(|s| s.answer.iter().map(|c| c.class().digit()))
        .collect();
    let offered: BTreeSet<u8> = (scenarios.iter())
        .flat_map(|s| s.options.iter().map(|o| o.code.class().digit()))
        .collect();
    assert_eq!(answered, (1..=5).collect(), "classes answered");
    assert_eq!(offered, (1..=5).collect(), "classes offered");

    // Each classic confusion is the subject of some scenario: one of its codes is an answer and
    // another is offered against it.
    let confusions: &[&[u16]] = &[
        &[401, 403],
        &[400, 422],
        &[404, 410],
        &[301, 308],
        &[302, 303, 307],
        &[409, 412],
        &[429, 503],
        &[502, 504],
        &[200, 201, 202, 204],
        &[101, 426],
    ];
    for group in confusions {
        let covered = scenarios.iter().any(|s| {
            let offered: Vec<u16> = s.options.iter().map(|o| o.code.get()).collect();
            s.answer.iter().any(|a| {
                group.contains(&a.get())
                    && offered.iter().any(|o| *o != a.get() && group.contains(o))
            })
        });
        assert!(covered, "no scenario sets {group:?} against each other");
    }
}

#[test]
fn every_scenario_asks_its_question_in_a_paragraph_of_its_own() {
    let site = shipped_site();
    let selector = scraper::Selector::parse("p").unwrap();
    let mut mixed = Vec::new();
    for (slug, scenario) in &site.practice {
        let html = scraper::Html::parse_fragment(&scenario.scenario.html);
        let paragraphs: Vec<String> = (html.select(&selector))
            .map(|p| p.text().collect::<String>().trim().to_owned())
            .collect();
        // The situation, then the question alone: one sentence, ending in a question mark.
        let alone = paragraphs.len() >= 2
            && (paragraphs.last())
                .is_some_and(|q| q.ends_with('?') && !q[..q.len() - 1].contains(['.', '?', '!']));
        if !alone {
            mixed.push(format!("{slug}: {paragraphs:?}"));
        }
    }
    assert!(!site.practice.is_empty());
    assert!(mixed.is_empty(), "{}", mixed.join("\n"));
}
