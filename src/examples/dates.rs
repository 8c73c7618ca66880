//! HTTP-dates in examples: each a real date whose weekday is the day it falls on.
//!
//! Found are the preferred IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the two obsolete
//! forms (`Sunday, 06-Nov-94 08:49:37 GMT`, `Sun Nov  6 08:49:37 1994`), RFC 9110 §5.6.7. A
//! weekday name followed by something shaped like one of them is checked: the date must exist,
//! the time be a time of day, and the weekday match the date.

use jiff::civil::{Date, Weekday};

use super::Problem;

const DAYS: [(&str, &str, Weekday); 7] = [
    ("Mon", "Monday", Weekday::Monday),
    ("Tue", "Tuesday", Weekday::Tuesday),
    ("Wed", "Wednesday", Weekday::Wednesday),
    ("Thu", "Thursday", Weekday::Thursday),
    ("Fri", "Friday", Weekday::Friday),
    ("Sat", "Saturday", Weekday::Saturday),
    ("Sun", "Sunday", Weekday::Sunday),
];

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Which of the three forms a date is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Fixdate,
    Rfc850,
    Asctime,
}

/// A date as written: where it starts, its text, and its parts.
struct Written<'a> {
    offset: usize,
    text: &'a str,
    form: Form,
    weekday: Weekday,
    day: &'a str,
    month: &'a str,
    year: &'a str,
    time: &'a str,
}

/// Every problem with the HTTP-dates in `text`, each at the date's first byte.
pub fn check(text: &str) -> Vec<Problem> {
    candidates(text)
        .into_iter()
        .filter_map(|w| problem(&w))
        .collect()
}

/// Weekday names at a word start, followed by the rest of one of the three forms.
fn candidates(text: &str) -> Vec<Written<'_>> {
    let mut out = Vec::new();
    for (at, _) in text.char_indices() {
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let rest = &text[at..];
        for (short, long, weekday) in DAYS {
            // The longest text first: `Sunday, 06-Nov-94` before `Sun, 06 Nov`.
            if let Some(after) = rest.strip_prefix(long).and_then(|r| r.strip_prefix(", "))
                && let Some(w) = rfc850(text, at, after, weekday)
            {
                out.push(w);
            } else if let Some(after) = rest.strip_prefix(short).and_then(|r| r.strip_prefix(", "))
                && let Some(w) = fixdate(text, at, after, weekday)
            {
                out.push(w);
            } else if let Some(after) = rest.strip_prefix(short).and_then(|r| r.strip_prefix(' '))
                && let Some(w) = asctime(text, at, after, weekday)
            {
                out.push(w);
            }
        }
    }
    out
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

fn month_like(s: &str) -> bool {
    s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic())
}

fn time_like(s: &str) -> bool {
    s.split(':').count() == 3 && s.split(':').all(digits)
}

/// `06 Nov 1994 08:49:37 GMT` after `Sun, `.
fn fixdate<'a>(text: &'a str, at: usize, after: &'a str, weekday: Weekday) -> Option<Written<'a>> {
    let mut words = after.splitn(5, ' ');
    let (day, month, year, time) = (words.next()?, words.next()?, words.next()?, words.next()?);
    let zone = words.next()?.get(..3)?;
    let start = after.as_ptr() as usize - text.as_ptr() as usize;
    (digits(day) && month_like(month) && digits(year) && time_like(time) && zone == "GMT").then(
        || Written {
            offset: at,
            text: &text[at..start + day.len() + month.len() + year.len() + time.len() + 7],
            form: Form::Fixdate,
            weekday,
            day,
            month,
            year,
            time,
        },
    )
}

/// `06-Nov-94 08:49:37 GMT` after `Sunday, `.
fn rfc850<'a>(text: &'a str, at: usize, after: &'a str, weekday: Weekday) -> Option<Written<'a>> {
    let mut words = after.splitn(3, ' ');
    let (date, time) = (words.next()?, words.next()?);
    let zone = words.next()?.get(..3)?;
    let mut parts = date.split('-');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let start = after.as_ptr() as usize - text.as_ptr() as usize;
    (digits(day) && month_like(month) && digits(year) && time_like(time) && zone == "GMT").then(
        || Written {
            offset: at,
            text: &text[at..start + date.len() + 1 + time.len() + 4],
            form: Form::Rfc850,
            weekday,
            day,
            month,
            year,
            time,
        },
    )
}

/// `Nov  6 08:49:37 1994` after `Sun `.
fn asctime<'a>(text: &'a str, at: usize, after: &'a str, weekday: Weekday) -> Option<Written<'a>> {
    let month = after.get(..3)?;
    let rest = after.get(3..)?.strip_prefix(' ')?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let mut words = rest.splitn(3, ' ');
    let (day, time) = (words.next()?, words.next()?);
    let year = words.next()?.get(..4)?;
    let start = rest.as_ptr() as usize - text.as_ptr() as usize;
    (month_like(month) && digits(day) && time_like(time) && digits(year)).then(|| Written {
        offset: at,
        text: &text[at..start + day.len() + 1 + time.len() + 1 + 4],
        form: Form::Asctime,
        weekday,
        day,
        month,
        year,
        time,
    })
}

fn name(weekday: Weekday, long: bool) -> &'static str {
    DAYS.iter()
        .find(|d| d.2 == weekday)
        .map_or("", |d| if long { d.1 } else { d.0 })
}

/// The date as written, corrected to `weekday`.
fn corrected(w: &Written<'_>, weekday: Weekday) -> String {
    let long = w.form == Form::Rfc850;
    format!(
        "{}{}",
        name(weekday, long),
        &w.text[name(w.weekday, long).len()..]
    )
}

fn problem(w: &Written<'_>) -> Option<Problem> {
    let not_a_date = |why: String| Problem {
        offset: w.offset,
        message: format!("`{}` is not a date: {why}", w.text),
        expected: Some(
            "an HTTP-date, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7)".into(),
        ),
        hint: None,
    };
    let Some(month) = MONTHS.iter().position(|m| *m == w.month) else {
        return Some(not_a_date(format!(
            "`{}` is not a month (Jan, Feb, ... Dec, case-sensitive)",
            w.month
        )));
    };
    let year: i16 = match (w.form, w.year.parse::<i16>()) {
        (Form::Rfc850, Ok(y)) if w.year.len() == 2 => {
            if y >= 70 {
                1900 + y
            } else {
                2000 + y
            }
        }
        (Form::Rfc850, _) => {
            return Some(not_a_date("the year has two digits in this form".into()));
        }
        (_, Ok(y)) if w.year.len() == 4 => y,
        _ => return Some(not_a_date("the year has four digits".into())),
    };
    if w.form != Form::Asctime && w.day.len() != 2 {
        return Some(not_a_date("the day of the month has two digits".into()));
    }
    let day: i8 = w.day.parse().unwrap_or(0);
    let month = month as i8 + 1;
    let Ok(date) = Date::new(year, month, day) else {
        let days = Date::new(year, month, 1).map_or(31, |d| d.days_in_month());
        return Some(not_a_date(format!("{} {year} has {days} days", w.month)));
    };
    let hms: Vec<u8> = w.time.split(':').map(|p| p.parse().unwrap_or(99)).collect();
    if w.time.len() != 8 || hms[0] > 23 || hms[1] > 59 || hms[2] > 60 {
        return Some(not_a_date(format!(
            "`{}` is not a time of day (HH:MM:SS)",
            w.time
        )));
    }
    let actual = date.weekday();
    (actual != w.weekday).then(|| Problem {
        offset: w.offset,
        message: format!(
            "`{}`: {} {} {year} is a {}, not a {}",
            w.text,
            day,
            w.month,
            name(actual, true),
            name(w.weekday, true)
        ),
        expected: Some("the weekday the date falls on".into()),
        hint: Some(format!("write `{}`", corrected(w, actual))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        check(text).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn right_dates_pass_in_all_three_forms() {
        for text in [
            "Date: Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Last-Modified: Sun, 15 Nov 2026 12:00:00 GMT\nExpires: Tue, 01 Dec 2026 00:00:00 GMT",
            "On Sunday, we rest. Sun, Moon.",
        ] {
            assert_eq!(messages(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn wrong_weekdays_are_found_with_the_right_one() {
        let found = check("Date: Tue, 15 Nov 2026 08:12:31 GMT\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].offset, 6);
        assert!(
            found[0].message.contains("is a Sunday, not a Tuesday"),
            "{:?}",
            found[0]
        );
        assert_eq!(
            found[0].hint.as_deref(),
            Some("write `Sun, 15 Nov 2026 08:12:31 GMT`")
        );
        let obsolete = check("Monday, 06-Nov-94 08:49:37 GMT");
        assert_eq!(
            obsolete[0].hint.as_deref(),
            Some("write `Sunday, 06-Nov-94 08:49:37 GMT`")
        );
        let asc = check("Mon Nov  6 08:49:37 1994");
        assert_eq!(
            asc[0].hint.as_deref(),
            Some("write `Sun Nov  6 08:49:37 1994`")
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert!(messages("Tue, 31 Feb 2026 08:00:00 GMT")[0].contains("Feb 2026 has 28 days"));
        assert!(messages("Tue, 03 Nox 2026 08:00:00 GMT")[0].contains("not a month"));
        assert!(messages("Tue, 03 Nov 2026 25:00:00 GMT")[0].contains("not a time"));
        assert!(messages("Tue, 3 Nov 2026 08:00:00 GMT")[0].contains("two digits"));
    }
}
