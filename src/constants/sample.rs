//! A small Spring table the unit tests share: a removed name, a deprecated one and its
//! replacement.

use super::{Libraries, Library, Table};

/// Three rows over two examined versions.
pub(super) const TABLE: &str = "# library\tspring\n# input\t6.2.19\tsha256:00\tx\n# input\t7.0.0\tsha256:00\tx\nname\tcode\tsince\talias\tdeprecated\tremoved\treplacement\nHttpStatus.USE_PROXY\t305\t6.2.19\t\t6.2.19\t7.0.0\t\nHttpStatus.PAYLOAD_TOO_LARGE\t413\t6.2.19\t\t7.0\t\tHttpStatus.CONTENT_TOO_LARGE\nHttpStatus.CONTENT_TOO_LARGE\t413\t7.0.0\t\t\t\t\n";

/// A checked site keeping only the sample table, for Spring.
pub(crate) fn libs() -> Libraries {
    let mut l = Libraries {
        checked: true,
        ..Default::default()
    };
    l.tables
        .insert(Library::Spring, Table::parse(TABLE).expect("parses"));
    l
}
