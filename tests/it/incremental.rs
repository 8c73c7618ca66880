//! Incremental output: a rebuild with no change rewrites no file, and editing one code's text
//! rewrites only the few files whose bytes change (its page, the search index and its entry file,
//! the offline worker), measured on a copy of the shipped site by inode and modification time; the
//! search index `serve` builds from kept per-document terms is the one a fresh build gives; and the
//! pages `serve` shows first after a save are, byte for byte, the ones the whole render gives.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::common::*;

/// Every regular file of an output folder, by relative path, with its inode and mtime.
fn identities(public: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e.path().strip_prefix(public).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                (meta.ino(), meta.mtime(), meta.mtime_nsec()),
            )
        })
        .collect()
}

/// Files of `after` that are new, or whose inode or modification time differ from `before`.
fn rewritten(
    before: &BTreeMap<String, (u64, i64, i64)>,
    after: &BTreeMap<String, (u64, i64, i64)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(path, id)| before.get(*path) != Some(id))
        .map(|(path, _)| path.clone())
        .collect()
}

fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "templates", "static"] {
        copy_tree(&repo_root().join(part), &dir.path().join(part));
    }
    dir
}

fn build(root: &Path, public: &Path) {
    httpref::build(root, public, &httpref::LoadOptions::default()).unwrap();
}

#[test]
fn a_rebuild_without_changes_rewrites_no_file_and_an_edit_rewrites_few() {
    let site = shipped_copy();
    let public = site.path().join("public");
    build(site.path(), &public);
    let first = identities(&public);
    let first_bytes = snapshot_dir(&public);

    build(site.path(), &public);
    let second = identities(&public);
    assert_eq!(rewritten(&first, &second), Vec::<String>::new());
    assert_eq!(
        snapshot_dir(&public),
        first_bytes,
        "same bytes after a rebuild"
    );

    let file = site.path().join("content/codes/418.md");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        "## What it means",
        "## What it means\n\nOne edited sentence.",
        1,
    );
    assert_ne!(edited, text, "418.md has the section the edit goes into");
    fs::write(&file, edited).unwrap();
    build(site.path(), &public);
    let third = identities(&public);
    let changed = rewritten(&second, &third);

    // The page itself shows the edit: the rewrite is real, not skipped.
    let page = page(&public, "codes/418/index.html");
    assert!(
        select_texts(&page, "main p")
            .iter()
            .any(|t| t == "One edited sentence."),
        "the edit is on the page"
    );
    assert!(changed.contains(&"codes/418/index.html".to_owned()));
    assert!(changed.contains(&"search/entry.json".to_owned()));
    assert!(
        changed.len() * 10 < third.len(),
        "{} of {} files rewritten: {changed:?}",
        changed.len(),
        third.len()
    );
}

#[test]
fn the_search_index_built_from_kept_terms_equals_a_fresh_one() {
    use httpref::render::search;
    let site = fixture_site(&[]);
    let options = httpref::LoadOptions::default();
    let (before, _) = httpref::load(site.path(), &options).unwrap();
    let mut kept = search::KeptTerms::default();
    let first = search::index(&search::inputs(&before), Some(&mut kept));
    assert_eq!(first.bytes, search::build(&before).bytes);

    // One document's text changes; the others' terms are reused.
    let file = site.path().join("content/codes/404.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace(
            "Nothing is found at the target URI.",
            "Nothing whatsoever is found at the target URI.",
        ),
    )
    .unwrap();
    let (after, _) = httpref::load(site.path(), &options).unwrap();
    let fresh = search::build(&after);
    let reused = search::index(&search::inputs(&after), Some(&mut kept));
    assert_ne!(fresh.bytes, first.bytes, "the edit reaches the index");
    assert_eq!(reused.bytes, fresh.bytes);
    assert_eq!(reused.file_name, fresh.file_name);
}

#[test]
fn every_content_files_first_look_pages_are_the_whole_renders_bytes() {
    use std::collections::HashSet;
    use std::path::PathBuf;

    let root = repo_root();
    let (site, renderer) = httpref::load(&root, &httpref::LoadOptions::default()).unwrap();
    let output = httpref::Output::memory();
    let report = httpref::render::to_output(&site, &root, &renderer, &output).unwrap();
    let whole = output.into_files();
    // Each source file and the pages made from it, as the whole render lists them.
    let mut by_source: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for (file, source) in &report.sources {
        by_source
            .entry(source.clone())
            .or_default()
            .push(file.clone());
    }
    // Pages made from templates (the sitemap lists every page) come only from a whole render.
    by_source.retain(|source, _| source.starts_with("content"));
    let content_files = by_source
        .keys()
        .filter(|source| source.extension().is_some())
        .count();
    assert!(content_files > 200, "{content_files} content files");
    let sitemap = HashSet::from([PathBuf::from("templates/sitemap.xml")]);
    assert!(
        (httpref::render::pages_of(&site, &root, &renderer, &sitemap).unwrap()).is_empty(),
        "a template's pages are left to the whole render"
    );
    for (source, files) in &by_source {
        let only = HashSet::from([source.clone()]);
        let pages = httpref::render::pages_of(&site, &root, &renderer, &only).unwrap();
        let rendered: Vec<&String> = pages.iter().map(|(file, _)| file).collect();
        assert_eq!(
            rendered,
            files.iter().collect::<Vec<_>>(),
            "{}",
            source.display()
        );
        for (file, html) in &pages {
            assert!(
                html.as_bytes() == whole[file].as_slice(),
                "{file} from {} differs from the whole render",
                source.display()
            );
        }
    }
}
