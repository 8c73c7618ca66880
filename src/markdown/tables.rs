//! Markdown tables written so they read on narrow screens: the table is `class="stack"`, and
//! each body cell after the first carries its column's header text as `data-label`, which the
//! stylesheet shows before the value once the rows stack. The renderer writes a table's tags
//! itself (pulldown-cmark's writer would not know the labels), from the events, as it goes.

use pulldown_cmark::{Alignment, CowStr, Event};

use crate::html_text;

/// The table being written: its columns' alignments and header texts, and where it is.
#[derive(Debug, Default)]
pub(super) struct Table {
    alignments: Vec<Alignment>,
    labels: Vec<String>,
    in_head: bool,
    /// The 0-based index of the current cell in its row.
    cell: usize,
    /// The text of the header cell being read.
    label: Option<String>,
}

impl Table {
    pub(super) fn start(alignments: Vec<Alignment>) -> (Table, Event<'static>) {
        let table = Table {
            alignments,
            ..Table::default()
        };
        (table, html("<table class=\"stack\">"))
    }

    pub(super) fn end() -> Event<'static> {
        html("</tbody></table>\n")
    }

    pub(super) fn start_head(&mut self) -> Event<'static> {
        self.in_head = true;
        self.cell = 0;
        html("<thead><tr>")
    }

    pub(super) fn end_head(&mut self) -> Event<'static> {
        self.in_head = false;
        html("</tr></thead><tbody>\n")
    }

    pub(super) fn start_row(&mut self) -> Event<'static> {
        self.cell = 0;
        html("<tr>")
    }

    pub(super) fn end_row() -> Event<'static> {
        html("</tr>\n")
    }

    pub(super) fn start_cell(&mut self) -> Event<'static> {
        let style = match self.alignments.get(self.cell) {
            Some(Alignment::Left) => " style=\"text-align: left\"",
            Some(Alignment::Center) => " style=\"text-align: center\"",
            Some(Alignment::Right) => " style=\"text-align: right\"",
            _ => "",
        };
        if self.in_head {
            self.label = Some(String::new());
            return html(format!("<th{style}>"));
        }
        // The first cell names the row; the others are labelled with their column.
        let label = match self.labels.get(self.cell).filter(|_| self.cell > 0) {
            Some(label) => format!(" data-label=\"{}\"", html_text::escape(label)),
            None => String::new(),
        };
        html(format!("<td{label}{style}>"))
    }

    pub(super) fn end_cell(&mut self) -> Event<'static> {
        self.cell += 1;
        match self.label.take() {
            Some(label) => {
                self.labels.push(label.trim().to_owned());
                html("</th>")
            }
            None => html("</td>"),
        }
    }

    /// Text shown in the current cell (a header cell's text becomes its column's label).
    pub(super) fn text(&mut self, text: &str) {
        if let Some(label) = &mut self.label {
            label.push_str(text);
        }
    }
}

fn html(text: impl Into<CowStr<'static>>) -> Event<'static> {
    Event::Html(text.into())
}
