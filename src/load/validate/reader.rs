//! What a reader sees first of a code entry, checked: the name people use (a registry name that
//! is only a note, such as "(Unused)", needs a `display_name`) and the `first_steps` sentences.

use crate::diagnostics::Diagnostics;
use crate::load::Parsed;
use crate::model::file::CodeFile;

use super::{check_text, key};

/// Reports a registry note used as a name without a `display_name`, and a `first_steps` entry
/// that is not one sentence on one line.
pub(crate) fn names_and_first_steps(draft: &Parsed<CodeFile>, diags: &mut Diagnostics) {
    let meta = &draft.meta;
    if let Some(display) = &meta.display_name {
        check_text(draft, "display_name", display, diags);
    } else if meta.name.starts_with('(') {
        diags.push(
            draft
                .at(
                    &[key("name")],
                    format!(
                        "`{}` is the registry's note, not a name people use",
                        meta.name
                    ),
                )
                .expected(
                    "a `display_name` with the name people know, e.g. `display_name: I'm a teapot`",
                ),
        );
    }
    if let Some(steps) = &meta.first_steps {
        let sentences = [
            ("api", Some(&steps.api)),
            ("server", Some(&steps.server)),
            ("visitor", steps.visitor.as_ref()),
        ];
        for (field, value) in sentences {
            if let Some(value) = value
                && (value.trim().is_empty() || value.contains('\n'))
            {
                diags.push(
                    draft
                        .at(
                            &[key("first_steps"), key(field)],
                            format!("`first_steps.{field}` is not one sentence on one line"),
                        )
                        .expected("one sentence on one line"),
                );
            }
        }
    }
}
