//! Printing to the terminal without panicking: `httpref check | head` closes the pipe early, and
//! a closed pipe or terminal is the reader's choice, not an error worth a crash. Everything
//! printed passes through here, and control characters in it (from a file name, say) are shown
//! as escapes rather than obeyed by the terminal.

use std::io::{self, Write};

use crate::printable;

/// Writes to standard output. A failed write (a closed pipe) is dropped: whoever closed it no
/// longer wants the output, and the command still ends with the exit status of its result.
pub fn out(text: std::fmt::Arguments<'_>) {
    let text = text.to_string();
    let _ = io::stdout()
        .lock()
        .write_all(printable::lines(&text).as_bytes());
}

/// Writes to standard error, likewise: there is nowhere left to report its failure.
pub fn err(text: std::fmt::Arguments<'_>) {
    let text = text.to_string();
    let _ = io::stderr()
        .lock()
        .write_all(printable::lines(&text).as_bytes());
}

/// `println!` that never panics on a closed standard output.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::console::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` that never panics on a closed standard output.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::console::out(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics on a closed standard error.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::console::err(format_args!("{}\n", format_args!($($arg)*))) };
}
