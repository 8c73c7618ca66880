//! The prebuilt search index: one JSON file, written once per build with a content hash in its
//! name (`search-index.<hash>.json`), fetched by `static/search.js` on first use.
//!
//! Pages do not name the hashed file (or every content edit would change every page): they name
//! the small entry file (`Route::SearchEntry`), `{"index": "<url of the hashed index>"}`, which the client
//! fetches first, as Pagefind does.
//!
//! Format, version 1 (`"v": 1`):
//!
//! ```text
//! { "v": 1,
//!   "docs":     [[title, url, kind, code, class, summary], ...],  // code and class 0 when none
//!   "terms":    "<front-coded terms, space-separated>",
//!   "postings": "<per term: comma-separated base-36 document gaps; terms separated by ;>",
//!   "tiers":    "<per term: one digit per posting; space-separated>",
//!   "common":   [terms whose body-text postings were dropped],
//!   "ranges":   [[first, last], ...],                              // unassigned registry ranges
//!   "kinds":    [kind, ...],   // document kinds, in the order results rank when scores tie
//!   "english":  [doc, ...] }     // a translation's index only: documents of entries it lacks,
//!                                // whose pages are the English ones (absent when none)
//! ```
//!
//! Terms are lower-case runs of letters and digits with plural endings removed (`terms`, `stem`);
//! the client treats queries the same way. Terms are sorted and front-coded: each starts with one
//! base-36 digit saying how many leading characters it shares with the previous term. A posting is
//! a document index written as the gap from the previous one, with a tier: 0 the code number, 1 a
//! name (title, former name, alias, library constant, vendor), 2 summary or headings, 3 body text.
//! Body postings of terms found in more than a fifth of the documents are dropped (the term is
//! listed in `common`, and the client does not require it): they cost a quarter of the index and
//! rank nothing.
//!
//! Han and kana are written without spaces, so their runs are indexed as overlapping pairs of
//! characters ([`bigrams`]), after kana are folded to one spelling ([`fold`]); docs/benchmarks.md has
//! the measurements behind the choice.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Site;
use crate::routes::Kind;
use documents::{Doc, documents};

mod documents;
pub use documents::{ExportedDoc, export_documents};

pub const FORMAT_VERSION: u32 = 1;

/// Fields, best first. The tier is a posting's rank in the client's ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Tier {
    Code = 0,
    Name = 1,
    Summary = 2,
    Body = 3,
}

/// Words too common to help; kept short, since in this domain "not", "no" and "too" matter.
const STOP_WORDS: [&str; 22] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it", "its",
    "of", "on", "or", "that", "the", "this", "to",
];

/// Lower case without accents, in one form per letter: compatibility decomposition (NFKD, so
/// full-width `４２９` is `429` and half-width `ﾃｨｰ` is `ティー`), combining marks dropped except the
/// kana voicing marks, recomposed (NFC), lower-cased, then kana folded to one spelling
/// (`fold_kana`). So "Autorización" and "autorizacion" are one term, and so are "ティーポット" and
/// "ていぽっと".
/// `static/search-core.js` folds queries the same way (`fold`). ASCII text is only lower-cased.
pub fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let folded = word
        .nfkd()
        .filter(|c| !is_combining_mark(*c) || KANA_VOICING.contains(c))
        .nfc()
        .collect::<String>()
        .to_lowercase();
    fold_kana(&folded)
}

/// The combining voiced and semi-voiced sound marks, which tell が from か and ぱ from は.
const KANA_VOICING: [char; 2] = ['\u{3099}', '\u{309A}'];

/// Kana written one way: katakana as hiragana, small kana as full-size ones, and the long-vowel
/// mark dropped, so the spellings Japanese text varies between (`サーバー` and `サーバ`, `ティー`
/// and `てぃ`) meet. Other characters are kept.
fn fold_kana(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\u{30FC}')
        .map(|c| {
            let c = match c {
                '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
                _ => c,
            };
            match c {
                'ぁ' => 'あ',
                'ぃ' => 'い',
                'ぅ' => 'う',
                'ぇ' => 'え',
                'ぉ' => 'お',
                'っ' => 'つ',
                'ゃ' => 'や',
                'ゅ' => 'ゆ',
                'ょ' => 'よ',
                'ゎ' => 'わ',
                'ゕ' => 'か',
                'ゖ' => 'け',
                _ => c,
            }
        })
        .collect()
}

/// Characters of scripts written without spaces between words (Han, kana), after [`fold`]: their
/// runs are indexed as overlapping pairs of characters ([`bigrams`]). The same ranges are in
/// `static/search-core.js` (`CJK`).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// A run of text without spaces as index terms: each pair of neighbouring characters
/// ("多すぎる" → 多す, すぎ, ぎる), or the character itself when the run is one long. A query is
/// split the same way, so any part of a word two characters or longer finds it, without a
/// dictionary (the measurements behind this choice are in docs/benchmarks.md).
pub fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < 2 {
        return vec![run.to_owned()];
    }
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// Splits text into index terms: lower-case runs of letters and digits with accents folded
/// ([`fold`]), without stop words, one-letter words and numbers shorter than a status code, with
/// plural endings removed; runs of Han and kana become [`bigrams`].
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .flat_map(|word| {
            let mut out = Vec::new();
            for (cjk, run) in script_runs(&word) {
                if cjk {
                    out.extend(bigrams(run));
                } else if is_term(run) {
                    out.push(stem(run));
                }
            }
            out
        })
}

/// Whether a word (not Han or kana) is worth indexing: two letters or more, not a stop word, and
/// not a number shorter than a status code.
fn is_term(word: &str) -> bool {
    word.chars().count() > 1
        && !STOP_WORDS.contains(&word)
        && (!word.bytes().all(|b| b.is_ascii_digit()) || word.len() >= 3)
}

/// A folded word cut where it changes between Han or kana and other letters (`http通信` → `http`,
/// `通信`), each piece with whether it is Han or kana.
fn script_runs(word: &str) -> Vec<(bool, &str)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut current = None;
    for (at, c) in word.char_indices() {
        let cjk = is_cjk(c);
        if current.is_some_and(|was| was != cjk) {
            runs.push((current == Some(true), &word[start..at]));
            start = at;
        }
        current = Some(cjk);
    }
    if let Some(cjk) = current {
        runs.push((cjk, &word[start..]));
    }
    runs
}

/// Removes plural endings so "requests" finds "request": `-ies` → `-y`, `-sses`/`-xes`/`-zes`/
/// `-ches`/`-shes` lose `-es`, and a final `s` goes unless the word ends in `ss`, `us` or `is`.
/// Words of three letters or fewer and numbers are left alone. `static/search-core.js` does the same.
pub fn stem(word: &str) -> String {
    if word.chars().count() <= 3 || word.chars().all(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("ies") {
        return format!("{base}y");
    }
    for suffix in ["sses", "xes", "zes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

#[derive(Serialize)]
struct IndexFile<'a> {
    v: u32,
    docs: Vec<(&'a str, &'a str, &'a str, u16, u8, &'a str)>,
    terms: String,
    postings: String,
    tiers: String,
    common: Vec<String>,
    ranges: Vec<(u16, u16)>,
    /// From the route table, so the client learns a new kind's rank from the index.
    kinds: [&'static str; Kind::SEARCH_RANK.len()],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    english: Vec<usize>,
}

/// Documents a body term may occur in before its body postings are dropped.
const COMMON_SHARE: f64 = 0.2;

/// The index file's bytes and its content-hashed name.
pub struct SearchIndex {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub documents: usize,
}

/// Base-36 digits of `n`.
fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

/// The entry file's bytes: the hashed index's URL.
pub fn entry(index_url: &str) -> Vec<u8> {
    let mut json = serde_json::to_vec(&serde_json::json!({ "index": index_url }))
        .expect("a string serializes");
    json.push(b'\n');
    json
}

/// What the index is built from: equal inputs give the same index, so `httpref serve` builds it
/// again only when they change.
#[derive(PartialEq)]
pub struct Inputs {
    docs: Vec<Doc>,
    ranges: Vec<(u16, u16)>,
    /// In a translation, the documents whose page is English (the entry is not translated).
    english: Vec<usize>,
}

/// The interface words the index holds besides content: the English ones by default, a
/// translation's from its catalogue (English words stay searchable in every language).
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// What header field pages are called ("Cabeceras"), so "cabecera location" finds them.
    pub header_fields: Option<String>,
    /// The practice index's title in the language.
    pub practice_title: Option<String>,
}

/// The documents of every page kind the search covers, and the unassigned registry ranges.
pub fn inputs(site: &Site) -> Inputs {
    inputs_in(site, &Words::default())
}

/// [`inputs`] with a language's own words.
pub fn inputs_in(site: &Site, words: &Words) -> Inputs {
    let docs = documents(site, words);
    // An address outside the language's folder is the English page of an untranslated entry.
    let english = match site.urls.language() {
        Some(_) => (docs.iter().enumerate())
            .filter(|(_, doc)| site.urls.to_root(&doc.url) == doc.url)
            .map(|(i, _)| i)
            .collect(),
        None => Vec::new(),
    };
    Inputs {
        docs,
        english,
        ranges: site
            .registry
            .rows
            .iter()
            .filter(|r| r.is_unassigned())
            .map(|r| (r.first, r.last))
            .collect(),
    }
}

/// Builds the index for every page kind the search covers.
pub fn build(site: &Site) -> SearchIndex {
    index(&inputs(site), None)
}

/// [`build`] for a translation, with the language's own `words`.
pub fn build_in(site: &Site, words: &Words) -> SearchIndex {
    index(&inputs_in(site, words), None)
}

/// Each document's terms, kept by `httpref serve` between builds: a document whose text is
/// unchanged is not split into terms again.
#[derive(Default)]
pub struct KeptTerms(HashMap<Fields, DocTerms>);

/// A document's text by tier.
pub(super) type Fields = Vec<(Tier, String)>;
/// A document's terms, each once with its best tier.
type DocTerms = Arc<[(String, Tier)]>;

/// A document's terms, each once with the best tier it has in the document, in first-seen order.
fn doc_terms(doc: &Doc) -> DocTerms {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<(String, Tier)> = Vec::new();
    for (tier, text) in &doc.fields {
        for term in terms(text) {
            match seen.get(&term) {
                Some(&at) => out[at].1 = out[at].1.min(*tier),
                None => {
                    seen.insert(term.clone(), out.len());
                    out.push((term, *tier));
                }
            }
        }
    }
    out.into()
}

/// Builds the index from its inputs, reusing and then updating `kept` terms if given.
#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
pub fn index(inputs: &Inputs, kept: Option<&mut KeptTerms>) -> SearchIndex {
    let docs = &inputs.docs;
    let before = kept.as_ref().map(|k| &k.0);
    let per_doc: Vec<DocTerms> = docs
        .par_iter()
        .map(|doc| match before.and_then(|b| b.get(&doc.fields)) {
            Some(terms) => terms.clone(),
            None => doc_terms(doc),
        })
        .collect();
    if let Some(kept) = kept {
        kept.0 = docs
            .iter()
            .zip(&per_doc)
            .map(|(doc, terms)| (doc.fields.clone(), terms.clone()))
            .collect();
    }
    // term -> [(doc index, best tier)], in document order (documents are visited in order).
    let mut postings: HashMap<String, Vec<(usize, Tier)>> = HashMap::new();
    for (i, terms) in per_doc.iter().enumerate() {
        for (term, tier) in terms.iter() {
            match postings.get_mut(term) {
                Some(list) => list.push((i, *tier)),
                None => {
                    postings.insert(term.clone(), vec![(i, *tier)]);
                }
            }
        }
    }
    let mut common = Vec::new();
    let limit = (docs.len() as f64 * COMMON_SHARE) as usize;
    postings.retain(|term, found| {
        if found.len() > limit {
            common.push(term.clone());
            found.retain(|(_, tier)| *tier < Tier::Body);
        }
        !found.is_empty()
    });
    common.sort();
    // Sorted, so the file is the same whatever the hash map's order.
    let postings: BTreeMap<String, Vec<(usize, Tier)>> = postings.into_iter().collect();

    let (mut terms, mut lists, mut tiers) = (Vec::new(), Vec::new(), Vec::new());
    let mut previous_term: Vec<char> = Vec::new();
    for (term, found) in &postings {
        let chars: Vec<char> = term.chars().collect();
        let shared = chars
            .iter()
            .zip(&previous_term)
            .take_while(|(a, b)| a == b)
            .count()
            .min(35);
        terms.push(format!(
            "{}{}",
            base36(shared),
            chars[shared..].iter().collect::<String>()
        ));
        previous_term = chars;
        let mut previous_doc = 0;
        let gaps: Vec<String> = found
            .iter()
            .map(|(doc, _)| {
                let gap = doc - previous_doc;
                previous_doc = *doc;
                base36(gap)
            })
            .collect();
        lists.push(gaps.join(","));
        tiers.push(
            found
                .iter()
                .map(|(_, t)| char::from(b'0' + *t as u8))
                .collect::<String>(),
        );
    }
    let file = IndexFile {
        v: FORMAT_VERSION,
        docs: docs
            .iter()
            .map(|d| {
                (
                    d.title.as_str(),
                    d.url.as_str(),
                    d.kind,
                    d.code,
                    d.class,
                    d.summary.as_str(),
                )
            })
            .collect(),
        terms: terms.join(" "),
        postings: lists.join(";"),
        tiers: tiers.join(" "),
        common,
        ranges: inputs.ranges.clone(),
        kinds: Kind::SEARCH_RANK.map(Kind::search_name),
        english: inputs.english.clone(),
    };
    let bytes = serde_json::to_vec(&file).expect("the index always serializes");
    let digest = Sha256::digest(&bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    SearchIndex {
        file_name: format!("search-index.{hash}.json"),
        bytes,
        documents: docs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::documents::compact;
    use super::*;

    #[test]
    fn terms_are_lower_case_words_without_stop_words() {
        let found: Vec<String> =
            terms("The Request-URI is Too Long (RFC 9110 §15.5.15) a b").collect();
        assert_eq!(found, ["request", "uri", "too", "long", "rfc", "9110"]);
    }

    #[test]
    fn case_and_accents_are_folded() {
        let found: Vec<String> = terms("Autorización NECESARIA, petición").collect();
        assert_eq!(found, ["autorizacion", "necesaria", "peticion"]);
        assert_eq!(fold("Ñandú"), "nandu");
        assert_eq!(fold("Retry-After"), "retry-after");
    }

    #[test]
    fn han_and_kana_runs_are_indexed_as_character_pairs() {
        let found: Vec<String> = terms("リクエストが多すぎる。HTTP通信、値").collect();
        assert_eq!(
            found,
            [
                "りく", "くえ", "えす", "すと", "とが", "が多", "多す", "すぎ", "ぎる", "http",
                "通信", "値"
            ]
        );
    }

    #[test]
    fn kana_spellings_meet() {
        assert_eq!(fold("ティーポット"), fold("ていぽっと"));
        assert_eq!(fold("サーバー"), fold("サーバ"));
        assert_eq!(fold("ﾃｨｰﾎﾟｯﾄ"), fold("ティーポット"));
        assert_eq!(fold("４２９"), "429");
        assert_ne!(fold("が"), fold("か"), "voicing marks are kept");
    }

    #[test]
    fn plurals_are_stemmed() {
        let stems: Vec<String> = [
            "requests", "retries", "proxies", "caches", "status", "access", "boxes", "headers",
            "api", "429s",
        ]
        .iter()
        .map(|w| stem(w))
        .collect();
        assert_eq!(
            stems,
            [
                "request", "retry", "proxy", "cach", "status", "access", "box", "header", "api",
                "429"
            ]
        );
    }

    #[test]
    fn constants_also_index_whole() {
        assert_eq!(compact("HTTPStatus.NOT_FOUND"), "httpstatusnotfound");
        assert_eq!(
            compact("http.StatusUnprocessableEntity"),
            "httpstatusunprocessableentity"
        );
    }

    #[test]
    fn base36_encodes_gaps() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(base36(13), "d");
    }
}
