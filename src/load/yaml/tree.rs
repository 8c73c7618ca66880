//! A YAML document as a tree that remembers where each key and value is written.
//!
//! Built from the events of saphyr's YAML 1.2 parser, whose scalar resolution (core schema) it
//! uses. A repeated key is not an error that stops the parser here: the first entry is kept, and
//! the repeat is returned with both positions so it can be reported at the repeat.
//!
//! Building is linear in the text and bounded: nesting depth, entries per mapping or list, and
//! the aliases (how many, and how many nodes they copy) each have a limit, checked as the tree
//! grows, so a few lines of anchors ("billion laughs") stop with a [`Limit`] instead of filling
//! memory.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr::{Scalar as Resolved, ScalarStyle};
use saphyr_parser::{Event, Marker, Parser, ScanError, Span, Tag};

pub(crate) use super::Pos;
use super::Seg;
use super::limits::{
    Limit, MAX_ALIAS_NODES, MAX_ALIASES, MAX_DEPTH, MAX_ENTRIES, alias_limit, depth_limit,
    entries_limit,
};

impl Pos {
    fn of(span: &Span) -> Pos {
        Pos {
            line: span.start.line(),
            col: span.start.col() + 1,
        }
    }
}

/// A node and where it starts.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub at: Pos,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// A whole number, as written in the file (`text`) and as read. A number too large for 64
    /// bits is read as the largest one that fits, so the field's own type reports it.
    Int {
        text: String,
        value: Int,
    },
    Float {
        text: String,
        value: f64,
    },
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
    /// A stand-in that reads as whatever the field expects: put where a field is missing or a
    /// value is wrong, so the rest of the file is still checked.
    Wildcard,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Int {
    Unsigned(u64),
    Signed(i64),
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub key: Node,
    pub value: Node,
}

impl Entry {
    /// The key as text, as it appears in a field path.
    pub fn name(&self) -> Cow<'_, str> {
        self.key.value.text()
    }
}

/// Why a text gave no tree.
#[derive(Debug)]
pub(crate) enum Error {
    /// The parser stopped on a syntax error.
    Syntax(ScanError),
    /// The text is valid YAML but builds more than a content file may.
    Limit(Limit),
}

/// A key written twice in one mapping.
#[derive(Debug, Clone)]
pub(crate) struct Duplicate {
    /// The path of the repeated field.
    pub path: Vec<Seg>,
    pub at: Pos,
    pub first_line: usize,
}

impl Value {
    fn text(&self) -> Cow<'_, str> {
        match self {
            Value::Str(s) => Cow::Borrowed(s),
            Value::Int { text, .. } | Value::Float { text, .. } => Cow::Borrowed(text),
            Value::Bool(b) => Cow::Owned(b.to_string()),
            Value::Null => Cow::Borrowed("null"),
            Value::Seq(_) | Value::Map(_) | Value::Wildcard => Cow::Borrowed(""),
        }
    }
}

impl Node {
    /// The node at `path`, if there is one.
    pub fn get(&self, path: &[Seg]) -> Option<&Node> {
        let mut node = self;
        for seg in path {
            node = node.child(seg)?.1;
        }
        Some(node)
    }

    /// The entry or item `seg` of this node, and its key's position (an item's own, for a list).
    fn child(&self, seg: &Seg) -> Option<(Pos, &Node)> {
        match (seg, &self.value) {
            (Seg::Key(k), Value::Map(entries)) => entries
                .iter()
                .find(|e| e.name() == k.as_str())
                .map(|e| (e.key.at, &e.value)),
            (Seg::Index(i), Value::Seq(items)) => items.get(*i).map(|n| (n.at, n)),
            _ => None,
        }
    }

    /// Where to point for `path`: its key (or, with `value`, its value when written on the key's
    /// line), or the closest enclosing field that exists.
    pub fn locate(&self, path: &[Seg], value: bool) -> Option<Pos> {
        let mut node = self;
        let mut at = None;
        for seg in path {
            let Some((key_at, child)) = node.child(seg) else {
                return at;
            };
            at = Some(key_at);
            node = child;
        }
        let key_at = at?;
        Some(
            if value && node.at.line == key_at.line && node.at >= key_at {
                node.at
            } else {
                key_at
            },
        )
    }

    pub fn get_mut(&mut self, path: &[Seg]) -> Option<&mut Node> {
        let mut node = self;
        for seg in path {
            node = match (seg, &mut node.value) {
                (Seg::Key(k), Value::Map(entries)) => {
                    &mut entries.iter_mut().find(|e| e.name() == k.as_str())?.value
                }
                (Seg::Index(i), Value::Seq(items)) => items.get_mut(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// Parses `text` (one YAML document) into a tree, with the keys written twice.
pub(crate) fn parse(text: &str) -> Result<(Node, Vec<Duplicate>), Error> {
    let mut builder = Builder::default();
    let mut cursor = Cursor::default();
    for event in Parser::new_from_str(text) {
        let (event, mut span) = event.map_err(Error::Syntax)?;
        if let Event::Scalar(_, ScalarStyle::Literal | ScalarStyle::Folded, ..) = event {
            span.start = block_indicator(text, &mut cursor, span.start);
        }
        if builder.event(event, span).map_err(Error::Limit)? {
            break;
        }
    }
    let root = builder.root.unwrap_or(Node {
        at: Pos { line: 1, col: 1 },
        value: Value::Null,
    });
    Ok((root, builder.duplicates))
}

/// A character index of the text and its byte offset, moved forward as the parser goes, so
/// finding the bytes of a marker costs the distance from the last one, not a scan from the start.
#[derive(Debug, Default)]
struct Cursor {
    chars: usize,
    bytes: usize,
}

impl Cursor {
    /// The byte offset of character `index` of `text`.
    fn byte_of(&mut self, text: &str, index: usize) -> usize {
        if index < self.chars {
            *self = Cursor::default();
        }
        for c in text[self.bytes..].chars().take(index - self.chars) {
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        self.bytes
    }
}

/// Where a `|` or `>` block's indicator is, for a block whose text starts at `start`: the block
/// is pointed at where it is introduced, on its key's line.
fn block_indicator(text: &str, cursor: &mut Cursor, start: Marker) -> Marker {
    let end = cursor.byte_of(text, start.index());
    let Some(i) = text[..end].rfind(['|', '>']) else {
        return start;
    };
    let between = &text[i..end];
    let line = start.line() - between.matches('\n').count();
    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
    let col = text[line_start..i].chars().count();
    let index = start.index() - between.chars().count();
    Marker::new(index, line, col)
}

/// A collection being built: its node, and for a mapping the key waiting for its value.
#[derive(Debug)]
struct Open {
    node: Node,
    key: Option<Node>,
    anchor: usize,
    /// Nodes in the collection so far, itself included.
    size: usize,
    /// Deepest nesting below it so far.
    height: usize,
    /// Entries or items written so far, repeated keys included.
    written: usize,
    /// The line of each key of a mapping, for finding a repeat without a scan.
    lines: HashMap<String, usize>,
}

/// A finished node with what the bounds need to know of it.
#[derive(Debug, Clone)]
struct Built {
    node: Node,
    size: usize,
    height: usize,
}

#[derive(Debug, Default)]
struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Built>,
    root: Option<Node>,
    duplicates: Vec<Duplicate>,
    aliases: usize,
    alias_nodes: usize,
}

impl Builder {
    /// Takes one event; true once the first document is complete.
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<bool, Limit> {
        let at = Pos::of(&span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let node = Node {
                    at,
                    value: scalar(text, style, tag.as_ref()),
                };
                self.add(leaf(node), anchor, at)?;
            }
            Event::SequenceStart(anchor, _) => self.open(at, Value::Seq(Vec::new()), anchor)?,
            Event::MappingStart(anchor, _) => self.open(at, Value::Map(Vec::new()), anchor)?,
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    let built = Built {
                        node: open.node,
                        size: open.size,
                        height: open.height,
                    };
                    self.add(built, open.anchor, at)?;
                }
            }
            Event::Alias(id) => {
                let built = match self.anchors.get(&id) {
                    Some(b) => {
                        self.aliases += 1;
                        self.alias_nodes += b.size;
                        if self.aliases > MAX_ALIASES {
                            return Err(alias_limit(
                                at,
                                format!("more than {MAX_ALIASES} aliases in one file"),
                            ));
                        }
                        if self.alias_nodes > MAX_ALIAS_NODES {
                            return Err(alias_limit(
                                at,
                                format!(
                                    "aliases copy more than {MAX_ALIAS_NODES} values in one file"
                                ),
                            ));
                        }
                        Built {
                            node: Node {
                                at,
                                value: b.node.value.clone(),
                            },
                            ..b.clone()
                        }
                    }
                    None => leaf(Node {
                        at,
                        value: Value::Null,
                    }),
                };
                self.add(built, 0, at)?;
            }
            Event::DocumentEnd => return Ok(self.root.is_some()),
            Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::Nothing => {}
        }
        Ok(false)
    }

    /// Opens a collection, unless it would nest deeper than [`MAX_DEPTH`].
    fn open(&mut self, at: Pos, value: Value, anchor: usize) -> Result<(), Limit> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(depth_limit(at));
        }
        self.stack.push(Open {
            node: Node { at, value },
            key: None,
            anchor,
            size: 1,
            height: 0,
            written: 0,
            lines: HashMap::new(),
        });
        Ok(())
    }

    fn add(&mut self, built: Built, anchor: usize, at: Pos) -> Result<(), Limit> {
        if self.stack.len() + built.height > MAX_DEPTH {
            return Err(depth_limit(at));
        }
        if anchor > 0 {
            self.anchors.insert(anchor, built.clone());
        }
        let path = self.path();
        let Some(open) = self.stack.last_mut() else {
            self.root.get_or_insert(built.node);
            return Ok(());
        };
        open.size += built.size;
        open.height = open.height.max(built.height + 1);
        let node = built.node;
        match &mut open.node.value {
            Value::Seq(items) => {
                open.written += 1;
                if open.written > MAX_ENTRIES {
                    return Err(entries_limit(node.at, "items in one list"));
                }
                items.push(node);
            }
            Value::Map(entries) => match open.key.take() {
                None => {
                    open.written += 1;
                    if open.written > MAX_ENTRIES {
                        return Err(entries_limit(node.at, "fields in one mapping"));
                    }
                    open.key = Some(node);
                }
                Some(key) => {
                    let entry = Entry { key, value: node };
                    let name = entry.name().into_owned();
                    match open.lines.get(&name) {
                        Some(&first_line) => {
                            let mut path = path;
                            path.push(Seg::Key(name));
                            self.duplicates.push(Duplicate {
                                path,
                                at: entry.key.at,
                                first_line,
                            });
                        }
                        None => {
                            open.lines.insert(name, entry.key.at.line);
                            entries.push(entry);
                        }
                    }
                }
            },
            _ => {}
        }
        Ok(())
    }

    /// The field path of the innermost open collection.
    fn path(&self) -> Vec<Seg> {
        let mut path = Vec::new();
        for (i, open) in self.stack.iter().enumerate() {
            if i + 1 == self.stack.len() {
                break;
            }
            match &open.node.value {
                Value::Seq(items) => path.push(Seg::Index(items.len())),
                Value::Map(_) => {
                    if let Some(key) = &open.key {
                        path.push(Seg::Key(key.value.text().into_owned()));
                    }
                }
                _ => {}
            }
        }
        path
    }
}

fn leaf(node: Node) -> Built {
    Built {
        node,
        size: 1,
        height: 0,
    }
}

/// A scalar resolved by the YAML 1.2 core schema (quoted scalars are always text).
fn scalar(text: Cow<'_, str>, style: ScalarStyle, tag: Option<&Cow<'_, Tag>>) -> Value {
    let plain = style == ScalarStyle::Plain;
    if plain && tag.is_none() && is_whole_number(&text) && text.parse::<i64>().is_err() {
        // Too large for the parser's 64-bit integers, which would read it as a float.
        let value = match text.parse::<u64>() {
            Ok(n) => Int::Unsigned(n),
            Err(_) if text.starts_with('-') => Int::Signed(i64::MIN),
            Err(_) => Int::Unsigned(u64::MAX),
        };
        return Value::Int {
            text: text.into_owned(),
            value,
        };
    }
    match Resolved::parse_from_cow_and_metadata(text.clone(), style, tag) {
        Some(Resolved::Null) => Value::Null,
        Some(Resolved::Boolean(b)) => Value::Bool(b),
        Some(Resolved::Integer(n)) => Value::Int {
            text: text.into_owned(),
            value: u64::try_from(n).map_or(Int::Signed(n), Int::Unsigned),
        },
        Some(Resolved::FloatingPoint(f)) => Value::Float {
            text: text.into_owned(),
            value: f.into_inner(),
        },
        Some(Resolved::String(s)) => Value::Str(s.into_owned()),
        // A core-schema tag the text does not fit (`!!int abc`): the text, for the field to judge.
        None => Value::Str(text.into_owned()),
    }
}

fn is_whole_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Seg {
        Seg::Key(k.into())
    }

    #[test]
    fn keys_and_values_keep_their_positions() {
        let (root, dups) =
            parse("code: 404\nspec:\n  - { rfc: 9110, section: \"15.5\" }\n").unwrap();
        assert!(dups.is_empty());
        let path = [key("spec"), Seg::Index(0), key("section")];
        assert_eq!(root.locate(&path, false), Some(Pos { line: 3, col: 18 }));
        assert_eq!(root.locate(&path, true), Some(Pos { line: 3, col: 27 }));
        // A path that goes further than the tree stops at the last field it reached.
        let deeper = [key("spec"), Seg::Index(3)];
        assert_eq!(root.locate(&deeper, true), Some(Pos { line: 2, col: 1 }));
    }

    #[test]
    fn a_repeated_key_keeps_the_first_and_names_both_lines() {
        let (root, dups) = parse("a: 1\nb:\n  - { x: 1, x: 2 }\na: 3\n").unwrap();
        let found: Vec<_> = dups
            .iter()
            .map(|d| (d.path.clone(), d.at, d.first_line))
            .collect();
        assert_eq!(
            found,
            [
                (
                    vec![key("b"), Seg::Index(0), key("x")],
                    Pos { line: 3, col: 13 },
                    3
                ),
                (vec![key("a")], Pos { line: 4, col: 1 }, 1),
            ]
        );
        assert!(matches!(
            root.get(&[key("a")]).unwrap().value,
            Value::Int {
                value: Int::Unsigned(1),
                ..
            }
        ));
    }

    #[test]
    fn a_block_of_text_is_placed_at_its_indicator() {
        let (root, _) = parse("a: 1\nexplanation: |\n  text\n").unwrap();
        assert_eq!(
            root.locate(&[key("explanation")], true),
            Some(Pos { line: 2, col: 14 })
        );
    }

    #[test]
    fn scalars_follow_the_core_schema_and_keep_their_text() {
        let (root, _) =
            parse("a: \"15\"\nb: 15.50\nc: -99999999999999999999\nd: ~\ne: true\n").unwrap();
        let value = |k: &str| root.get(&[key(k)]).unwrap().value.clone();
        assert!(matches!(value("a"), Value::Str(s) if s == "15"));
        assert!(matches!(value("b"), Value::Float { text, .. } if text == "15.50"));
        assert!(matches!(
            value("c"),
            Value::Int {
                value: Int::Signed(i64::MIN),
                ..
            }
        ));
        assert!(matches!(value("d"), Value::Null));
        assert!(matches!(value("e"), Value::Bool(true)));
    }
}
