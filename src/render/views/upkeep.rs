//! The signs of upkeep every page carries: when its content last changed, and where to edit it or
//! report a problem with it.

use super::PageMeta;
use crate::model::Site;

impl PageMeta {
    /// The page's head and upkeep links: `source` is its content file or folder, relative to the
    /// site root; `canonical_path` its root-relative address, named in a problem report's title.
    pub fn new(site: &Site, source: &str, canonical_path: &str) -> PageMeta {
        let repository = site.config.repository.as_ref();
        let edit_url = repository.map(|r| {
            let url = r.url.trim_end_matches('/');
            let verb = if source.contains('.') { "edit" } else { "tree" };
            format!("{url}/{verb}/{}/{source}", r.branch)
        });
        let report_url = repository.map(|r| {
            let title = format!("Problem on {canonical_path}");
            let title: String = title
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'/' => {
                        char::from(b).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect();
            format!("{}/issues/new?title={title}", r.url.trim_end_matches('/'))
        });
        PageMeta {
            title: String::new(),
            description: String::new(),
            canonical_url: String::new(),
            section: None,
            updated: site.history.updated(source).map(str::to_owned),
            edit_url,
            report_url,
            languages: Vec::new(),
            outdated: None,
        }
    }
}
