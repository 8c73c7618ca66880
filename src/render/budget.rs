//! Bounds on rendering: templates arrive by pull request like content, so a page's render may
//! run only so many loop iterations and so long, and a whole render only so long.
//!
//! Tera has no way to stop a render from outside, so each template is instrumented as it is
//! loaded: the body of every `{% for %}` loop and `{% component %}` starts with a call to a
//! function that counts and checks the clock, and fails the render once a bound is crossed.
//! List comprehensions (`[x for x in y]`) are loops that cannot be instrumented that way, so a
//! template that writes one is refused at load. The inserted call writes nothing and keeps the
//! tag's whitespace control; positions in messages are mapped back to the template as written.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tera::{Kwargs, State, Tera, TeraResult};

/// Loop iterations and component calls in one page's render, at most. The shipped templates
/// use about 300 on their largest page.
pub const MAX_TICKS_PER_PAGE: u64 = 1_000_000;
/// Time one page's render may take.
pub const PAGE_TIME: Duration = Duration::from_secs(2);
/// Time one whole render (every page of a build, `check` or `serve` rebuild) may take.
pub const TOTAL_TIME: Duration = Duration::from_secs(60);

/// Bytes one page's render may allocate in all (the shipped pages allocate about 1 MiB), so a
/// string doubled in a loop stops long before it fills memory. Counted only where the binary
/// installs [`CountingAllocator`], as `httpref` does.
pub const MAX_BYTES_PER_PAGE: u64 = 256 * 1024 * 1024;

/// The function the instrumentation calls; a template may call it too, to no effect.
const TICK: &str = "__httpref_budget";

/// The deadline of a whole render, shared by its pages, and whether a page has crossed a bound:
/// then the render is stopped, and the pages not yet rendered are skipped, not reported again.
#[derive(Debug)]
pub struct Budget {
    deadline: Instant,
    stopped: AtomicBool,
}

impl Budget {
    /// A render starting now.
    pub fn start() -> Budget {
        Budget {
            deadline: Instant::now() + TOTAL_TIME,
            stopped: AtomicBool::new(false),
        }
    }

    /// Whether a page has crossed a bound, so the rest of the render is not worth doing.
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Runs `render` (one page) under this budget, on this thread.
    pub fn page<T>(&self, render: impl FnOnce() -> T) -> T {
        let page = Page {
            ticks: 0,
            page_deadline: Instant::now() + PAGE_TIME,
            total_deadline: self.deadline,
            allocated_before: allocated(),
            crossed: false,
        };
        let outer = CURRENT.replace(Some(page));
        let result = render();
        if CURRENT.replace(outer).is_some_and(|page| page.crossed) {
            self.stopped.store(true, Ordering::Relaxed);
        }
        result
    }
}

#[derive(Debug, Clone, Copy)]
struct Page {
    ticks: u64,
    page_deadline: Instant,
    total_deadline: Instant,
    allocated_before: u64,
    crossed: bool,
}

thread_local! {
    static CURRENT: Cell<Option<Page>> = const { Cell::new(None) };
    /// Bytes this thread has allocated, as [`CountingAllocator`] counts them.
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
}

/// The system allocator, counting the bytes each thread allocates so that a page's render can be
/// held to [`MAX_BYTES_PER_PAGE`]. The count is one thread-local addition per allocation.
pub struct CountingAllocator;

fn count(bytes: usize) {
    let _ = ALLOCATED.try_with(|n| n.set(n.get().wrapping_add(bytes as u64)));
}

/// Bytes this thread has allocated so far, where [`CountingAllocator`] is installed (else 0).
pub fn allocated() -> u64 {
    ALLOCATED.try_with(Cell::get).unwrap_or(0)
}

// SAFETY: every call is passed on to the system allocator unchanged; counting allocates nothing.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size.saturating_sub(layout.size()));
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Which bound a render crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
enum Exceeded {
    #[error(
        "render budget exceeded: this page allocated more than {} MiB",
        MAX_BYTES_PER_PAGE / 1024 / 1024
    )]
    Memory,
    #[error(
        "render budget exceeded: more than {MAX_TICKS_PER_PAGE} loop iterations and component calls on one page"
    )]
    Ticks,
    #[error(
        "render budget exceeded: rendering the site took longer than {} s",
        TOTAL_TIME.as_secs()
    )]
    SiteTime,
    #[error(
        "render budget exceeded: this page took longer than {} s to render",
        PAGE_TIME.as_secs()
    )]
    PageTime,
}

/// Counts one loop iteration or component call of the page being rendered on this thread.
fn tick() -> Result<(), Exceeded> {
    let Some(mut page) = CURRENT.get() else {
        return Ok(());
    };
    page.ticks += 1;
    let crossed = check(&page);
    page.crossed |= crossed.is_err();
    CURRENT.set(Some(page));
    crossed
}

fn check(page: &Page) -> Result<(), Exceeded> {
    if allocated().wrapping_sub(page.allocated_before) > MAX_BYTES_PER_PAGE {
        return Err(Exceeded::Memory);
    }
    if page.ticks > MAX_TICKS_PER_PAGE {
        return Err(Exceeded::Ticks);
    }
    // Reading the clock every iteration would cost more than the loops it watches.
    if page.ticks.is_multiple_of(64) {
        let now = Instant::now();
        if now > page.total_deadline {
            return Err(Exceeded::SiteTime);
        }
        if now > page.page_deadline {
            return Err(Exceeded::PageTime);
        }
    }
    Ok(())
}

/// Registers the function the instrumentation calls.
pub fn register(tera: &mut Tera) {
    tera.register_function(TICK, |_: Kwargs, _: &State| -> TeraResult<String> {
        tick()
            .map(|()| String::new())
            .map_err(|e| tera::Error::message(e.to_string()))
    });
}

/// A template's text with every loop and component body instrumented, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instrumented {
    pub text: String,
    /// Each inserted call: its 1-based line, the 0-based column (in characters, as Tera counts)
    /// where it starts in the instrumented line, its length, and the column of its tag.
    inserts: Vec<Insert>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Insert {
    line: usize,
    at: usize,
    len: usize,
    tag: usize,
}

/// A list comprehension, refused: where its `for` is (1-based line, 0-based column in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comprehension {
    pub line: usize,
    pub col: usize,
}

/// Instruments `text`, or finds the first list comprehension in it.
pub fn instrument(text: &str) -> Result<Instrumented, Comprehension> {
    let mut out = Instrumented {
        text: String::with_capacity(text.len() + 256),
        inserts: Vec::new(),
    };
    let mut rest = text;
    let mut line = 1;
    // Byte offset in `out.text` where the current line starts.
    let mut line_start = 0;
    fn push(out: &mut Instrumented, piece: &str, line: &mut usize, line_start: &mut usize) {
        for (i, _) in piece.match_indices('\n') {
            *line += 1;
            *line_start = out.text.len() + i + 1;
        }
        out.text.push_str(piece);
    }
    while let Some(open) = rest.find(['{']) {
        let (before, from) = rest.split_at(open);
        push(&mut out, before, &mut line, &mut line_start);
        let kind = from.get(..2).unwrap_or("");
        let close = match kind {
            "{#" => "#}",
            "{%" => "%}",
            "{{" => "}}",
            _ => {
                push(&mut out, "{", &mut line, &mut line_start);
                rest = &from[1..];
                continue;
            }
        };
        let Some(len) = tag_len(from, close) else {
            // Unclosed: Tera reports it.
            push(&mut out, from, &mut line, &mut line_start);
            return Ok(out);
        };
        let tag = &from[..len];
        let tag_col = out.text[line_start..].chars().count();
        let tag_line = line;
        if kind == "{#" {
            push(&mut out, tag, &mut line, &mut line_start);
            rest = &from[len..];
            continue;
        }
        let words = words(&tag[2..len - 2]);
        let keyword = (kind == "{%").then(|| words.first().map(|w| w.1)).flatten();
        if keyword == Some("raw") {
            // Copied as it is, up to and including `{% endraw %}`.
            let end = raw_end(from).unwrap_or(from.len());
            push(&mut out, &from[..end], &mut line, &mut line_start);
            rest = &from[end..];
            continue;
        }
        let mut loop_words = words.iter().skip(usize::from(keyword == Some("for")));
        if let Some((offset, _)) = loop_words.find(|(_, w)| *w == "for") {
            let before = &tag[..2 + offset];
            let line = tag_line + before.matches('\n').count();
            let col = match before.rfind('\n') {
                Some(i) => before[i + 1..].chars().count(),
                None => tag_col + before.chars().count(),
            };
            return Err(Comprehension { line, col });
        }
        push(&mut out, tag, &mut line, &mut line_start);
        if matches!(keyword, Some("for" | "component")) {
            let call = if tag.ends_with("-%}") {
                format!("{{{{ {TICK}() -}}}}")
            } else {
                format!("{{{{ {TICK}() }}}}")
            };
            out.inserts.push(Insert {
                line,
                at: out.text[line_start..].chars().count(),
                len: call.len(),
                tag: tag_col,
            });
            out.text.push_str(&call);
        }
        rest = &from[len..];
    }
    push(&mut out, rest, &mut line, &mut line_start);
    Ok(out)
}

impl Instrumented {
    /// The 0-based column in the template as written of `col` on `line` of the
    /// instrumented text: an inserted call is placed at its tag.
    pub fn original_col(&self, line: usize, col: usize) -> usize {
        let mut shift = 0;
        for insert in self.inserts.iter().filter(|i| i.line == line) {
            if col >= insert.at + insert.len {
                shift += insert.len;
            } else if col >= insert.at {
                return insert.tag;
            }
        }
        col - shift
    }
}

/// The length of the tag at the start of `from` through `close`, skipping quoted text.
fn tag_len(from: &str, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut chars = from.char_indices().skip(2);
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == '\\' && q != '`' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') && close != "#}" => quote = Some(c),
            None if from[i..].starts_with(close) => return Some(i + close.len()),
            None => {}
        }
    }
    None
}

/// The words (identifiers) of a tag's inside outside quoted text, with their byte offsets.
fn words(inside: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut quote: Option<char> = None;
    let mut start: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in inside.char_indices().chain([(inside.len(), ' ')]) {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        let word_char = c.is_alphanumeric() || c == '_';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                found.push((s, &inside[s..i]));
                start = None;
            }
            _ => {}
        }
        if matches!(c, '"' | '\'' | '`') {
            quote = Some(c);
        }
    }
    found
}

/// The first block tag (`{% if %}`, `{% for %}`, ...) of `text` that is not closed where its
/// enclosing block ends, with its keyword, its 1-based line and column, and the line of the tag
/// that ended the enclosing block (or of the end of the text). Tera reports such a mistake as an
/// unknown tag where the enclosing block ends, often many lines later.
pub fn unclosed_block(text: &str) -> Option<(String, usize, usize, usize)> {
    const BLOCKS: [&str; 6] = ["if", "for", "block", "component", "filter", "with"];
    let position = |offset: usize| {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        (line, col)
    };
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut offset = 0;
    while let Some(i) = text[offset..].find("{%") {
        let at = offset + i;
        let len = tag_len(&text[at..], "%}")?;
        let inside = &text[at + 2..at + len - 2];
        let keyword = words(inside).first().map_or("", |w| w.1);
        offset = at + len;
        if keyword == "raw" {
            offset = at + raw_end(&text[at..])?;
        } else if BLOCKS.contains(&keyword) {
            open.push((keyword, at));
        } else if let Some(ended) = keyword.strip_prefix("end").filter(|e| BLOCKS.contains(e)) {
            match open.pop() {
                Some((k, _)) if k == ended => {}
                Some((k, from)) => {
                    let (line, col) = position(from);
                    return Some((k.to_owned(), line, col, position(at).0));
                }
                None => return None,
            }
        }
    }
    let (k, from) = open.pop()?;
    let (line, col) = position(from);
    Some((k.to_owned(), line, col, position(text.len()).0))
}

/// Where the `{% endraw %}` closing a raw block at the start of `from` ends.
fn raw_end(from: &str) -> Option<usize> {
    let mut offset = 0;
    while let Some(i) = from[offset..].find("{%") {
        let at = offset + i;
        let len = tag_len(&from[at..], "%}")?;
        let inside =
            from[at + 2..at + len - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inside == "endraw" {
            return Some(at + len);
        }
        offset = at + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page, or the error's debug text (which holds the whole chain of causes).
    fn render(template: &str) -> Result<String, tera::Error> {
        let mut tera = Tera::new();
        register(&mut tera);
        let text = instrument(template)
            .map_err(|c| tera::Error::message(format!("{c:?}")))?
            .text;
        tera.add_raw_template("t", &text)?;
        Budget::start().page(|| tera.render("t", &tera::Context::new()))
    }

    #[test]
    fn instrumentation_changes_no_output() {
        let template = "<ul>\n{% for i in [1, 2] %}<li>{{ i }}</li>{% endfor %}\n{%- for i in [3] -%}\n  {{ i }}\n{%- endfor %}\n{% raw %}{% for x in y %}{% endraw %}{# {% for %} #}</ul>";
        let instrumented = instrument(template).unwrap();
        assert_eq!(instrumented.inserts.len(), 2);
        let mut plain = Tera::new();
        plain.add_raw_template("t", template).unwrap();
        let expected = plain.render("t", &tera::Context::new()).unwrap();
        assert_eq!(render(template).unwrap(), expected);
    }

    #[test]
    fn nested_loops_stop_at_the_budget() {
        let started = Instant::now();
        let err = render("{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}").unwrap_err();
        let chain = format!("{err:?}");
        assert!(chain.contains("render budget exceeded"), "{chain}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn comprehensions_are_found_and_strings_are_not_code() {
        assert_eq!(
            instrument("a\n  {{ [x for x in y] }}"),
            Err(Comprehension { line: 2, col: 8 })
        );
        assert!(instrument("{% for x in y %}{{ \"for\" }}{% endfor %}").is_ok());
        assert_eq!(
            instrument("{% for x in [a for a in b] %}{% endfor %}"),
            Err(Comprehension { line: 1, col: 15 })
        );
    }

    #[test]
    fn columns_map_back_to_the_template_as_written() {
        let instrumented = instrument("{% for i in x %}{{ nope }}").unwrap();
        let insert = instrumented.inserts[0];
        assert_eq!(instrumented.original_col(1, insert.at + 3), 0);
        assert_eq!(instrumented.original_col(1, insert.at + insert.len + 3), 19);
    }
}
