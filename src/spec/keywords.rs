//! BCP 14 keyword sentences: the sentences of a section that carry MUST, SHOULD, MAY and the rest.

/// One BCP 14 sentence of a section, as the index records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub section: String,
    pub sentence: String,
}

/// A requirement level as BCP 14 keywords express it (RFC 2119 §1–§5): REQUIRED and SHALL mean
/// MUST, RECOMMENDED means SHOULD, OPTIONAL means MAY.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Keyword {
    Must,
    MustNot,
    Should,
    ShouldNot,
    May,
}

impl Keyword {
    pub fn label(self) -> &'static str {
        match self {
            Keyword::Must => "MUST",
            Keyword::MustNot => "MUST NOT",
            Keyword::Should => "SHOULD",
            Keyword::ShouldNot => "SHOULD NOT",
            Keyword::May => "MAY",
        }
    }

    /// How binding the keyword is: MUST and MUST NOT 3, SHOULD and SHOULD NOT 2, MAY 1.
    pub fn strength(self) -> u8 {
        match self {
            Keyword::Must | Keyword::MustNot => 3,
            Keyword::Should | Keyword::ShouldNot => 2,
            Keyword::May => 1,
        }
    }

    /// Whether the keyword forbids (MUST NOT, SHOULD NOT).
    pub fn negative(self) -> bool {
        matches!(self, Keyword::MustNot | Keyword::ShouldNot)
    }
}

/// The BCP 14 keywords a sentence carries, upper case and as whole words, in order of appearance.
/// A keyword in double quotes is mentioned, not used (the boilerplate that cites RFC 2119).
pub fn keywords(sentence: &str) -> Vec<Keyword> {
    let unquoted: String = sentence
        .split('"')
        .enumerate()
        .filter(|(i, part)| i % 2 == 0 || !part.chars().all(|c| c.is_ascii_uppercase() || c == ' '))
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = unquoted
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let next_not = words.get(i + 1) == Some(&"NOT");
        let (keyword, used) = match words[i] {
            "MUST" if next_not => (Some(Keyword::MustNot), 2),
            "SHALL" if next_not => (Some(Keyword::MustNot), 2),
            "SHOULD" if next_not => (Some(Keyword::ShouldNot), 2),
            "NOT" if words.get(i + 1) == Some(&"RECOMMENDED") => (Some(Keyword::ShouldNot), 2),
            "MUST" | "SHALL" | "REQUIRED" => (Some(Keyword::Must), 1),
            "SHOULD" | "RECOMMENDED" => (Some(Keyword::Should), 1),
            "MAY" | "OPTIONAL" => (Some(Keyword::May), 1),
            _ => (None, 1),
        };
        out.extend(keyword);
        i += used;
    }
    out
}

/// Whether `sentence` names the header field `field` (case-insensitive, as a whole name: `Range`
/// is not found in `Content-Range` or `ranges`).
pub fn names_field(sentence: &str, field: &str) -> bool {
    let hay = sentence.to_ascii_lowercase();
    let needle = field.to_ascii_lowercase();
    if needle.is_empty() {
        return false;
    }
    let part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    hay.match_indices(&needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(part) && !after.is_some_and(part)
    })
}

/// Splits the text of one section into sentences and keeps those with a BCP 14 keyword.
/// Paragraphs are separated by blank lines; a paragraph that ends in a colon runs on into the
/// next one and the list items after it (a list that completes the sentence). White space is
/// collapsed.
pub fn requirements(section: &str, body: &str) -> Vec<Requirement> {
    let mut paragraphs: Vec<String> = Vec::new();
    // Whether the last paragraph ends in a colon, or is a list that follows one.
    let mut open_list = false;
    for para in body.split("\n\n") {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if para.is_empty() {
            continue;
        }
        let after_colon = paragraphs.last().is_some_and(|p| p.ends_with(':'));
        match paragraphs.last_mut() {
            // A long list (RFC 9113's prohibited cipher suites) is cut, so that the index keeps
            // sentences, not tables; the items after the cut are paragraphs of their own, so a
            // requirement stated in one of them is still found.
            Some(last) if open_list && list_item(&para) && last.len() > LONGEST_LIST => {
                last.push_str(" \u{2026}");
                open_list = false;
                paragraphs.push(para);
            }
            Some(last) if open_list && (after_colon || list_item(&para)) => {
                last.push(' ');
                last.push_str(&para);
            }
            _ => {
                open_list = false;
                paragraphs.push(para);
            }
        }
        open_list = open_list || paragraphs.last().is_some_and(|p| p.ends_with(':'));
    }
    paragraphs
        .iter()
        .flat_map(|p| split_sentences(p))
        .filter(|s| !keywords(s).is_empty())
        .map(|sentence| Requirement {
            section: section.to_owned(),
            sentence,
        })
        .collect()
}

/// How long, in bytes, a sentence may grow by the list that completes it before the rest of the
/// list is left out (marked with an ellipsis).
const LONGEST_LIST: usize = 1000;

/// A paragraph that is a list item: `- `, `* `, `o ` or `1. ` first.
fn list_item(para: &str) -> bool {
    let digits = para.chars().take_while(char::is_ascii_digit).count();
    ["- ", "* ", "o "].iter().any(|m| para.starts_with(m))
        || (digits > 0 && (para[digits..].starts_with(". ") || para[digits..].starts_with(") ")))
}

/// Sentence ends: `.`, `?` or `!` (after a closing quote or bracket too) followed by a space
/// and a capital letter, a quote or a bracket, and not after "e.g." or "i.e.".
fn split_sentences(paragraph: &str) -> Vec<String> {
    let chars: Vec<char> = paragraph.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '?' | '!') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '"' | ')' | '\'') {
                end += 1;
            }
            let next = chars.get(end + 1).copied();
            let abbreviation = {
                let before: String = chars[start..=i].iter().collect();
                let lower = before.to_lowercase();
                lower.ends_with("e.g.") || lower.ends_with("i.e.") || lower.ends_with("etc.")
            };
            if chars.get(end) == Some(&' ')
                && next.is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '(' | '['))
                && !abbreviation
            {
                out.push(chars[start..end].iter().collect::<String>());
                start = end + 1;
                i = end;
            }
        }
        i += 1;
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect());
    }
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_upper_case_whole_words() {
        assert_eq!(
            keywords("A server MUST NOT send it, and SHOULD close; it may retry."),
            [Keyword::MustNot, Keyword::Should]
        );
        assert_eq!(
            keywords("REQUIRED; NOT RECOMMENDED; OPTIONAL; SHALL NOT"),
            [
                Keyword::Must,
                Keyword::ShouldNot,
                Keyword::May,
                Keyword::MustNot
            ]
        );
        assert!(keywords("MUSTER the MAYor").is_empty());
        assert!(
            keywords(r#"The key words "MUST", "SHOULD NOT" and "MAY" are to be interpreted"#)
                .is_empty()
        );
        assert_eq!(
            keywords(r#"A "quoted" value MUST be sent"#),
            [Keyword::Must]
        );
    }

    #[test]
    fn field_names_match_whole_names_only() {
        assert!(names_field("send a Content-Range header", "Content-Range"));
        assert!(names_field("the Range header field", "range"));
        assert!(!names_field("the Content-Range header field", "Range"));
        assert!(!names_field("several ranges", "Range"));
        assert!(!names_field("Range-ish", "Range"));
        assert!(names_field("an IM header field", "IM"));
        assert!(!names_field("the A-IM field", "IM"));
    }

    #[test]
    fn sentences_split_at_full_stops_and_keep_keyword_ones() {
        let body = "A server MUST send X. It usually does (e.g. Foo). \
                    Clients MAY retry.\n\nThe fields are:\n\n- Date\n\nNo keyword here.";
        let found: Vec<String> = requirements("1", body)
            .into_iter()
            .map(|r| r.sentence)
            .collect();
        assert_eq!(found, ["A server MUST send X.", "Clients MAY retry."]);
        let listed = requirements(
            "1",
            "A server MUST send these:\n\n- Date\n\n- Vary\n\nThen MAY more.",
        );
        assert_eq!(
            listed[0].sentence,
            "A server MUST send these: - Date - Vary"
        );
        assert_eq!(listed[1].sentence, "Then MAY more.");
        let long: String = (0..200).map(|i| format!("\n\n- CIPHER_{i}")).collect();
        let cut = requirements(
            "A",
            &format!("An endpoint MAY refuse these:{long}\n\n- CIPHER_X MUST NOT be sent."),
        );
        assert_eq!(cut.len(), 2, "{cut:?}");
        assert_eq!(cut[1].sentence, "- CIPHER_X MUST NOT be sent.");
        assert!(
            cut[0].sentence.ends_with(" \u{2026}"),
            "{}",
            cut[0].sentence
        );
        assert!(
            cut[0].sentence.len() < LONGEST_LIST + 40,
            "{}",
            cut[0].sentence.len()
        );
    }
}
