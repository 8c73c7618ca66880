//! The command-line reference in docs/cli.md, written from clap's own description of the
//! commands (`httpref docs cli`), so every command and flag is documented as the binary takes it.

use std::fmt::Write;

/// The reference for `command` (built, so subcommands carry their full names) and every
/// subcommand below it, depth first: a heading, the help text, the usage and a table of arguments.
pub fn markdown(command: &clap::Command) -> String {
    let mut out = String::new();
    section(command, &mut out);
    out
}

fn section(command: &clap::Command, out: &mut String) {
    let name = command
        .get_bin_name()
        .unwrap_or_else(|| command.get_name())
        .to_owned();
    let about = command
        .get_long_about()
        .or_else(|| command.get_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    let _ = write!(
        out,
        "### `{name}`\n\n{}\n\n```text\n{usage}\n```\n\n",
        sentence(&about)
    );
    let arguments: Vec<&clap::Arg> = command
        .get_arguments()
        .filter(|arg| !arg.is_hide_set() && !matches!(arg.get_id().as_str(), "help" | "version"))
        .collect();
    if !arguments.is_empty() {
        out.push_str("| argument | what it is | default |\n| --- | --- | --- |\n");
        for arg in arguments {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                spelling(arg),
                sentence(&arg.get_help().map(ToString::to_string).unwrap_or_default())
                    + &values(arg),
                arg.get_default_values()
                    .iter()
                    .map(|v| format!("`{}`", v.to_string_lossy()))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        out.push('\n');
    }
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        section(sub, out);
    }
}

/// How the argument is written: `--root <ROOT>`, or `<FILE>` for a positional one.
fn spelling(arg: &clap::Arg) -> String {
    let value = arg
        .get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| format!("<{n}>"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| format!("<{}>", arg.get_id().as_str().to_uppercase()));
    let many = if matches!(arg.get_num_args(), Some(range) if range.max_values() > 1) {
        "..."
    } else {
        ""
    };
    match arg.get_long() {
        Some(long) if arg.get_action().takes_values() => format!("--{long} {value}{many}"),
        Some(long) => format!("--{long}"),
        None => format!("{value}{many}"),
    }
}

/// The allowed values of an argument that has a fixed set.
fn values(arg: &clap::Arg) -> String {
    let possible = arg.get_possible_values();
    if possible.is_empty() {
        return String::new();
    }
    let names: Vec<String> = possible
        .iter()
        .map(|v| format!("`{}`", v.get_name()))
        .collect();
    format!(" One of {}.", names.join(", "))
}

/// Help text as a sentence in Markdown (clap drops the final full stop): no raw HTML, no cell
/// breaks.
fn sentence(text: &str) -> String {
    let text = text
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('\n', " ");
    if text.is_empty() || text.ends_with('.') {
        text
    } else {
        format!("{text}.")
    }
}
