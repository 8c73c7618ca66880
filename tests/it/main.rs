//! The integration tests: one binary, one module per area (the layout mdBook and Cargo use), so
//! the crate is linked once. `common` holds the helpers every module shares. What each module
//! covers: tests/README.md.

mod common;

mod architecture;
mod build;
mod catalogues;
mod check_rules;
mod decide;
mod diagnostics;
mod docs;
mod fuzz;
mod headers;
mod incremental;
mod languages;
mod new;
mod no_panic;
mod offline;
mod practice_pages;
mod practice_walks;
mod reading;
mod registry;
mod safety;
mod schema;
mod serve;
mod shipped_site;
mod spec_import;
mod translations;
