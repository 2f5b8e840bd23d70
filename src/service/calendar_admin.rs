//! `/admin/calendar`: the weekend, the public holidays, and a preview of the business days
//! as the opt-out rule counts them. Each change is recorded with who and when.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        holidays::{Day, Holiday},
    },
    store::{AnyConnection, admin_audit, db_time, holidays, write_transaction},
};

use super::context::Context;

/// How many business days the page previews.
pub const PREVIEW_DAYS: usize = 10;

pub struct CalendarView {
    pub time_zone: &'static str,
    pub weekend: Vec<Day>,
    pub year: i32,
    pub holidays: Vec<(NaiveDate, String)>,
    /// The next business days from today (in the calendar's zone), today included.
    pub next_business_days: Vec<NaiveDate>,
}

/// The calendar with the holidays of `year` (this year in the calendar's zone when none
/// or an implausible one is asked for). `None`: not an administrator.
pub fn view(
    conn: &mut AnyConnection,
    ctx: &Context,
    viewer: &Viewer,
    year: Option<i32>,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<CalendarView>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let year = year
        .filter(|y| (1900..=9999).contains(y))
        .unwrap_or_else(|| now.with_timezone(&ctx.time_zone).year());
    let calendar = ctx.calendar(conn)?;
    let today = calendar.local_date(now)?;
    Ok(Some(CalendarView {
        time_zone: ctx.time_zone.name(),
        weekend: holidays::weekend(conn)?,
        year,
        holidays: holidays::of_year(conn, year)?,
        next_business_days: calendar.next_business_days(today, PREVIEW_DAYS),
    }))
}

/// What an administrator did to the calendar.
pub enum Change {
    Weekend(Vec<Day>),
    Add(Holiday),
    Remove(NaiveDate),
    Import(Vec<Holiday>),
}

impl Change {
    /// The year of the holiday it is about, if it is about one.
    pub fn year(&self) -> Option<i32> {
        match self {
            Change::Add(holiday) => Some(holiday.day.year()),
            Change::Remove(day) => Some(day.year()),
            Change::Weekend(_) | Change::Import(_) => None,
        }
    }
}

/// Applies the change with its audit row, in one transaction. `None`: not an administrator;
/// `Some(false)`: nothing to remove.
pub fn apply(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    change: Change,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<bool>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let actor = Some(viewer.user.as_str());
    let at = db_time(now);
    let done = write_transaction(conn, |c| -> anyhow::Result<bool> {
        match &change {
            Change::Weekend(days) => {
                let codes: Vec<&str> = days.iter().map(|d| d.as_str()).collect();
                holidays::set_weekend(c, &codes)?;
                admin_audit::record(
                    c,
                    actor,
                    "calendar.weekend",
                    "calendar",
                    Some(&codes.join(",")),
                    at,
                )?;
            }
            Change::Add(holiday) => {
                holidays::put(c, holiday.day, &holiday.name)?;
                let day = holiday.day.to_string();
                admin_audit::record(c, actor, "holiday.added", &day, Some(&holiday.name), at)?;
            }
            Change::Remove(day) => {
                if !holidays::remove(c, *day)? {
                    return Ok(false);
                }
                admin_audit::record(c, actor, "holiday.removed", &day.to_string(), None, at)?;
            }
            Change::Import(list) => {
                for holiday in list {
                    holidays::put(c, holiday.day, &holiday.name)?;
                }
                let count = list.len().to_string();
                admin_audit::record(c, actor, "holidays.imported", "calendar", Some(&count), at)?;
            }
        }
        Ok(true)
    })?;
    Ok(Some(done))
}
