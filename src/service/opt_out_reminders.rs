//! The customer's reminder, `PORTAL_OPT_OUT_REMINDER_DAYS` business days before their opt-out
//! window closes (0: none): once per window, in the customer's language, with a fresh link
//! and the page that explains customer associations. The reminder's row and its email are
//! one transaction, and the row's key lets only one instance write them.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{claim::Status, reminders::reminder_due},
    mail::compose,
    store::{AnyConnection, DbPool, db_time, from_db_time, opt_out_reminders, write_transaction},
};

use super::{claim_view, context::Context, customer_links, notify};

const BATCH: i64 = 200;
/// Windows closing further ahead than this are not looked at (a window is 5 business days).
const LOOK_AHEAD_DAYS: i64 = 60;

/// Another instance reminded the customer a moment ago.
#[derive(Debug, thiserror::Error)]
#[error("the reminder was sent already")]
struct AlreadySent;

/// Writes the reminders that are due; returns how many.
pub fn run_once(pool: &DbPool, ctx: &Context, now: DateTime<Utc>) -> anyhow::Result<usize> {
    if ctx.opt_out_reminder_days == 0 {
        return Ok(0);
    }
    let mut conn = pool.get()?;
    let calendar = ctx.calendar(&mut conn)?;
    let mut sent = 0;
    loop {
        let batch = opt_out_reminders::candidates(
            &mut conn,
            Status::PendingCustomer.as_str(),
            db_time(now),
            db_time(now + Duration::days(LOOK_AHEAD_DAYS)),
            BATCH,
        )?;
        // Soonest windows first: the first one not due yet ends the pass.
        let (mut looked_at, mut handled) = (0, 0);
        for (claim_id, closes) in &batch {
            let closes = from_db_time(*closes);
            looked_at += 1;
            match reminder_due(&calendar, closes, ctx.opt_out_reminder_days) {
                Some(at) if now < at => {
                    looked_at -= 1;
                    break;
                }
                // A window the calendar cannot place is passed over, not a stop for the rest.
                None => continue,
                Some(_) => {}
            }
            match remind(&mut conn, ctx, &calendar, claim_id, closes, now)? {
                Reminded::Sent => {
                    sent += 1;
                    handled += 1;
                }
                Reminded::Recorded => handled += 1,
                Reminded::Nothing => {}
            }
        }
        // A full batch that changed nothing would come back the same: stop there.
        if looked_at < batch.len() || batch.len() < BATCH as usize || handled == 0 {
            return Ok(sent);
        }
    }
}

/// What became of one claim's reminder.
enum Reminded {
    Sent,
    /// Nothing can be sent for this window (no contact address): recorded as done, so it is
    /// not looked at again.
    Recorded,
    /// The claim moved on, or another instance reminded the customer meanwhile.
    Nothing,
}

/// One claim's reminder, in its own transaction.
fn remind(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &crate::domain::calendar::BusinessCalendar,
    claim_id: &str,
    closes: DateTime<Utc>,
    now: DateTime<Utc>,
) -> anyhow::Result<Reminded> {
    let written = write_transaction(conn, |c| -> anyhow::Result<Reminded> {
        let Some(details) = claim_view::load_unchecked(c, claim_id, now)? else {
            return Ok(Reminded::Nothing);
        };
        let still_open = details.status == Status::PendingCustomer
            && details.row.window_closes_at == Some(closes);
        if !still_open {
            return Ok(Reminded::Nothing);
        }
        if !opt_out_reminders::record(c, claim_id, db_time(closes), db_time(now))? {
            return Err(AlreadySent.into());
        }
        let Some(to) = details.row.customer_contact_email.clone() else {
            return Ok(Reminded::Recorded);
        };
        let token = customer_links::issue(c, ctx, claim_id, Some(&to), closes, now)?;
        let notice = notify::customer_notice(c, ctx, calendar, &details, closes, &token)?;
        let mail = compose::customer_reminder(notify::catalogue_of(&details.row), &to, &notice)?;
        notify::enqueue(c, ctx, Some(claim_id), &[mail], now)?;
        Ok(Reminded::Sent)
    });
    match written {
        Ok(reminded) => {
            if matches!(reminded, Reminded::Sent) {
                tracing::info!(claim_id, "customer reminded of the opt-out window");
            }
            Ok(reminded)
        }
        Err(e) if e.is::<AlreadySent>() => Ok(Reminded::Nothing),
        Err(e) => Err(e),
    }
}
