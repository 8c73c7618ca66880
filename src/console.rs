//! Printing to the terminal without panicking: `httpref check | head` closes the pipe early, and
//! a closed pipe or terminal is the reader's choice, not an error worth a crash.

use std::io::{self, Write};

/// Writes to standard output. A failed write (a closed pipe) is dropped: whoever closed it no
/// longer wants the output, and the command still ends with the exit status of its result.
pub fn out(text: std::fmt::Arguments<'_>) {
    let _ = io::stdout().lock().write_fmt(text);
}

/// Writes to standard error, likewise: there is nowhere left to report its failure.
pub fn err(text: std::fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_fmt(text);
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
