//! JSON Schemas for editors: one for every kind of content file, made from the serde types the
//! loader reads that kind with (so `deny_unknown_fields` becomes `additionalProperties: false`
//! and every enum lists its values), and the JSON API's, made from the types that write it
//! (`render::api::schema`). `httpref schema` writes them; `docs/schemas/` holds the
//! committed copies, and docs/content-format.md says how editors pick them up.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::model::file::{
    ClassFile, ClassTranslationFile, CodeFile, CodeTranslationFile, CompareFile, HeaderEntryFile,
    HeaderTranslationFile, PageTranslationFile, PracticeFile, PracticeTranslationFile, TreeFile,
    TreeTranslationFile,
};
use crate::model::{GuideMeta, SiteConfig};

/// One schema file: its name in the output folder, the files it describes, and the schema.
pub struct SchemaFile {
    pub name: &'static str,
    /// The content files it applies to, as a glob from the site root (empty for the API's).
    pub applies_to: &'static str,
    pub schema: schemars::Schema,
}

/// Every content file kind's schema, then the API's.
pub fn all() -> Vec<SchemaFile> {
    vec![
        content::<SiteConfig>(
            "site.schema.json",
            "content/site.yaml",
            "The site's settings",
        ),
        content::<CodeFile>(
            "code.schema.json",
            "content/codes/*.md",
            "A status code entry's front matter",
        ),
        content::<ClassFile>(
            "class.schema.json",
            "content/classes/*.md",
            "A class overview's front matter",
        ),
        content::<CompareFile>(
            "compare.schema.json",
            "content/compare/*.md",
            "A comparison page's front matter",
        ),
        content::<GuideMeta>(
            "guide.schema.json",
            "content/guides/*.md",
            "A guide's front matter",
        ),
        content::<HeaderEntryFile>(
            "header.schema.json",
            "content/headers/*.md",
            "A header field entry's front matter",
        ),
        content::<TreeFile>(
            "decide.schema.json",
            "content/decide/*.yaml",
            "A decision tree",
        ),
        content::<PracticeFile>(
            "practice.schema.json",
            "content/practice/*.yaml",
            "A practice scenario",
        ),
        content::<CodeTranslationFile>(
            "code.translation.schema.json",
            "content/*/codes/*.md",
            "A translated code entry's front matter (its language fields)",
        ),
        content::<ClassTranslationFile>(
            "class.translation.schema.json",
            "content/*/classes/*.md",
            "A translated class overview's front matter",
        ),
        content::<PageTranslationFile>(
            "page.translation.schema.json",
            "content/*/{compare,guides}/*.md",
            "A translated comparison's or guide's front matter",
        ),
        content::<HeaderTranslationFile>(
            "header.translation.schema.json",
            "content/*/headers/*.md",
            "A translated header field entry's front matter",
        ),
        content::<TreeTranslationFile>(
            "decide.translation.schema.json",
            "content/*/decide/*.yaml",
            "A translated decision tree (its words, by node id)",
        ),
        content::<PracticeTranslationFile>(
            "practice.translation.schema.json",
            "content/*/practice/*.yaml",
            "A translated practice scenario",
        ),
        SchemaFile {
            name: "api.schema.json",
            applies_to: "",
            schema: crate::render::api::schema(),
        },
    ]
}

fn content<T: JsonSchema>(name: &'static str, applies_to: &'static str, title: &str) -> SchemaFile {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".to_owned(), format!("{title}: {applies_to}").into());
    SchemaFile {
        name,
        applies_to,
        schema,
    }
}

/// The file's bytes: pretty JSON with a final line break.
pub fn to_bytes(schema: &schemars::Schema) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(schema).expect("a schema always serializes");
    bytes.push(b'\n');
    bytes
}

/// Writes every schema into `out` (created if missing); returns the files written.
pub fn write(out: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    all()
        .into_iter()
        .map(|file| {
            let path = out.join(file.name);
            std::fs::write(&path, to_bytes(&file.schema))?;
            Ok(path)
        })
        .collect()
}
