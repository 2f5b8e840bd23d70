//! A batch of due opt-out windows closed in one transaction with a dozen statements, whatever
//! its size: the batch's claims are locked (only those still pending), everything their
//! decisions and letters need is read in one query per kind, the domain decides each claim
//! in order (a claim made official holds its keys against the ones after it), and the
//! changes are written as multi-row statements: the claims' new statuses, one audit row and
//! the outbox and webhook rows of each change, the official associations.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        calendar::BusinessCalendar,
        claim::{self, Actor, DueWindow, Status, Transition},
        exclusivity::{self as rules, AssociationKey, SubscriptionTerm, claim_end},
    },
    mail::Composed,
    store::{
        AnyConnection, claim_page, db_time, new_id,
        officials::NewOfficial,
        users::UserRow,
        window_batch::{self, Closed},
        write_transaction,
    },
};

use super::{
    claim_view::{self, ClaimDetails},
    context::Context,
    exclusivity,
    lifecycle::system_audit_row,
    notify::{self, QueuedMail},
    system_changes::Outcome,
    webhook_events,
};

/// A claim the batch changes: its details, its keys, what the domain decided, and (when it
/// becomes official) when each key's association ends.
struct Change<'a> {
    details: &'a ClaimDetails,
    keys: &'a [AssociationKey],
    transition: Transition,
    ends: Vec<Option<DateTime<Utc>>>,
}

/// Closes the windows of `ids` (due, in deadline order) as of `now`, all or nothing; returns
/// what became of each claim changed. Claims no longer pending (or, on PostgreSQL, being
/// changed by another instance) and claims whose customer email is not delivered yet are
/// left as they are.
pub fn close_windows(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    ids: &[&str],
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Outcome>> {
    write_transaction(conn, |c| close_in(c, ctx, calendar, ids, now))
}

fn close_in(
    c: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    ids: &[&str],
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Outcome>> {
    let from = Status::PendingCustomer.as_str();
    let locked = window_batch::lock_in_status(c, ids, from)?;
    let mut ids: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| locked.contains(*id))
        .collect();
    // The customer cannot have refused what they were never told: the window waits for the
    // email (administrators see the delivery among the failed or pending ones).
    let unsent = window_batch::undelivered_customer_notices(c, &ids)?;
    for claim_id in ids.iter().filter(|id| unsent.contains(**id)) {
        tracing::warn!(
            claim_id,
            "opt-out window held: the customer's email is not delivered"
        );
    }
    ids.retain(|id| !unsent.contains(*id));
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let claims = claim_page::find_many_with_products(c, &ids)?
        .into_iter()
        .map(|found| claim_view::for_jobs(found, now))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let keys = claims
        .iter()
        .map(exclusivity::keys_of)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let all_keys: Vec<AssociationKey> = keys.iter().flatten().cloned().collect();
    let held = exclusivity::officials_on(c, &all_keys)?;
    let due: Vec<DueWindow<'_>> = claims
        .iter()
        .zip(&keys)
        .map(|(details, keys)| DueWindow {
            claim: &details.snapshot,
            keys,
        })
        .collect();
    let decided = claim::close_windows(&due, held, &Actor::System, now);
    let mut changes: Vec<Change<'_>> = claims
        .iter()
        .zip(&keys)
        .zip(decided)
        .filter_map(|((details, keys), decided)| {
            decided.ok().map(|transition| Change {
                details,
                keys,
                transition,
                ends: Vec::new(),
            })
        })
        .collect();
    key_ends(c, calendar, &mut changes)?;
    write(c, ctx, calendar, &changes, now)?;
    Ok(changes
        .iter()
        .map(|change| {
            tracing::info!(
                claim_id = change.details.row.id.as_str(),
                from,
                to = change.transition.to.as_str(),
                "claim status changed"
            );
            Outcome::Moved(change.transition.to)
        })
        .collect())
}

/// When each key of the claims becoming official ends, from their tenants' subscriptions.
fn key_ends(
    c: &mut AnyConnection,
    calendar: &BusinessCalendar,
    changes: &mut [Change<'_>],
) -> anyhow::Result<()> {
    let mut tenants: Vec<&str> = changes
        .iter()
        .filter(|change| change.transition.to == Status::Official)
        .map(|change| change.details.row.tenant_id.as_str())
        .collect();
    tenants.sort_unstable();
    tenants.dedup();
    let mut terms: HashMap<String, Vec<SubscriptionTerm>> = HashMap::new();
    for row in window_batch::subscriptions_of(c, &tenants)? {
        let tenant = row.tenant_id.clone();
        terms
            .entry(tenant)
            .or_default()
            .push(exclusivity::subscription_term(row)?);
    }
    for change in changes
        .iter_mut()
        .filter(|change| change.transition.to == Status::Official)
    {
        let terms = terms
            .get(&change.details.row.tenant_id)
            .map_or(&[][..], Vec::as_slice);
        change.ends = rules::key_ends(change.keys, terms, calendar)?;
    }
    Ok(())
}

/// Writes the changes: statuses, audit rows, official associations, emails, webhooks.
fn write(
    c: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    changes: &[Change<'_>],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let at = db_time(now);
    let closed: Vec<Closed<'_>> = changes
        .iter()
        .map(|change| Closed {
            id: &change.details.row.id,
            official: change.transition.to == Status::Official,
            ends_at: claim_end(&change.ends).map(db_time),
        })
        .collect();
    let from = Status::PendingCustomer.as_str();
    let (official, rejected) = (Status::Official.as_str(), Status::Rejected.as_str());
    let changed = window_batch::close(c, from, official, rejected, &closed, at)?;
    anyhow::ensure!(
        changed == closed.len(),
        "{changed} of {} locked claims changed",
        closed.len()
    );
    let audit_ids: Vec<String> = changes.iter().map(|_| new_id()).collect();
    let audit: Vec<_> = changes
        .iter()
        .zip(&audit_ids)
        .map(|(change, id)| system_audit_row(id, change.details, &change.transition))
        .collect();
    window_batch::insert_audit(c, &audit)?;
    write_officials(c, changes, now)?;
    let mails = mails(c, ctx, calendar, changes)?;
    let queued: Vec<QueuedMail<'_>> = mails
        .iter()
        .map(|(claim_id, mail)| QueuedMail::new(ctx, Some(claim_id), mail, now))
        .collect();
    let rows: Vec<_> = queued.iter().map(QueuedMail::row).collect();
    window_batch::insert_mails(c, &rows)?;
    write_webhooks(c, ctx, changes)
}

fn write_officials(
    c: &mut AnyConnection,
    changes: &[Change<'_>],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut made: Vec<(&Change<'_>, String, String, Option<DateTime<Utc>>)> = changes
        .iter()
        .filter(|change| change.transition.to == Status::Official)
        .flat_map(|change| {
            change
                .keys
                .iter()
                .zip(&change.ends)
                .map(move |(key, end)| (change, new_id(), key.as_string(), *end))
        })
        .collect();
    // In key order, so two instances' batches wait for each other's keys in one order.
    made.sort_by(|a, b| a.2.cmp(&b.2));
    let rows: Vec<NewOfficial<'_>> = made
        .iter()
        .map(|(change, id, key, end)| NewOfficial {
            id,
            association_key: key,
            claim_id: &change.details.row.id,
            organisation_id: &change.details.row.organisation_id,
            programme: change.details.programme.as_str(),
            tenant_id: &change.details.row.tenant_id,
            starts_at: db_time(now),
            ends_at: end.map(db_time),
        })
        .collect();
    window_batch::insert_officials(c, &rows)?;
    Ok(())
}

/// The partners' emails, with the users they depend on read in one query.
fn mails<'a>(
    c: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    changes: &'a [Change<'a>],
) -> anyhow::Result<Vec<(&'a str, Composed)>> {
    let accounts: Vec<Option<String>> = changes
        .iter()
        .map(|change| notify::company_contact_account(&change.details.row))
        .collect();
    let creators: Vec<&str> = changes
        .iter()
        .map(|change| change.details.row.created_by.as_str())
        .collect();
    let emails: Vec<&str> = accounts.iter().flatten().map(String::as_str).collect();
    let users = window_batch::users_by_id_or_email(c, &creators, &emails)?;
    let by_id: HashMap<&str, &UserRow> = users.iter().map(|u| (u.id.as_str(), u)).collect();
    let by_email: HashMap<&str, &UserRow> = users.iter().map(|u| (u.email.as_str(), u)).collect();
    let mut mails = Vec::new();
    for (change, account) in changes.iter().zip(&accounts) {
        let row = &change.details.row;
        let creator = by_id.get(row.created_by.as_str()).copied();
        let account = account.as_deref().and_then(|e| by_email.get(e).copied());
        let contact = notify::contact_of(row, creator, account)?;
        let mail =
            notify::partner_mail(ctx, calendar, change.details, &change.transition, contact)?;
        mails.extend(mail.map(|mail| (row.id.as_str(), mail)));
    }
    Ok(mails)
}

fn write_webhooks(
    c: &mut AnyConnection,
    ctx: &Context,
    changes: &[Change<'_>],
) -> anyhow::Result<()> {
    let mut organisations: Vec<&str> = changes
        .iter()
        .map(|change| change.details.row.organisation_id.as_str())
        .collect();
    organisations.sort_unstable();
    organisations.dedup();
    let endpoints = window_batch::endpoints_listening(c, &organisations)?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let mut deliveries = Vec::new();
    for change in changes {
        deliveries.extend(webhook_events::deliveries(
            ctx,
            change.details,
            &change.transition,
            &endpoints,
        )?);
    }
    let rows: Vec<_> = deliveries
        .iter()
        .map(webhook_events::Delivery::row)
        .collect();
    window_batch::insert_deliveries(c, &rows)?;
    Ok(())
}
