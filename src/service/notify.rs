//! The emails a status change sends, composed from the claim in its own language and
//! written to the outbox in the change's transaction.

use chrono::{DateTime, Utc};

use super::claim_record::Claim;
use crate::{
    domain::{
        calendar::BusinessCalendar,
        claim::{Action, Status, Transition},
    },
    i18n::{Catalogue, Locale, format},
    mail::{
        Composed, Fact, MailKind,
        compose::{self, CustomerNotice, PartnerNotice},
    },
    store::{AnyConnection, db_time, new_id, organisations, outbox, users},
};

use super::{claim_view::ClaimDetails, context::Context};

/// The catalogue of the claim's language (the customer's).
pub fn catalogue_of(row: &Claim) -> &'static Catalogue {
    Catalogue::for_locale(Locale::from_tag(&row.language))
}

/// The catalogue of the language the partner made the claim in: their emails' language when
/// the reader chose none.
fn partner_catalogue_of(row: &Claim) -> &'static Catalogue {
    Catalogue::for_locale(Locale::from_tag(&row.partner_language))
}

/// "9 Dec 2026 00:00 CET (Europe/Berlin)": date, time and zone, unambiguous.
pub fn closing_time(at: DateTime<Utc>, calendar: &BusinessCalendar, t: &Catalogue) -> String {
    let zone = calendar.time_zone();
    t.format(
        "mail.closing_time",
        &[
            ("instant", &format::instant(at, zone, t)),
            ("zone", zone.name()),
        ],
    )
}

/// When a customer's opt-out window closes, as it cannot be misread: "the end of Wednesday
/// 9 December 2026 (23:59 UTC)" ([`format::deadline`]).
pub fn window_close(at: DateTime<Utc>, calendar: &BusinessCalendar, t: &Catalogue) -> String {
    format::deadline(at, calendar.time_zone(), t)
}

/// The customer's letter about a claim waiting for them: the claim's facts, their link and
/// the page that explains customer associations.
pub fn customer_notice(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    details: &ClaimDetails,
    closes_at: DateTime<Utc>,
    link: &str,
) -> anyhow::Result<CustomerNotice> {
    let t = catalogue_of(&details.row);
    let row = &details.row;
    let partner = organisations::name_of(conn, &row.organisation_id)?.unwrap_or_default();
    Ok(CustomerNotice {
        contact_name: row.customer_contact_name.clone().unwrap_or_default(),
        partner,
        programme: programme_label(details, t),
        customer_domain: row.customer_domain.clone(),
        tenant_id: row.tenant_id.clone(),
        products: product_lines(details, t),
        closes_at: window_close(closes_at, calendar, t),
        opt_out_url: ctx.link(&format!("/customer/opt-out/{link}")),
        about_url: ctx.link(ABOUT_PATH),
    })
}

/// The page that explains customer associations to customers.
pub const ABOUT_PATH: &str = "/customer/about";

/// The products as the customer reads them, with the subscription where one was chosen.
pub fn product_lines(details: &ClaimDetails, t: &Catalogue) -> Vec<String> {
    details
        .products
        .iter()
        .map(|p| match &p.subscription_id {
            Some(subscription) => t.format(
                "mail.product_with_subscription",
                &[("product", &p.name), ("subscription", subscription)],
            ),
            None => p.name.clone(),
        })
        .collect()
}

pub fn programme_label(details: &ClaimDetails, t: &Catalogue) -> String {
    t.get(details.programme.label_key()).to_owned()
}

/// The emails `transition` sends. `opt_out_link` is the customer's link when the change
/// opens the window.
pub fn mails_for(
    conn: &mut AnyConnection,
    ctx: &Context,
    calendar: &BusinessCalendar,
    details: &ClaimDetails,
    transition: &Transition,
    opt_out_link: Option<&str>,
) -> anyhow::Result<Vec<Composed>> {
    let t = catalogue_of(&details.row);
    let row = &details.row;
    let mut mails = Vec::new();
    if transition.to == Status::PendingCustomer
        && let (Some(link), Some(to), Some(closes_at)) = (
            opt_out_link,
            row.customer_contact_email.as_deref(),
            transition.window_closes_at,
        )
    {
        let notice = customer_notice(conn, ctx, calendar, details, closes_at, link)?;
        mails.push(compose::customer_validated(t, to, &notice)?);
    }
    if PARTNER_TOLD.contains(&transition.to) {
        let contact = partner_contact(conn, &details.row)?;
        mails.extend(partner_mail(ctx, calendar, details, transition, contact)?);
    }
    Ok(mails)
}

/// The partner's email about `transition`, to `contact`, if the change is one they hear of.
pub fn partner_mail(
    ctx: &Context,
    calendar: &BusinessCalendar,
    details: &ClaimDetails,
    transition: &Transition,
    contact: PartnerContact,
) -> anyhow::Result<Option<Composed>> {
    if !PARTNER_TOLD.contains(&transition.to) {
        return Ok(None);
    }
    let row = &details.row;
    // The customer's decision in their window is told in the claim's language; the rest
    // (an official association the customer ended later, too) in the reader's.
    let window_decision = transition.action != Action::EndByCustomer;
    let t = if window_decision && matches!(transition.to, Status::Official | Status::OptedOut) {
        catalogue_of(row)
    } else {
        contact.catalogue(partner_catalogue_of(row))
    };
    let Some(notice) = partner_notice(details, transition, calendar, t, ctx) else {
        return Ok(None);
    };
    let notice = PartnerNotice {
        contact_name: contact.name,
        ..notice
    };
    compose::partner_update(t, &contact.email, &notice).map(Some)
}

/// The statuses the partner is told about ([`partner_notice`]).
const PARTNER_TOLD: [Status; 4] = [
    Status::ActionRequired,
    Status::Rejected,
    Status::Official,
    Status::OptedOut,
];

/// Who hears about the partner's claim, and the language they chose.
pub struct PartnerContact {
    name: String,
    email: String,
    language: Option<Locale>,
}

impl PartnerContact {
    /// Their language's catalogue; `otherwise` when they chose none.
    fn catalogue(&self, otherwise: &'static Catalogue) -> &'static Catalogue {
        self.language.map_or(otherwise, Catalogue::for_locale)
    }
}

/// The company contact, or else the user who made the claim; the language is the contact's
/// own when they have an account that chose one, else the claim's maker's.
fn partner_contact(conn: &mut AnyConnection, row: &Claim) -> anyhow::Result<PartnerContact> {
    let creator = users::find(conn, &row.created_by)?;
    let account = match company_contact_account(row) {
        Some(email) => users::find_by_email(conn, &email)?,
        None => None,
    };
    contact_of(row, creator.as_ref(), account.as_ref())
}

/// The email of the company contact's account, if the claim names a company contact.
pub fn company_contact_account(row: &Claim) -> Option<String> {
    row.company_contact_email
        .as_deref()
        .filter(|e| !e.is_empty())
        .map(super::auth::normalise_email)
}

/// [`partner_contact`] from the claim's maker and the company contact's account (if any).
pub fn contact_of(
    row: &Claim,
    creator: Option<&users::UserRow>,
    account: Option<&users::UserRow>,
) -> anyhow::Result<PartnerContact> {
    let creator = creator.ok_or_else(|| anyhow::anyhow!("claim {} has no creator", row.id))?;
    let chosen = |user: &users::UserRow| user.language.as_deref().and_then(Locale::parse);
    let maker_language = chosen(creator);
    if let Some(email) = row
        .company_contact_email
        .as_deref()
        .filter(|e| !e.is_empty())
    {
        return Ok(PartnerContact {
            name: row.company_contact_name.clone().unwrap_or_default(),
            email: email.to_owned(),
            language: account.and_then(chosen).or(maker_language),
        });
    }
    Ok(PartnerContact {
        name: creator.display_name.clone(),
        email: creator.email.clone(),
        language: maker_language,
    })
}

fn partner_notice(
    details: &ClaimDetails,
    transition: &Transition,
    calendar: &BusinessCalendar,
    t: &Catalogue,
    ctx: &Context,
) -> Option<PartnerNotice> {
    let reason = transition.audit.reason.as_ref();
    let reason_text = reason
        .and_then(|r| r.text.as_ref())
        .map(|c| c.as_ref().to_owned());
    let fact = |key: &str, value: String| Fact {
        label: t.get(key).to_owned(),
        value,
    };
    // The same words as the claim page: a deadline at midnight is "the end of" the day before.
    let at = |instant: DateTime<Utc>| format::deadline(instant, calendar.time_zone(), t);
    let mut facts = Vec::new();
    let mut notes = Vec::new();
    let kind = match transition.to {
        Status::ActionRequired => {
            facts.extend(reason_text.map(|text| fact("mail.fact.reviewer_comment", text)));
            if let Some(due) = transition.action_required_due {
                notes.push(t.format("mail.partner_action_required.due", &[("at", &at(due))]));
            }
            MailKind::PartnerActionRequired
        }
        Status::Rejected => {
            if let Some(code) = reason.map(|r| r.code) {
                facts.push(fact("mail.fact.reason", t.get(code.label_key()).to_owned()));
            }
            facts.extend(reason_text.map(|text| fact("mail.fact.explanation", text)));
            // After a dispute (declined, or lost to another partner later) nothing is left.
            let final_decision =
                details.row.dispute_used || transition.action == Action::DecideDispute;
            if final_decision {
                notes.push(t.get("mail.partner_rejected.final").to_owned());
            } else if let Some(until) = transition
                .audit
                .at
                .checked_add_signed(chrono::Duration::days(crate::domain::claim::DISPUTE_DAYS))
            {
                notes.push(t.format("mail.partner_rejected.dispute", &[("at", &at(until))]));
            }
            MailKind::PartnerRejected
        }
        Status::Official => MailKind::PartnerOfficial,
        Status::OptedOut => {
            facts.extend(reason_text.map(|text| fact("mail.fact.customer_reason", text)));
            if transition.action == Action::EndByCustomer {
                MailKind::PartnerEndedByCustomer
            } else {
                MailKind::PartnerOptedOut
            }
        }
        _ => return None,
    };
    Some(PartnerNotice {
        kind,
        contact_name: String::new(),
        claim_name: details.row.name.clone(),
        customer_domain: details.row.customer_domain.clone(),
        facts,
        notes,
        claim_url: ctx.link(&format!("/associations/{}", details.row.id)),
    })
}

/// The partner's email when the programme team writes on their claim.
pub fn staff_message(
    conn: &mut AnyConnection,
    ctx: &Context,
    row: &Claim,
    body: &str,
) -> anyhow::Result<Composed> {
    let contact = partner_contact(conn, row)?;
    let t = contact.catalogue(partner_catalogue_of(row));
    let notice = PartnerNotice {
        kind: MailKind::PartnerMessage,
        contact_name: contact.name,
        claim_name: row.name.clone(),
        customer_domain: row.customer_domain.clone(),
        facts: vec![Fact {
            label: t.get("mail.fact.message").to_owned(),
            value: body.to_owned(),
        }],
        notes: Vec::new(),
        claim_url: ctx.link(&format!("/associations/{}#messages", row.id)),
    };
    compose::partner_update(t, &contact.email, &notice)
}

/// Writes the emails to the outbox, due now, each with its own stable Message-ID.
pub fn enqueue(
    conn: &mut AnyConnection,
    ctx: &Context,
    claim_id: Option<&str>,
    mails: &[Composed],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for mail in mails {
        let queued = QueuedMail::new(ctx, claim_id, mail, now);
        outbox::insert(conn, &queued.row())?;
    }
    Ok(())
}

/// An email for the outbox, with its id and stable Message-ID.
pub struct QueuedMail<'m> {
    id: String,
    message_id: String,
    claim_id: Option<String>,
    mail: &'m Composed,
    at: DateTime<Utc>,
}

impl<'m> QueuedMail<'m> {
    pub fn new(
        ctx: &Context,
        claim_id: Option<&str>,
        mail: &'m Composed,
        at: DateTime<Utc>,
    ) -> Self {
        let id = new_id();
        QueuedMail {
            message_id: format!("<{id}@{}>", ctx.mail_domain()),
            id,
            claim_id: claim_id.map(str::to_owned),
            mail,
            at,
        }
    }

    /// Due now.
    pub fn row(&self) -> outbox::NewMail<'_> {
        let at = db_time(self.at);
        outbox::NewMail {
            id: &self.id,
            kind: self.mail.kind.as_str(),
            claim_id: self.claim_id.as_deref(),
            recipient: &self.mail.to,
            subject: &self.mail.subject,
            body_text: &self.mail.text,
            body_html: &self.mail.html,
            message_id: &self.message_id,
            state: outbox::PENDING,
            attempts: 0,
            next_attempt_at: at,
            created_at: at,
        }
    }
}
