//! What the practice templates receive: the index of scenarios, a scenario with its options (and,
//! for answering in place, the feedback on each), and the feedback page of one option.

use serde::Serialize;

use crate::model::practice::Scenario;
use crate::model::{Site, StatusCode};
use crate::render::views::{Card, Link, card};
use crate::routes::Route;

/// A scenario in the index, and the next-scenario link.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioLink {
    pub slug: String,
    pub title: String,
    pub url: String,
    /// Whether the scenario has no translation in the page's language (its page is English).
    pub english: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    pub scenarios: Vec<ScenarioLink>,
}

/// An option of a scenario, with everything its feedback says.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView<'a> {
    pub card: Card<'a>,
    /// The feedback page, where the option leads without JavaScript.
    pub url: String,
    pub right: bool,
    /// Why a wrong option is wrong; right options share the scenario's explanation.
    pub feedback_html: Option<String>,
    /// Comparison pages of this code against an acceptable one (or, for a right option, against
    /// another option).
    pub comparisons: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScenarioView<'a> {
    pub slug: String,
    pub title: String,
    pub url: String,
    /// 1-based place in the set, and the set's size.
    pub number: usize,
    pub total: usize,
    pub scenario_html: String,
    pub explanation_html: String,
    /// The acceptable codes.
    pub answers: Vec<Card<'a>>,
    pub options: Vec<OptionView<'a>>,
    /// The next scenario in the set's order; none after the last.
    pub next: Option<ScenarioLink>,
    pub index_url: String,
}

/// A feedback page: the scenario, and the option the reader chose.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView<'a> {
    pub scenario: ScenarioView<'a>,
    pub chosen: OptionView<'a>,
}

fn link(site: &Site, slug: &str, scenario: &Scenario) -> ScenarioLink {
    ScenarioLink {
        slug: slug.to_owned(),
        title: scenario.title.clone(),
        url: site.urls.route(Route::Practice(slug)),
        english: site.urls.falls_back(Route::Practice(slug)),
    }
}

pub fn index(site: &Site) -> IndexView {
    IndexView {
        scenarios: (site.practice.iter())
            .map(|(slug, s)| link(site, slug, s))
            .collect(),
    }
}

/// The view of the scenario at `number - 1` in slug order, if there is one.
pub fn scenario(site: &Site, number: usize) -> Option<ScenarioView<'_>> {
    let (slug, scenario) = site.practice.iter().nth(number.checked_sub(1)?)?;
    let cards = |codes: &mut dyn Iterator<Item = &StatusCode>| -> Vec<Card<'_>> {
        codes
            .filter_map(|code| site.codes.get(code))
            .map(|page| card(site, page))
            .collect()
    };
    let options = (scenario.options.iter())
        .filter_map(|option| {
            let page = site.codes.get(&option.code)?;
            let right = scenario.accepts(option.code);
            Some(OptionView {
                card: card(site, page),
                url: site.urls.route(Route::PracticeAnswer {
                    slug,
                    code: option.code,
                }),
                right,
                feedback_html: option.feedback.as_ref().map(|f| f.html.clone()),
                comparisons: comparisons(site, scenario, option.code, right),
            })
        })
        .collect();
    Some(ScenarioView {
        slug: slug.clone(),
        title: scenario.title.clone(),
        url: site.urls.route(Route::Practice(slug)),
        number,
        total: site.practice.len(),
        scenario_html: scenario.scenario.html.clone(),
        explanation_html: scenario.explanation.html.clone(),
        answers: cards(&mut scenario.answer.iter()),
        options,
        next: (site.practice.iter().nth(number)).map(|(slug, s)| link(site, slug, s)),
        index_url: site.urls.route(Route::PracticeIndex),
    })
}

/// Comparison pages that set `code` against an acceptable answer (a wrong option), or against
/// another option (a right one).
fn comparisons(site: &Site, scenario: &Scenario, code: StatusCode, right: bool) -> Vec<Link> {
    let others: Vec<StatusCode> = (scenario.options.iter())
        .map(|o| o.code)
        .filter(|other| *other != code && (right || scenario.accepts(*other)))
        .collect();
    (site.comparisons.iter())
        .filter(|(_, page)| {
            let codes = &page.meta.codes;
            codes.contains(&code) && others.iter().any(|other| codes.contains(other))
        })
        .map(|(slug, page)| Link {
            title: page.meta.title.clone(),
            url: site.urls.route(Route::Compare(slug)),
            english: site.urls.falls_back(Route::Compare(slug)),
        })
        .collect()
}
