//! Static files. CSS and JavaScript get a content hash in their file names (`style.3f9a1c2b7d.css`)
//! so hosts can cache them forever; templates ask for them by their source name through the
//! `asset(path="style.css")` function. Every other file is copied under its own name.

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files;
use crate::render::output::{Output, OutputError};

/// One static file: where it comes from and the name it is written under.
#[derive(Debug, Clone)]
struct Asset {
    output_name: String,
    bytes: Vec<u8>,
}

/// Every file under `static/`, keyed by its path relative to `static/` (with `/` separators).
#[derive(Debug, Clone, Default)]
pub struct Assets {
    files: BTreeMap<String, Asset>,
}

/// Extensions whose files are renamed with their content hash.
const HASHED: [&str; 2] = ["css", "js"];

impl Assets {
    /// Reads `static/` (a site need not have one): every file that could be read, and the
    /// problems of those that could not.
    pub fn load(root: &Path) -> (Assets, Diagnostics) {
        let mut assets = Assets::default();
        let mut diags = Diagnostics::default();
        // Folded name to the first file with it: two that differ only in case or Unicode form
        // are one file on many hosts and checkouts.
        let mut seen: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
        for file in files::walk(
            root,
            &crate::layout::SiteLayout::new(root).statics(),
            None,
            &mut diags,
        ) {
            if let Some(first) = seen.get(&files::folded(&file.rel)) {
                diags.push(
                    Diagnostic::at_file(
                        &file.display,
                        format!(
                            "static file has the same name as `{}` on a host that ignores case or Unicode form",
                            first.display()
                        ),
                    )
                    .hint("the names differ only in letter case or in how an accented letter is encoded (Unicode NFC or NFD); rename one, since only one would be published"),
                );
                continue;
            }
            seen.insert(files::folded(&file.rel), file.display.clone());
            match files::read(root, &file.path, files::MAX_STATIC_BYTES) {
                Ok(bytes) => {
                    let output_name = hashed_name(&file.rel, &bytes);
                    assets.files.insert(file.rel, Asset { output_name, bytes });
                }
                Err(d) => diags.push(d),
            }
        }
        (assets, diags)
    }

    /// The output path (relative to the site root) of the static file `rel`.
    pub fn output_name(&self, rel: &str) -> Option<&str> {
        self.files.get(rel).map(|a| a.output_name.as_str())
    }

    /// Every JavaScript file's source name and text (the scripts whose words come from the
    /// catalogues).
    pub fn scripts(&self) -> impl Iterator<Item = (&str, &str)> {
        (self.files.iter())
            .filter(|(name, _)| name.ends_with(".js"))
            .filter_map(|(name, a)| Some((name.as_str(), std::str::from_utf8(&a.bytes).ok()?)))
    }

    /// Source names of every static file, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Static files whose output path clashes with a generated file, which they would silently
    /// replace (a page without its Content-Security-Policy, say), on this host or on one that
    /// ignores case: `generated(path)` names the generated file a path clashes with, if any.
    pub fn collisions(&self, generated: impl Fn(&str) -> Option<String>) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for (rel, asset) in &self.files {
            if let Some(what) = generated(&asset.output_name) {
                diags.push(
                    Diagnostic::at_file(
                        crate::layout::SiteLayout::relative().statics().join(rel),
                        format!(
                            "static file collides with a generated file: `{}` cannot be written \
                             beside {what} (the same file, or a file where a folder is needed, \
                             on a host that ignores case)",
                            asset.output_name
                        ),
                    )
                    .hint("rename or remove the static file; generated pages come from content/"),
                );
            }
        }
        diags
    }

    /// Writes every static file through `output`; returns how many.
    pub fn write(&self, output: &Output) -> Result<usize, OutputError> {
        for asset in self.files.values() {
            output.write(&asset.output_name, &asset.bytes)?;
        }
        Ok(self.files.len())
    }
}

/// `dir/name.ext` → `dir/name.<10 hex digits of SHA-256>.ext` for hashed kinds, else unchanged.
fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    let Some((stem, ext)) = rel.rsplit_once('.') else {
        return rel.to_owned();
    };
    if !HASHED.contains(&ext) || stem.ends_with('/') {
        return rel.to_owned();
    }
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    format!("{stem}.{hex}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_and_js_names_carry_their_content_hash() {
        let a = hashed_name("style.css", b"body{}");
        assert!(
            a.starts_with("style.") && a.ends_with(".css") && a.len() == "style.".len() + 10 + 4,
            "{a}"
        );
        assert_eq!(a, hashed_name("style.css", b"body{}"), "deterministic");
        assert_ne!(
            a,
            hashed_name("style.css", b"body{ }"),
            "changes with the content"
        );
        assert!(hashed_name("js/search.js", b"x").starts_with("js/search."));
        assert_eq!(hashed_name("favicon.svg", b"<svg/>"), "favicon.svg");
        assert_eq!(hashed_name("robots", b""), "robots");
    }
}
