//! The `httpref` command line: parse arguments, run one command, print diagnostics, set the exit status.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use httpref::{errln, out, outln};

use httpref::layout::SiteLayout;
use httpref::scaffold::NewFile;
use httpref::{Error, LoadOptions};

/// Counts what each thread allocates, so a template's render is held to its memory budget.
#[global_allocator]
static ALLOCATOR: httpref::render::budget::CountingAllocator =
    httpref::render::budget::CountingAllocator;

#[derive(Parser)]
#[command(
    name = "httpref",
    version,
    about = "Build and check the httpref HTTP status code reference"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render the site into the output folder (default: <root>/public).
    Build {
        /// Site root: the folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder; replaced as a whole when the build succeeds.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Base URL to build for, overriding content/site.yaml (e.g. https://example.org/http/).
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate content and templates without writing anything; exit status 1 on any problem.
    Check {
        /// Site root: the folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems: for a terminal, or as GitHub Actions annotations.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Preview the site on 127.0.0.1 while editing: rebuilds on every save and reloads the browser.
    #[cfg(feature = "serve")]
    Serve {
        /// Site root: the folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (default: 1111, or the next free one; 0 lets the system choose).
        #[arg(long)]
        port: Option<u16>,
    },
    /// Start a content file from a template with every required field present and explained.
    New {
        #[command(subcommand)]
        what: NewWhat,
        /// Site root: the folder holding content/.
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
    /// Maintain the copy of the IANA status code registry (content/iana-status-codes.csv).
    Registry {
        #[command(subcommand)]
        action: RegistryAction,
    },
    /// Maintain the browser-support extract of MDN's browser-compat-data (content/compat/).
    Compat {
        #[command(subcommand)]
        action: CompatAction,
    },
    /// Maintain the library constant tables (content/libraries/<library>.tsv).
    Constants {
        #[command(subcommand)]
        action: ConstantsAction,
    },
    /// Maintain the section indexes of the cited specifications (content/specs/).
    Spec {
        #[command(subcommand)]
        action: SpecAction,
    },
    /// Show how far each translation has come: files translated by kind and overall, the missing
    /// ones and the outdated ones (with the date English changed), or, with --diff, the English
    /// changes since the version a translation file translates. Exit status 2 on a bad language
    /// or file, 1 when the content does not load.
    Translations {
        /// A language of `translations:` (default: every one).
        lang: Option<String>,
        /// A translation file (content/es/codes/429.md): show the English changes since the
        /// version it translates, as a unified diff (needs the git history).
        #[arg(long, value_name = "FILE")]
        diff: Option<PathBuf>,
        /// Site root: the folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the JSON Schemas of every content file kind and of the JSON API, for editors.
    Schema {
        /// Folder to write them into.
        #[arg(long, default_value = "docs/schemas")]
        out: PathBuf,
    },
    /// Print generated documentation: `cli` is the command-line reference in docs/cli.md.
    Docs {
        #[arg(value_enum)]
        what: DocsWhat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DocsWhat {
    Cli,
}

#[derive(Subcommand)]
enum ConstantsAction {
    /// Extract every status-code name from the library's own source file, one file per examined
    /// version (oldest first), and write content/libraries/<LIBRARY>.tsv. docs/content-format.md
    /// lists the file each library needs and where the shipped tables came from.
    Import {
        /// python, go, rust, dotnet, spring, rails or symfony.
        library: String,
        /// VERSION=FILE, oldest version first.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Where VERSION's file came from, recorded in the table's header: VERSION=TEXT.
        #[arg(long = "origin")]
        origins: Vec<String>,
        /// Site root: the folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Github,
}

#[derive(Subcommand)]
enum NewWhat {
    /// A code entry: content/codes/<code>.md (prefilled from the registry copy if registered).
    Code { code: u16 },
    /// A comparison page: content/compare/<a>-vs-<b>.md.
    Compare {
        #[arg(num_args = 2.., required = true)]
        codes: Vec<u16>,
    },
    /// A decision tree: content/decide/<slug>.yaml.
    Tree { slug: String },
    /// A header field: content/headers/<name in lower case>.md.
    Header { name: String },
}

#[derive(Subcommand)]
enum CompatAction {
    /// Replace content/compat/http-status.json with the http.status entries of BCD's data.json
    /// (from the @mdn/browser-compat-data npm package), list what changed, then run check.
    Update {
        /// BCD's data.json.
        file: PathBuf,
        /// Site root: the folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum RegistryAction {
    /// Replace the copy with a downloaded http-status-codes-1.csv, list what changed, then check
    /// every entry against it.
    Update {
        /// The CSV downloaded from IANA.
        file: PathBuf,
        /// Site root: the folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum SpecAction {
    /// Write content/specs/rfcN.tsv (or draft-NAME-NN.tsv) from the document's own source (RFC
    /// XML v2/v3, the plain-text RFC or its rfcmarkup HTML, or a kramdown-rfc draft), then check
    /// every citation against the indexes.
    Import {
        /// The RFC's XML (rfcN.xml) or text (rfcN.txt).
        file: PathBuf,
        /// The RFC number, when the file does not say it (checked against the file when it does).
        #[arg(long)]
        rfc: Option<u32>,
        /// For an Internet-Draft: its name with the revision (draft-ietf-httpbis-example-05).
        #[arg(long)]
        draft: Option<String>,
        /// Where the file came from (a URL with the commit), recorded in the index's header.
        #[arg(long)]
        source: Option<String>,
        /// Site root: the folder holding content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[expect(clippy::too_many_lines, reason = "not yet split into named steps")]
fn main() -> ExitCode {
    let started = Instant::now();
    let result = match Cli::parse().command {
        Command::Build {
            root,
            out,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| SiteLayout::new(&root).default_out());
            httpref::build(
                &root,
                &out,
                &LoadOptions {
                    base_url,
                    ..LoadOptions::default()
                },
            )
            .map(|report| {
                print_warnings(&report.warnings);
                outln!(
                    "Built {} pages, {} data files and {} static files into {} in {:.1} ms",
                    report.pages,
                    report.data_files,
                    report.static_files,
                    out.display(),
                    started.elapsed().as_secs_f64() * 1000.0
                );
            })
        }
        Command::Check { root, format } => {
            if format == Format::Github {
                return match httpref::check(&root, &LoadOptions::default()) {
                    Ok(report) => {
                        out!("{}", report.warnings.to_github());
                        ExitCode::SUCCESS
                    }
                    Err(Error::Diagnostics(diags)) => {
                        out!("{}", diags.to_github());
                        errln!("{} problem(s) found", diags.len());
                        ExitCode::FAILURE
                    }
                    Err(e) => {
                        outln!("::error title=httpref check::{e}");
                        ExitCode::FAILURE
                    }
                };
            }
            check(&root, started)
        }
        Command::New { what, root } => {
            let what = match what {
                NewWhat::Code { code } => NewFile::Code(code),
                NewWhat::Compare { codes } => NewFile::Compare(codes),
                NewWhat::Tree { slug } => NewFile::Tree(slug),
                NewWhat::Header { name } => NewFile::Header(name),
            };
            return match httpref::scaffold::create(&root, &what) {
                Ok(path) => {
                    outln!(
                        "Wrote {}: fill in the empty fields and sections, then run `httpref check`.",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(why) => {
                    errln!("error: {why}");
                    ExitCode::FAILURE
                }
            };
        }
        #[cfg(feature = "serve")]
        Command::Serve { root, port } => {
            if let Err(why) = httpref::serve::run(&root, port) {
                errln!("error: {why}");
                return ExitCode::FAILURE;
            }
            Ok(())
        }
        Command::Registry {
            action: RegistryAction::Update { file, root },
        } => {
            if !report_update("Registry copy", httpref::registry::update(&root, &file)) {
                return ExitCode::FAILURE;
            }
            check(&root, started)
        }
        Command::Compat {
            action: CompatAction::Update { file, root },
        } => {
            if !report_update(
                "Browser-compat extract",
                httpref::compat::update(&root, &file),
            ) {
                return ExitCode::FAILURE;
            }
            check(&root, started)
        }
        Command::Translations { lang, diff, root } => {
            return translations(&root, lang.as_deref(), diff.as_deref());
        }
        Command::Schema { out } => {
            return match httpref::schema::write(&out) {
                Ok(files) => {
                    outln!("Wrote {} schemas into {}", files.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(why) => {
                    errln!("error: {}: {why}", out.display());
                    ExitCode::FAILURE
                }
            };
        }
        Command::Docs {
            what: DocsWhat::Cli,
        } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            command.build();
            out!("{}", httpref::clidoc::markdown(&command));
            return ExitCode::SUCCESS;
        }
        Command::Spec {
            action:
                SpecAction::Import {
                    file,
                    rfc,
                    draft,
                    source,
                    root,
                },
        } => {
            match httpref::spec::import(&root, &file, rfc, draft.as_deref(), source.as_deref()) {
                Ok(report) => {
                    outln!(
                        "Wrote {} ({}: {} sections)",
                        report.path.display(),
                        report.doc,
                        report.sections
                    );
                    for change in report.changes {
                        outln!("  {change}");
                    }
                }
                Err(why) => {
                    errln!("error: {why}");
                    return ExitCode::FAILURE;
                }
            }
            check(&root, started)
        }
        Command::Constants {
            action:
                ConstantsAction::Import {
                    library,
                    inputs,
                    origins,
                    root,
                },
        } => {
            return match httpref::constants::import_tables(&root, &library, &inputs, &origins) {
                Ok(written) => {
                    outln!(
                        "Wrote {} ({} names from {} version(s)).",
                        written.path.display(),
                        written.rows,
                        written.versions
                    );
                    ExitCode::SUCCESS
                }
                Err(why) => {
                    errln!("error: {why}");
                    ExitCode::FAILURE
                }
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Diagnostics(diags)) => {
            errln!("{diags}");
            ExitCode::FAILURE
        }
        Err(e @ Error::Output(_)) => {
            errln!("error: {e}");
            ExitCode::FAILURE
        }
        Err(e @ Error::UnsafeOutput(_)) => {
            errln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Prints what an `update` command changed (or why it failed); whether it succeeded.
fn report_update<C: std::fmt::Display, E: std::fmt::Display>(
    what: &str,
    result: Result<Vec<C>, E>,
) -> bool {
    match result {
        Ok(changes) if changes.is_empty() => outln!("{what} updated: no changes."),
        Ok(changes) => {
            outln!("{what} updated, {} change(s):", changes.len());
            for change in changes {
                outln!("  {change}");
            }
        }
        Err(why) => {
            errln!("error: {why}");
            return false;
        }
    }
    true
}

fn check(root: &Path, started: Instant) -> Result<(), Error> {
    httpref::check(root, &LoadOptions::default()).map(|report| {
        print_warnings(&report.warnings);
        outln!(
            "Checked {} pages: no problems found ({:.1} ms)",
            report.pages,
            started.elapsed().as_secs_f64() * 1000.0
        );
        if !report.unindexed.is_empty() {
            outln!(
                "note: citations of {} document(s) are not checked, since they have no section index (content/specs/unindexed.txt):",
                report.unindexed.len()
            );
            for (doc, why) in &report.unindexed {
                outln!("  {doc}: {why}");
            }
        }
    })
}

/// Prints what was found that fails nothing (outdated translations), on stderr.
fn print_warnings(warnings: &httpref::Diagnostics) {
    if !warnings.is_empty() {
        errln!("{warnings}\n");
    }
}

/// `httpref translations`: the coverage report, or one file's English changes.
fn translations(root: &Path, lang: Option<&str>, diff: Option<&Path>) -> ExitCode {
    use httpref::coverage::{self, ReportError};
    let site = match httpref::load::content(root, &LoadOptions::default()) {
        Ok(site) => site,
        Err(diags) => {
            errln!("{diags}");
            return ExitCode::FAILURE;
        }
    };
    let result = match diff {
        Some(file) => coverage::diff(root, &site, lang, file),
        None => coverage::report(&site, lang),
    };
    match result {
        Ok(text) => {
            out!("{text}");
            ExitCode::SUCCESS
        }
        Err(e @ ReportError::Arguments(_)) => {
            errln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            errln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
