//! Typed reading of a [`tree`](super::tree) through serde, with errors that say what went wrong
//! and where in structured form (serde's own error constructors), never as text to be re-parsed.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use super::Seg;
use super::tree::{Entry, Int, Node, Value};

/// What was found where it did not fit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Found {
    /// A number: shown as the file writes it.
    Number { float: bool },
    /// serde's description (`string "x"`, `a sequence`, …).
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    UnknownVariant {
        found: String,
        expected: &'static [&'static str],
    },
    /// `wrong` is true for a value of the right type but out of range (`invalid_value`).
    Mismatch {
        found: Found,
        expected: String,
        wrong_value: bool,
    },
    Custom(String),
}

/// A problem met while reading, at the path of the innermost node it came through.
#[derive(Debug, Clone)]
pub(crate) struct Error {
    pub path: Option<Vec<Seg>>,
    pub kind: Kind,
}

impl Error {
    fn new(kind: Kind) -> Error {
        Error { path: None, kind }
    }

    fn at(mut self, path: &[Seg]) -> Error {
        self.path.get_or_insert_with(|| path.to_vec());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for Error {}

fn found(unexpected: &Unexpected<'_>) -> Found {
    match unexpected {
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => Found::Number { float: false },
        Unexpected::Float(_) => Found::Number { float: true },
        other => Found::Other(other.to_string()),
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(Kind::Custom(msg.to_string()))
    }
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::Mismatch {
            found: found(&unexp),
            expected: exp.to_string(),
            wrong_value: false,
        })
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(Kind::Mismatch {
            found: found(&unexp),
            expected: exp.to_string(),
            wrong_value: true,
        })
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(Kind::UnknownVariant {
            found: variant.to_owned(),
            expected,
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(Kind::UnknownField {
            field: field.to_owned(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> Self {
        Error::new(Kind::MissingField(field))
    }
}

/// Reads one node, knowing its field path.
pub(crate) struct De<'a> {
    pub node: &'a Node,
    pub path: Vec<Seg>,
}

impl<'a> De<'a> {
    fn child(&self, seg: Seg, node: &'a Node) -> De<'a> {
        let mut path = self.path.clone();
        path.push(seg);
        De { node, path }
    }

    fn any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.node.value {
            Value::Null | Value::Wildcard => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int {
                value: Int::Unsigned(n),
                ..
            } => visitor.visit_u64(*n),
            Value::Int {
                value: Int::Signed(n),
                ..
            } => visitor.visit_i64(*n),
            Value::Float { value, .. } => visitor.visit_f64(*value),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(Items {
                de: &self,
                items: items.iter().enumerate(),
            }),
            Value::Map(entries) => visitor.visit_map(Entries {
                de: &self,
                entries: entries.iter(),
                value: None,
            }),
        };
        result.map_err(|e| e.at(&self.path))
    }

    fn is_wildcard(&self) -> bool {
        matches!(self.node.value, Value::Wildcard)
    }
}

/// For most requests a node answers with what it is; a wildcard answers with what is asked.
macro_rules! answer {
    ($($method:ident => |$v:ident| $wild:expr;)*) => {
        $(fn $method<V: Visitor<'a>>(self, $v: V) -> Result<V::Value, Error> {
            if self.is_wildcard() {
                let path = self.path.clone();
                let result: Result<V::Value, Error> = $wild;
                result.map_err(|e| e.at(&path))
            } else {
                self.any($v)
            }
        })*
    };
}

impl<'a> de::Deserializer<'a> for De<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        self.any(visitor)
    }

    answer! {
        deserialize_bool => |v| v.visit_bool(false);
        deserialize_i8 => |v| v.visit_u64(0);
        deserialize_i16 => |v| v.visit_u64(0);
        deserialize_i32 => |v| v.visit_u64(0);
        deserialize_i64 => |v| v.visit_u64(0);
        deserialize_u8 => |v| v.visit_u64(0);
        deserialize_u16 => |v| v.visit_u64(0);
        deserialize_u32 => |v| v.visit_u64(0);
        deserialize_u64 => |v| v.visit_u64(0);
        deserialize_f32 => |v| v.visit_f64(0.0);
        deserialize_f64 => |v| v.visit_f64(0.0);
        deserialize_char => |v| v.visit_char(' ');
        deserialize_str => |v| v.visit_str("");
        deserialize_string => |v| v.visit_str("");
        deserialize_bytes => |v| v.visit_bytes(&[]);
        deserialize_byte_buf => |v| v.visit_bytes(&[]);
        deserialize_unit => |v| v.visit_unit();
        deserialize_seq => |v| v.visit_seq(de::value::SeqDeserializer::new(std::iter::empty::<()>()));
        deserialize_map => |v| v.visit_map(de::value::MapDeserializer::new(std::iter::empty::<((), ())>()));
        deserialize_identifier => |v| v.visit_str("");
        deserialize_ignored_any => |v| v.visit_unit();
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        let path = self.path.clone();
        match self.node.value {
            Value::Null | Value::Wildcard => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| e.at(&path))
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let path = self.path.clone();
        visitor.visit_newtype_struct(self).map_err(|e| e.at(&path))
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if !self.is_wildcard() {
            return self.any(visitor);
        }
        // Every field a wildcard too, so a stand-in has no missing fields of its own.
        let path = self.path.clone();
        let wildcard = self.node;
        let entries = fields.iter().map(|f| {
            (
                *f,
                De {
                    node: wildcard,
                    path: path.clone(),
                },
            )
        });
        visitor
            .visit_map(de::value::MapDeserializer::new(entries))
            .map_err(|e| e.at(&path))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let path = self.path.clone();
        let (name, content): (&str, Option<De<'a>>) = match &self.node.value {
            Value::Wildcard => (variants.first().copied().unwrap_or_default(), Some(self)),
            Value::Str(s) => (s.as_str(), None),
            Value::Map(entries) if entries.len() == 1 => {
                let entry = &entries[0];
                let name = match &entry.key.value {
                    Value::Str(s) => s.as_str(),
                    _ => return self.any(visitor),
                };
                let content = self.child(Seg::Key(name.to_owned()), &entry.value);
                (name, Some(content))
            }
            _ => return self.any(visitor),
        };
        visitor
            .visit_enum(Variant { name, content })
            .map_err(|e| e.at(&path))
    }
}

impl<'a> IntoDeserializer<'a, Error> for De<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

struct Items<'d, 'a, I> {
    de: &'d De<'a>,
    items: I,
}

impl<'a, I: Iterator<Item = (usize, &'a Node)>> de::SeqAccess<'a> for Items<'_, 'a, I> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some((i, node)) => seed
                .deserialize(self.de.child(Seg::Index(i), node))
                .map(Some),
            None => Ok(None),
        }
    }
}

struct Entries<'d, 'a, I> {
    de: &'d De<'a>,
    entries: I,
    value: Option<De<'a>>,
}

impl<'a, I: Iterator<Item = &'a Entry>> de::MapAccess<'a> for Entries<'_, 'a, I> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let key = self
            .de
            .child(Seg::Key(entry.name().into_owned()), &entry.key);
        let key_path = key.path.clone();
        self.value = Some(
            self.de
                .child(Seg::Key(entry.name().into_owned()), &entry.value),
        );
        seed.deserialize(key).map(Some).map_err(|e| e.at(&key_path))
    }
    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }
}

struct Variant<'a> {
    name: &'a str,
    content: Option<De<'a>>,
}

impl<'a> de::EnumAccess<'a> for Variant<'a> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'a>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(self.name.into_deserializer())?;
        Ok((name, self))
    }
}

impl<'a> de::VariantAccess<'a> for Variant<'a> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        match self.content {
            Some(content) if !content.is_wildcard() => de::Deserialize::deserialize(content),
            _ => Ok(()),
        }
    }
    fn newtype_variant_seed<T: DeserializeSeed<'a>>(self, seed: T) -> Result<T::Value, Error> {
        match self.content {
            Some(content) => seed.deserialize(content),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"a value for the variant",
            )),
        }
    }
    fn tuple_variant<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.content {
            Some(content) => de::Deserializer::deserialize_seq(content, visitor),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &visitor)),
        }
    }
    fn struct_variant<V: Visitor<'a>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.content {
            Some(content) => de::Deserializer::deserialize_struct(content, "", fields, visitor),
            None => Err(de::Error::invalid_type(Unexpected::UnitVariant, &visitor)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::tree;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Spec {
        rfc: u32,
        level: Level,
        #[serde(default)]
        note: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Level {
        #[serde(rename = "MUST")]
        Must,
        #[serde(rename = "MAY")]
        May,
    }

    fn read(yaml: &str) -> Result<Vec<Spec>, Error> {
        let (root, _) = tree::parse(yaml).unwrap();
        Vec::<Spec>::deserialize(De {
            node: &root,
            path: Vec::new(),
        })
    }

    #[test]
    fn reads_typed_values() {
        assert_eq!(
            read("- { rfc: 9110, level: MAY }\n").unwrap(),
            [Spec {
                rfc: 9110,
                level: Level::May,
                note: None
            }]
        );
    }

    #[test]
    fn errors_are_structured_and_carry_the_innermost_path() {
        let e = read("- { rfc: 9110, level: MAY }\n- { rfc: x, level: MAY }\n").unwrap_err();
        assert_eq!(e.path, Some(vec![Seg::Index(1), Seg::Key("rfc".into())]));
        assert!(matches!(
            e.kind,
            Kind::Mismatch { found: Found::Other(ref f), wrong_value: false, .. } if f == "string \"x\""
        ));
        let e = read("- { rfc: 1, level: MUTS }\n").unwrap_err();
        assert_eq!(e.path, Some(vec![Seg::Index(0), Seg::Key("level".into())]));
        assert!(
            matches!(e.kind, Kind::UnknownVariant { ref found, expected } if found == "MUTS" && expected == ["MUST", "MAY"])
        );
        let e = read("- { rfc: 1, levle: MAY }\n").unwrap_err();
        assert_eq!(e.path, Some(vec![Seg::Index(0), Seg::Key("levle".into())]));
        assert!(matches!(e.kind, Kind::UnknownField { ref field, .. } if field == "levle"));
        let e = read("- { rfc: 1 }\n").unwrap_err();
        assert_eq!(e.path, Some(vec![Seg::Index(0)]));
        assert_eq!(e.kind, Kind::MissingField("level"));
    }

    #[test]
    fn a_stand_in_reads_as_whatever_is_expected() {
        let wildcard = tree::Node {
            at: tree::Pos { line: 1, col: 1 },
            value: Value::Wildcard,
        };
        let spec = Spec::deserialize(De {
            node: &wildcard,
            path: Vec::new(),
        })
        .unwrap();
        assert_eq!(
            spec,
            Spec {
                rfc: 0,
                level: Level::Must,
                note: None
            }
        );
    }
}
