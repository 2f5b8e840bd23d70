//! Business days, for the customer's opt-out window and the partner's answer deadline.
//!
//! How a window of *n* business days closes:
//!
//! - Days are counted in the calendar's time zone. The day the window starts never counts,
//!   whether or not it is a business day; counting begins with the next day.
//! - A business day is a day that is neither a weekend day nor a public holiday of the
//!   calendar.
//! - The window closes at the end of the *n*-th business day: the moment the following
//!   day begins there (local midnight). If the clocks skip midnight that night, it closes
//!   at the first moment of the following day that exists; if midnight happens twice, at
//!   the first.
//!
//! For example, with Saturday and Sunday as the weekend and no holidays, a 5-business-day
//! window opened on a Friday afternoon closes at midnight at the end of the next Friday.

use super::errors::Message;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;
use std::collections::BTreeSet;

/// How far ahead (in calendar days) a search for business days looks before giving up, so a
/// calendar full of holidays yields an error instead of an endless loop.
pub const MAX_SEARCH_DAYS: u32 = 3660;

/// Why a date could not be worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("every day of the week is a weekend day")]
    NoWorkingWeekdays,
    #[error("no business day within the search limit")]
    SearchLimitReached { days: u32 },
    #[error("date out of range")]
    OutOfRange,
}

impl Message for CalendarError {
    fn key(&self) -> &'static str {
        match self {
            CalendarError::NoWorkingWeekdays => "calendar.no_working_weekdays",
            CalendarError::SearchLimitReached { .. } => "calendar.search_limit_reached",
            CalendarError::OutOfRange => "calendar.out_of_range",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            CalendarError::SearchLimitReached { days } => vec![("days", days.to_string())],
            _ => Vec::new(),
        }
    }
}

/// Weekend days, public holidays and the time zone they are counted in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessCalendar {
    tz: Tz,
    /// Bit `n` set: the weekday `n` days from Monday is a weekend day.
    weekend_mask: u8,
    holidays: BTreeSet<NaiveDate>,
}

/// When a window closes, for showing to people in the calendar's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingTime {
    /// The last day the window is open (the closing instant is the end of this day).
    pub last_day: NaiveDate,
    /// The closing instant in the calendar's zone (usually 00:00 on the day after).
    pub local: DateTime<Tz>,
    /// The zone's IANA name, such as `Europe/Berlin`.
    pub time_zone: &'static str,
}

fn weekday_bit(day: Weekday) -> u8 {
    1u8 << day.num_days_from_monday()
}

impl BusinessCalendar {
    /// A calendar; refuses a weekend covering all seven days (no day could ever count).
    pub fn new(
        tz: Tz,
        weekend: impl IntoIterator<Item = Weekday>,
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, CalendarError> {
        let weekend_mask = weekend
            .into_iter()
            .fold(0u8, |mask, day| mask | weekday_bit(day));
        if weekend_mask == 0b0111_1111 {
            return Err(CalendarError::NoWorkingWeekdays);
        }
        Ok(Self {
            tz,
            weekend_mask,
            holidays: holidays.into_iter().collect(),
        })
    }

    /// The usual calendar: Saturday and Sunday off, plus the given holidays.
    pub fn with_saturday_sunday_weekend(
        tz: Tz,
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        Self {
            tz,
            weekend_mask: weekday_bit(Weekday::Sat) | weekday_bit(Weekday::Sun),
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// The weekend days, Monday first.
    pub fn weekend(&self) -> Vec<Weekday> {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]
        .into_iter()
        .filter(|day| self.is_weekend(*day))
        .collect()
    }

    pub fn holidays(&self) -> &BTreeSet<NaiveDate> {
        &self.holidays
    }

    pub fn is_weekend(&self, day: Weekday) -> bool {
        self.weekend_mask & weekday_bit(day) != 0
    }

    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        !self.is_weekend(date.weekday()) && !self.holidays.contains(&date)
    }

    /// The local date of an instant in the calendar's zone.
    pub fn local_date(&self, instant: DateTime<Utc>) -> Result<NaiveDate, CalendarError> {
        self.local_time(instant).map(|local| local.date())
    }

    /// The local wall-clock time of an instant; an error at the ends of time, where chrono's
    /// own conversion would panic.
    fn local_time(&self, instant: DateTime<Utc>) -> Result<NaiveDateTime, CalendarError> {
        let utc = instant.naive_utc();
        utc.checked_add_offset(self.tz.offset_from_utc_datetime(&utc).fix())
            .ok_or(CalendarError::OutOfRange)
    }

    /// The last day of a window of `n` business days opened at `start` (see the module
    /// doc); `n = 0` gives the start's own local day.
    pub fn closing_day(&self, start: DateTime<Utc>, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut date = self.local_date(start)?;
        let mut counted = 0;
        if n == 0 {
            return Ok(date);
        }
        for _ in 0..MAX_SEARCH_DAYS {
            date = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
            if self.is_business_day(date) {
                counted += 1;
                if counted == n {
                    return Ok(date);
                }
            }
        }
        Err(CalendarError::SearchLimitReached {
            days: MAX_SEARCH_DAYS,
        })
    }

    /// The instant a window of `n` business days opened at `start` closes: the end of
    /// [`Self::closing_day`].
    pub fn add_business_days(
        &self,
        start: DateTime<Utc>,
        n: u32,
    ) -> Result<DateTime<Utc>, CalendarError> {
        self.end_of_day(self.closing_day(start, n)?)
    }

    /// The end of a local day: the first instant of the next local day.
    pub fn end_of_day(&self, date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
        self.start_of_day(date.succ_opt().ok_or(CalendarError::OutOfRange)?)
    }

    /// The first instant of a local day: local midnight, the earlier one if midnight happens
    /// twice, or the moment the clocks jump to if midnight is skipped.
    pub fn start_of_day(&self, date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
        let midnight = date.and_time(chrono::NaiveTime::MIN);
        match self.tz.from_local_datetime(&midnight) {
            LocalResult::Single(instant) => Ok(instant.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, second) => Ok(first.min(second).with_timezone(&Utc)),
            LocalResult::None => self.first_instant_at_or_after(midnight),
        }
    }

    /// Binary search (in whole seconds, as zone transitions are) for the first instant whose
    /// local time is at or after `local`. UTC offsets lie within ±16 hours, so the answer is
    /// within that distance of `local` read as UTC, and local time only moves forward there.
    fn first_instant_at_or_after(
        &self,
        local: NaiveDateTime,
    ) -> Result<DateTime<Utc>, CalendarError> {
        const REACH_SECONDS: i64 = 16 * 3600;
        let centre = local.and_utc().timestamp();
        let is_at_or_after = |seconds: i64| {
            DateTime::from_timestamp(seconds, 0)
                .and_then(|instant| self.local_time(instant).ok())
                .is_some_and(|time| time >= local)
        };
        let (mut before, mut after) = (centre - REACH_SECONDS, centre + REACH_SECONDS);
        while after - before > 1 {
            let middle = before + (after - before) / 2;
            if is_at_or_after(middle) {
                after = middle;
            } else {
                before = middle;
            }
        }
        DateTime::from_timestamp(after, 0).ok_or(CalendarError::OutOfRange)
    }

    /// Up to `count` business days from `from` (included when it is one), for previewing a
    /// calendar; fewer when none are found within [`MAX_SEARCH_DAYS`].
    pub fn next_business_days(&self, from: NaiveDate, count: usize) -> Vec<NaiveDate> {
        let mut days = Vec::new();
        let mut date = Some(from);
        for _ in 0..MAX_SEARCH_DAYS {
            let Some(current) = date else { break };
            if days.len() >= count {
                break;
            }
            if self.is_business_day(current) {
                days.push(current);
            }
            date = current.succ_opt();
        }
        days
    }

    /// How many business days have passed since `start`: those after its local date, up to
    /// and including the local date of `now` (0 on the same day, or when `now` is earlier).
    pub fn business_days_since(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
        let (Ok(mut date), Ok(end)) = (self.local_date(start), self.local_date(now)) else {
            return 0;
        };
        let mut count = 0;
        for _ in 0..MAX_SEARCH_DAYS {
            if date >= end {
                break;
            }
            let Some(next) = date.succ_opt() else { break };
            date = next;
            if self.is_business_day(date) {
                count += 1;
            }
        }
        count
    }

    /// How to show a closing instant: the last open day and the local time it ends.
    pub fn describe_closing(&self, closes_at: DateTime<Utc>) -> Result<ClosingTime, CalendarError> {
        let just_before = closes_at
            .checked_sub_signed(Duration::seconds(1))
            .ok_or(CalendarError::OutOfRange)?;
        self.local_time(closes_at)?;
        Ok(ClosingTime {
            last_day: self.local_date(just_before)?,
            local: closes_at.with_timezone(&self.tz),
            time_zone: self.tz.name(),
        })
    }
}
