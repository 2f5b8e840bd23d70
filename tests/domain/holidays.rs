//! The holiday calendar's inputs: dates, names, imported lists and the weekend.

use crate::support::date;
use portal::domain::holidays::{
    Day, HolidayError, LineError, MAX_IMPORT_LINES, parse_day, parse_list, parse_name,
    parse_weekend,
};

#[test]
fn a_list_imports_only_when_every_line_is_good_and_names_each_bad_line() {
    let good =
        "# Germany 2026\n2026-12-25 Christmas Day\n2026-12-26, Boxing Day\n\n2027-01-01;New Year\n";
    let holidays = parse_list(good).unwrap();
    assert_eq!(
        holidays
            .iter()
            .map(|h| (h.day, h.name.as_str()))
            .collect::<Vec<_>>(),
        [
            (date(2026, 12, 25), "Christmas Day"),
            (date(2026, 12, 26), "Boxing Day"),
            (date(2027, 1, 1), "New Year"),
        ]
    );
    let bad =
        "2026-12-25 Christmas\n25.12.2026 Christmas\n2026-12-26\n2026-12-25 Again\n2026-02-30 Nope";
    assert_eq!(
        parse_list(bad).unwrap_err(),
        [
            LineError {
                line: 2,
                error: HolidayError::DateInvalid
            },
            LineError {
                line: 3,
                error: HolidayError::NameRequired
            },
            LineError {
                line: 4,
                error: HolidayError::Duplicate
            },
            LineError {
                line: 5,
                error: HolidayError::DateInvalid
            },
        ]
    );
    assert_eq!(
        parse_list("# only a comment\n").unwrap_err()[0].error,
        HolidayError::NothingToImport
    );
    let huge = "2026-01-01 x\n".repeat(MAX_IMPORT_LINES + 1);
    assert_eq!(
        parse_list(&huge).unwrap_err()[0].error,
        HolidayError::TooManyLines {
            max: MAX_IMPORT_LINES
        }
    );
}

#[test]
fn dates_and_names_are_checked() {
    assert_eq!(parse_day(" 2026-05-01 "), Ok(date(2026, 5, 1)));
    assert_eq!(parse_day(""), Err(HolidayError::DateRequired));
    assert_eq!(parse_day("2026-5-1"), Err(HolidayError::DateInvalid));
    assert_eq!(parse_name("  Labour\tDay "), Ok("Labour Day".to_owned()));
    assert_eq!(parse_name(" "), Err(HolidayError::NameRequired));
    assert!(matches!(
        parse_name(&"x".repeat(101)),
        Err(HolidayError::NameTooLong { .. })
    ));
}

#[test]
fn the_weekend_keeps_at_least_one_working_day() {
    let codes = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        parse_weekend(&codes(&["sun", "fri", "sun"])),
        Ok(vec![Day::Fri, Day::Sun])
    );
    assert_eq!(parse_weekend(&codes(&[])), Ok(vec![]));
    assert_eq!(
        parse_weekend(&codes(&["mon", "tue", "wed", "thu", "fri", "sat", "sun"])),
        Err(HolidayError::NoWorkingDays)
    );
    assert_eq!(
        parse_weekend(&codes(&["funday"])),
        Err(HolidayError::UnknownDay)
    );
}
