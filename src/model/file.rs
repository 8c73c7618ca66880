//! The content file format as serde reads it, before the load phase turns it into the model.
//!
//! These structs reject unknown fields and hold values as written: a code number that may lie
//! outside 100–599, a reference with up to three sources, an expiry date as text. The load
//! phase checks each with its position in view and builds the model types, which cannot hold
//! those states (the load phase, `load::validate::fields`).

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::ids::{StatusCode, StatusKind};
use crate::model::{
    Applies, Caching, Constants, ContentRule, FirstSteps, Message, RequirementLevel, Retry,
};

/// A whole number where a status code goes, as written. Anything that is not a whole number is
/// an error that says what a status code is; the range is checked with the entry in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CodeNumber(pub u16);

impl<'de> Deserialize<'de> for CodeNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{Error, Unexpected, Visitor};
        struct Code;
        impl Visitor<'_> for Code {
            type Value = CodeNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(StatusCode::EXPECTED)
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<CodeNumber, E> {
                u16::try_from(v)
                    .map(CodeNumber)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<CodeNumber, E> {
                u16::try_from(v)
                    .map(CodeNumber)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
            }
        }
        deserializer.deserialize_u16(Code)
    }
}

/// For editors: a status code, 100–599 (the loader reads any whole number and reports one
/// outside the range at its position).
impl JsonSchema for CodeNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CodeNumber".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": 100,
            "maximum": 599,
            "description": StatusCode::EXPECTED,
        })
    }
}

impl CodeNumber {
    /// The status code, if the number is one.
    pub fn code(self) -> Option<StatusCode> {
        StatusCode::new(self.0)
    }
}

impl fmt::Display for CodeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A reference as written: exactly one of `rfc`, `draft` and `url` makes it a
/// [`crate::ids::Reference`].
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefFile {
    pub rfc: Option<u32>,
    pub draft: Option<String>,
    pub url: Option<String>,
    /// Section number as printed in the document, e.g. `15.5.14`.
    pub section: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderFile {
    pub name: String,
    /// Whether the field is sent in the request or in the response (the default).
    #[serde(default)]
    pub message: Message,
    pub level: RequirementLevel,
    /// When the rule holds, as the checker can tell from a message (always, by default).
    #[serde(default)]
    pub applies: Applies,
    pub note: Option<String>,
    pub spec: RefFile,
    /// Why the level stands although the cited section's BCP 14 sentences say otherwise.
    pub justification: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormerNameFile {
    pub name: String,
    pub spec: Option<RefFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorUseFile {
    pub vendor: String,
    pub name: String,
    pub meaning: String,
    pub client_sees: bool,
    pub source: Option<RefFile>,
}

/// Front matter of `content/codes/<code>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeFile {
    pub code: CodeNumber,
    pub name: String,
    /// The name people use, where the registry's is not one (418 "I'm a teapot" for "(Unused)").
    pub display_name: Option<String>,
    pub summary: String,
    pub status: StatusKind,
    /// Expiry date of a temporary registration, `YYYY-MM-DD`.
    pub expires: Option<String>,
    pub spec: Vec<RefFile>,
    #[serde(default)]
    pub related: Vec<CodeNumber>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub former_names: Vec<FormerNameFile>,
    pub content: Option<ContentRule>,
    pub caching: Option<Caching>,
    pub retry: Option<Retry>,
    /// One sentence each: if you called an API, if you run the server, and (optional) if you
    /// saw it on a website.
    pub first_steps: Option<FirstSteps>,
    #[serde(default)]
    pub headers: Vec<HeaderFile>,
    #[serde(default)]
    pub constants: Constants,
    #[serde(default)]
    pub vendor_uses: Vec<VendorUseFile>,
}

/// Front matter of `content/classes/<n>xx.md`; the class comes from the file name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassFile {
    pub name: String,
    pub summary: String,
    pub spec: Vec<RefFile>,
}

/// Front matter of `content/compare/<slug>.md`; the slug comes from the file name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareFile {
    pub title: String,
    pub summary: String,
    pub codes: Vec<CodeNumber>,
}

/// Front matter of `content/headers/<name>.md`; the file name is the field name in lower case.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderEntryFile {
    pub name: String,
    pub summary: String,
    /// The defining specification's ABNF (or Structured Field type), possibly several lines.
    pub syntax: String,
    /// Literal field lines, `Name: value`.
    pub examples: Vec<String>,
    pub spec: Vec<RefFile>,
}

/// `content/decide/<tree>.yaml` as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreeFile {
    pub title: String,
    pub summary: String,
    /// Id of the first node.
    pub root: String,
    /// The status class this tree chooses within (`4xx`), so that class's page can lead into it.
    pub class: Option<String>,
    pub nodes: Vec<NodeFile>,
}

/// A node as written: a question with answers, or a result.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    pub id: String,
    pub question: Option<String>,
    /// Markdown that helps the reader answer.
    pub explanation: Option<String>,
    #[serde(default)]
    pub answers: Vec<AnswerFile>,
    pub result: Option<ResultFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerFile {
    pub label: String,
    /// `node` in the same tree, or `tree/node`.
    pub goto: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    pub code: CodeNumber,
    /// One sentence: why this code fits.
    pub why: String,
    /// The section that backs the choice, where the specification does.
    pub spec: Option<RefFile>,
    /// True when the choice goes beyond the specification (a convention or a judgement call).
    #[serde(default)]
    pub judgement: bool,
    /// Codes readers confuse with this one here, each with the one line that tells them apart.
    #[serde(default)]
    pub confusable: Vec<ConfusableFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfusableFile {
    pub code: CodeNumber,
    /// One line: when that code is the one to send instead.
    pub reason: String,
}

/// `content/practice/<slug>.yaml` as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeFile {
    pub title: String,
    /// Markdown: the situation.
    pub scenario: String,
    pub answer: Vec<CodeNumber>,
    /// Markdown: why, citing the defining section.
    pub explanation: String,
    pub options: Vec<ChoiceFile>,
    pub walk: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub code: CodeNumber,
    /// Markdown, on wrong options only: why this code does not fit.
    pub feedback: Option<String>,
}

/// `source:` in a translation file: the git blob id (40 hexadecimal digits, `git hash-object`)
/// of the English file it translates, checked by the load phase.
pub type SourceBlob = String;

/// `content/<lang>/codes/<code>.md`: the language fields of a code entry; every fact comes from
/// the English entry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeTranslationFile {
    pub source: SourceBlob,
    /// The reason phrase's meaning in this language, shown under the English name.
    pub name: String,
    pub summary: String,
    pub first_steps: Option<FirstSteps>,
    /// The English entry's `retry.note`.
    pub retry_note: Option<String>,
    /// The English entry's `headers`, in its order, matched by `name`.
    #[serde(default)]
    pub headers: Vec<HeaderNoteFile>,
    /// The English entry's `vendor_uses`, in its order, matched by `vendor`.
    #[serde(default)]
    pub vendor_uses: Vec<VendorMeaningFile>,
    /// Search terms in this language (the English aliases are kept too).
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A header rule's words: `name` is the English field name, which matches the rule.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderNoteFile {
    pub name: String,
    pub note: Option<String>,
    pub justification: Option<String>,
}

/// A vendor use's meaning: `vendor` is the English entry's, which matches the use.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorMeaningFile {
    pub vendor: String,
    pub meaning: String,
}

/// `content/<lang>/classes/<n>xx.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassTranslationFile {
    pub source: SourceBlob,
    pub name: String,
    pub summary: String,
}

/// `content/<lang>/compare/<slug>.md` and `content/<lang>/guides/<slug>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageTranslationFile {
    pub source: SourceBlob,
    pub title: String,
    pub summary: String,
    /// Search terms in this language.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// `content/<lang>/headers/<name>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderTranslationFile {
    pub source: SourceBlob,
    pub summary: String,
}

/// `content/<lang>/decide/<tree>.yaml`: the words of the tree, node by node (by English node id).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreeTranslationFile {
    pub source: SourceBlob,
    pub title: String,
    pub summary: String,
    pub nodes: std::collections::BTreeMap<String, NodeTranslationFile>,
}

/// A node's words: a question's (with its answers' labels in the English order) or a result's.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeTranslationFile {
    pub question: Option<String>,
    /// Markdown, with the English explanation's links and code.
    pub explanation: Option<String>,
    #[serde(default)]
    pub answers: Vec<String>,
    pub result: Option<ResultTranslationFile>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultTranslationFile {
    pub why: String,
    /// The English result's `confusable` reasons, in its order.
    #[serde(default)]
    pub confusable: Vec<String>,
}

/// `content/<lang>/practice/<slug>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeTranslationFile {
    pub source: SourceBlob,
    pub title: String,
    /// Markdown.
    pub scenario: String,
    /// Markdown.
    pub explanation: String,
    /// Markdown, by the code of each wrong option.
    #[serde(default)]
    pub feedback: std::collections::BTreeMap<CodeNumber, String>,
}
