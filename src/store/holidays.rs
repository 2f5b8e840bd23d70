//! The business calendar's data: the weekend days and the public holidays.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::domain::holidays::Day;

use super::{
    AnyConnection,
    schema::{calendar_settings, holidays},
};

/// The weekend's days (stored as codes, e.g. `sat,sun`). An unknown code is a read error,
/// never a working day.
pub fn weekend(conn: &mut AnyConnection) -> QueryResult<Vec<Day>> {
    let stored: Option<String> = calendar_settings::table
        .find(1)
        .select(calendar_settings::weekend_days)
        .first(conn)
        .optional()?;
    stored
        .unwrap_or_default()
        .split(',')
        .filter(|d| !d.is_empty())
        .map(|code| {
            Day::try_from(code.to_owned())
                .map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))
        })
        .collect()
}

pub fn set_weekend(conn: &mut AnyConnection, codes: &[&str]) -> QueryResult<()> {
    diesel::update(calendar_settings::table.find(1))
        .set(calendar_settings::weekend_days.eq(codes.join(",")))
        .execute(conn)
        .map(drop)
}

/// Every holiday, by date (a calendar holds a few dozen a year).
pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<(NaiveDate, String)>> {
    holidays::table
        .order(holidays::day)
        .select((holidays::day, holidays::name))
        .load(conn)
}

/// The holidays of one year, by date.
pub fn of_year(conn: &mut AnyConnection, year: i32) -> QueryResult<Vec<(NaiveDate, String)>> {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Ok(Vec::new());
    };
    holidays::table
        .filter(holidays::day.between(first, last))
        .order(holidays::day)
        .select((holidays::day, holidays::name))
        .load(conn)
}

/// Adds a holiday or renames the one on that day.
pub fn put(conn: &mut AnyConnection, day: NaiveDate, name: &str) -> QueryResult<()> {
    let renamed = diesel::update(holidays::table.find(day))
        .set(holidays::name.eq(name))
        .execute(conn)?;
    if renamed == 0 {
        diesel::insert_into(holidays::table)
            .values((holidays::day.eq(day), holidays::name.eq(name)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn remove(conn: &mut AnyConnection, day: NaiveDate) -> QueryResult<bool> {
    Ok(diesel::delete(holidays::table.find(day)).execute(conn)? == 1)
}
