//! The holiday calendar as administrators edit it: the weekend days, and public holidays
//! added one by one or imported as a list (`YYYY-MM-DD name` per line).

use chrono::{NaiveDate, Weekday};

use super::errors::{Message, code_enum};
use super::values::{has_hidden_characters, looks_blank};

/// Longest holiday name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Most lines one import may have: a few years of holidays fit many times over, and the
/// list stays within the 64 KB form limit.
pub const MAX_IMPORT_LINES: usize = 1000;

code_enum! {
    /// A day of the week as forms and the database spell it.
    pub enum Day: "weekday" {
        Mon => "mon",
        Tue => "tue",
        Wed => "wed",
        Thu => "thu",
        Fri => "fri",
        Sat => "sat",
        Sun => "sun",
    }
}

impl Day {
    pub fn weekday(self) -> Weekday {
        match self {
            Day::Mon => Weekday::Mon,
            Day::Tue => Weekday::Tue,
            Day::Wed => Weekday::Wed,
            Day::Thu => Weekday::Thu,
            Day::Fri => Weekday::Fri,
            Day::Sat => Weekday::Sat,
            Day::Sun => Weekday::Sun,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayError {
    #[error("no date")]
    DateRequired,
    #[error("not a date in the form YYYY-MM-DD")]
    DateInvalid,
    #[error("no name")]
    NameRequired,
    #[error("name longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("name with hidden characters")]
    NameHiddenCharacters,
    #[error("the date is listed twice")]
    Duplicate,
    #[error("more than {max} lines")]
    TooManyLines { max: usize },
    #[error("nothing to import")]
    NothingToImport,
    #[error("every day would be a weekend day")]
    NoWorkingDays,
    #[error("not a day of the week")]
    UnknownDay,
}

impl Message for HolidayError {
    fn key(&self) -> &'static str {
        match self {
            HolidayError::DateRequired => "holidays.date_required",
            HolidayError::DateInvalid => "holidays.date_invalid",
            HolidayError::NameRequired => "holidays.name_required",
            HolidayError::NameTooLong { .. } => "holidays.name_too_long",
            HolidayError::NameHiddenCharacters => "value.text.control_characters",
            HolidayError::Duplicate => "holidays.duplicate",
            HolidayError::TooManyLines { .. } => "holidays.too_many_lines",
            HolidayError::NothingToImport => "holidays.nothing_to_import",
            HolidayError::NoWorkingDays => "holidays.no_working_days",
            HolidayError::UnknownDay => "holidays.unknown_day",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            HolidayError::NameTooLong { max } | HolidayError::TooManyLines { max } => {
                vec![("max", max.to_string())]
            }
            _ => Vec::new(),
        }
    }
}

/// A date as `YYYY-MM-DD`.
pub fn parse_day(raw: &str) -> Result<NaiveDate, HolidayError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(HolidayError::DateRequired);
    }
    if raw.len() != 10 {
        return Err(HolidayError::DateInvalid);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| HolidayError::DateInvalid)
}

/// A holiday's name: trimmed, not empty, at most [`MAX_NAME_CHARS`]; control characters
/// (an imported list's tabs) become spaces, while text-direction overrides and other hidden
/// characters are refused.
pub fn parse_name(raw: &str) -> Result<String, HolidayError> {
    let cleaned: String = raw
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if looks_blank(&cleaned) {
        return Err(HolidayError::NameRequired);
    }
    if has_hidden_characters(&cleaned) {
        return Err(HolidayError::NameHiddenCharacters);
    }
    if cleaned.chars().count() > MAX_NAME_CHARS {
        return Err(HolidayError::NameTooLong {
            max: MAX_NAME_CHARS,
        });
    }
    Ok(cleaned)
}

/// One problem of an imported list, on its line (counted from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub error: HolidayError,
}

/// Parses an imported list: `YYYY-MM-DD name` per line (a comma, semicolon or tab may
/// separate them); blank lines and lines starting with `#` are skipped. Every bad line is
/// reported; nothing is returned unless all are good.
pub fn parse_list(text: &str) -> Result<Vec<Holiday>, Vec<LineError>> {
    let mut holidays: Vec<Holiday> = Vec::new();
    let mut errors = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() > MAX_IMPORT_LINES {
        return Err(vec![LineError {
            line: MAX_IMPORT_LINES + 1,
            error: HolidayError::TooManyLines {
                max: MAX_IMPORT_LINES,
            },
        }]);
    }
    for (index, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (date, name) = line
            .split_once(|c: char| c.is_whitespace() || matches!(c, ',' | ';'))
            .unwrap_or((line, ""));
        let name = name.trim_start_matches([',', ';', ' ', '\t']);
        let parsed = parse_day(date).and_then(|day| Ok((day, parse_name(name)?)));
        match parsed {
            Ok((day, _)) if holidays.iter().any(|h| h.day == day) => errors.push(LineError {
                line: index + 1,
                error: HolidayError::Duplicate,
            }),
            Ok((day, name)) => holidays.push(Holiday { day, name }),
            Err(error) => errors.push(LineError {
                line: index + 1,
                error,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if holidays.is_empty() {
        return Err(vec![LineError {
            line: 1,
            error: HolidayError::NothingToImport,
        }]);
    }
    Ok(holidays)
}

/// The weekend from the chosen day codes; at least one working day must remain.
pub fn parse_weekend(codes: &[String]) -> Result<Vec<Day>, HolidayError> {
    let mut days = Vec::new();
    for code in codes {
        let day = Day::parse(code).ok_or(HolidayError::UnknownDay)?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    if days.len() == Day::ALL.len() {
        return Err(HolidayError::NoWorkingDays);
    }
    days.sort();
    Ok(days)
}
