//! Markdown tables made readable on narrow screens.

/// Marks every Markdown table as stacking on narrow screens: each body cell after the first
/// gets its column's header text as `data-label`, which the stylesheet shows before the value
/// once the rows stack, so a wide table never scrolls the page sideways and still reads.
pub(super) fn stack_tables(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(start) = rest.find("<table>") {
        out.push_str(&rest[..start]);
        let table_end = rest[start..]
            .find("</table>")
            .map_or(rest.len(), |e| start + e + "</table>".len());
        out.push_str(&stack_table(&rest[start..table_end]));
        rest = &rest[table_end..];
    }
    out.push_str(rest);
    out
}

/// One `<table>…</table>` as pulldown-cmark writes it (`<thead>` with `<th>` cells, then `<tbody>`).
fn stack_table(table: &str) -> String {
    let Some((head, body)) = table.split_once("</thead>") else {
        return table.to_owned();
    };
    let labels: Vec<String> = head
        .split("<th")
        .skip(1)
        // `<thead` splits here too; header cells are `<th>` or `<th style=…>`.
        .filter(|cell| cell.starts_with(['>', ' ']))
        .map(|cell| {
            let inner = cell.split_once('>').map_or("", |(_, r)| r);
            let inner = inner.split("</th>").next().unwrap_or_default();
            strip_tags(inner).trim().replace('"', "&quot;")
        })
        .collect();
    let mut out = head.replacen("<table>", "<table class=\"stack\">", 1);
    out.push_str("</thead>");
    for (i, row) in body.split("<tr>").enumerate() {
        if i > 0 {
            out.push_str("<tr>");
        }
        for (column, cell) in row.split("<td").enumerate() {
            if column > 0 {
                out.push_str("<td");
                if let Some(label) = labels.get(column - 1).filter(|_| column > 1) {
                    out.push_str(&format!(" data-label=\"{label}\""));
                }
            }
            out.push_str(cell);
        }
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}
