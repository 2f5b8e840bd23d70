//! The customer's tenant view, through the link in their email: every partner association
//! on the tenant of the claim the link was sent for, and ending one (an official association)
//! or opting out of one (a claim still waiting for them), with a reason. The link works for
//! its own lifetime (`PORTAL_CUSTOMER_LINK_DAYS` after the email) and only while the claim
//! still names the contact it was sent to; it never reaches another tenant's claims.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        access::{CustomerLinkAccess, TenantLinkAccess},
        calendar::BusinessCalendar,
        claim::{self, Status},
        values::Comment,
    },
    store::{
        AnyConnection, from_db_time, officials,
        opt_out_tokens::{self, LinkRow},
        organisations, registry, tenant_claims,
    },
    tokens,
};

use super::{
    claim_view::{self, ClaimDetails},
    context::Context,
    lifecycle::{self, Acting, Outcome},
    opt_out::well_formed,
};

/// Claims that ended this long ago or less are still listed (as ended, without actions).
const ENDED_SHOWN_DAYS: i64 = 90;

/// One association on the customer's tenant.
pub struct TenantClaim {
    pub details: ClaimDetails,
    pub partner: String,
    /// Official since, or validated (sent to the customer) at, or ended at.
    pub since: DateTime<Utc>,
    /// What the customer may do to it now, as the rules say (ending an official
    /// association, or opting out while the window is open); `None`: nothing.
    pub action: Option<claim::Action>,
}

impl TenantClaim {
    /// Until when: the window's close for a pending claim, the subscription's end for an
    /// official one (`None`: open-ended).
    pub fn until(&self) -> Option<DateTime<Utc>> {
        match self.details.status {
            Status::PendingCustomer => self.details.row.window_closes_at,
            Status::Official => self.details.row.ends_at,
            _ => None,
        }
    }
}

/// What the link shows.
pub struct TenantView {
    pub tenant_id: String,
    pub domain: String,
    /// The language of the claim the link was sent for (the customer's).
    pub language: String,
    pub valid_until: DateTime<Utc>,
    /// Whether the view shows every partner's associations ([`TenantLinkAccess`]), or only
    /// the link's own claim.
    pub tenant_wide: bool,
    pub calendar: BusinessCalendar,
    pub claims: Vec<TenantClaim>,
}

pub enum TenantLink {
    /// No such link.
    Unknown,
    /// The link no longer opens the tenant view (expired, or no longer the customer's);
    /// `language` is the claim's, so the refusal is in the customer's language.
    Refused {
        language: String,
    },
    Open(TenantView),
}

/// Until when `link` opens the tenant view of its claim now; `None` when it does not.
pub(super) fn view_until(
    link: &LinkRow,
    details: &ClaimDetails,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let until = from_db_time(link.view_expires_at?);
    let still = TenantLinkAccess::still_the_customer(
        link.sent_to.as_deref(),
        details.row.customer_contact_email.as_deref(),
        details.status == Status::Withdrawn,
    );
    (still && now < until).then_some(until)
}

/// An opened link: its claim, the access it gives and until when.
type Opened = (ClaimDetails, TenantLinkAccess, DateTime<Utc>);

/// The link's claim and the access it gives, or what the visitor is told instead.
fn open_link(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<Opened, TenantLink>> {
    if !well_formed(token) {
        return Ok(Err(TenantLink::Unknown));
    }
    let Some(link) = opt_out_tokens::find_link(conn, &tokens::hash_token(token))? else {
        return Ok(Err(TenantLink::Unknown));
    };
    let Some(details) = claim_view::load_unchecked(conn, &link.claim_id, now)? else {
        return Ok(Err(TenantLink::Unknown));
    };
    let Some(until) = view_until(&link, &details, now) else {
        return Ok(Err(TenantLink::Refused {
            language: details.row.language.clone(),
        }));
    };
    let domains = registry::tenant_domains(conn, &details.row.tenant_id)?.unwrap_or_default();
    let access = TenantLinkAccess {
        tenant: details.row.tenant_id.clone(),
        own_claim: details.row.id.clone(),
        tenant_wide: link
            .sent_to
            .as_deref()
            .is_some_and(|sent_to| TenantLinkAccess::tenant_wide(sent_to, &domains)),
    };
    Ok(Ok((details, access, until)))
}

/// The tenant view: the tenant's pending and official associations, and those ended lately.
pub fn look_up(
    conn: &mut AnyConnection,
    ctx: &Context,
    token: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<TenantLink> {
    let (origin, access, valid_until) = match open_link(conn, token, now)? {
        Ok(opened) => opened,
        Err(refused) => return Ok(refused),
    };
    let ids = tenant_claims::on_tenant(
        conn,
        &access.tenant,
        &[Status::PendingCustomer.as_str(), Status::Official.as_str()],
        &[Status::OptedOut.as_str(), Status::Expired.as_str()],
        crate::store::db_time(now - Duration::days(ENDED_SHOWN_DAYS)),
    )?;
    let officials = officials::active_for_tenant(conn, &access.tenant)?;
    let mut claims = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(details) = claim_view::load_unchecked(conn, &id, now)? else {
            continue;
        };
        if !access.can_view_claim(&details.row.tenant_id, &details.row.id) {
            continue;
        }
        let official_since = officials
            .iter()
            .filter(|o| o.claim_id == id)
            .map(|o| from_db_time(o.starts_at))
            .min();
        let since = match details.status {
            Status::Official => official_since.unwrap_or(details.row.updated_at),
            _ => details.row.updated_at,
        };
        let customer = CustomerLinkAccess {
            claim: details.snapshot.id.clone(),
        };
        let action = claim::allowed_actions(&details.snapshot, &customer.actor(), now)
            .into_iter()
            .find(|action| customer.may(*action));
        claims.push(TenantClaim {
            partner: organisations::name_of(conn, &details.row.organisation_id)?
                .unwrap_or_default(),
            since,
            action,
            details,
        });
    }
    Ok(TenantLink::Open(TenantView {
        tenant_id: access.tenant,
        domain: origin.row.customer_domain.clone(),
        language: origin.row.language.clone(),
        valid_until,
        tenant_wide: access.tenant_wide,
        calendar: ctx.calendar(conn)?,
        claims,
    }))
}

/// One association of the tenant view, for its confirmation page.
pub enum OneClaim {
    /// The link does not open the view (as [`TenantLink`]).
    Link(TenantLink),
    /// No such claim on this tenant (another tenant's claims look the same as none).
    NotFound,
    Found {
        view: TenantView,
        claim: Box<TenantClaim>,
    },
}

/// The view with one of its associations picked out.
pub fn one(
    conn: &mut AnyConnection,
    ctx: &Context,
    token: &str,
    claim_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<OneClaim> {
    let mut view = match look_up(conn, ctx, token, now)? {
        TenantLink::Open(view) => view,
        other => return Ok(OneClaim::Link(other)),
    };
    let Some(at) = view
        .claims
        .iter()
        .position(|c| c.details.row.id == claim_id)
    else {
        return Ok(OneClaim::NotFound);
    };
    let claim = Box::new(view.claims.remove(at));
    Ok(OneClaim::Found { view, claim })
}

/// What became of the customer's ending (or opting out).
pub enum Ended {
    Link(TenantLink),
    NotFound,
    /// Done: the claim is now in this status.
    Done(Status),
    /// Nothing left to end (it ended, expired or was withdrawn meanwhile).
    NotPossible,
}

/// The customer ends an official association, or opts out of one still waiting for them:
/// one transaction with its history line (with the reason) and the partner's email; leaving
/// Official frees its keys.
pub fn end(
    conn: &mut AnyConnection,
    ctx: &Context,
    token: &str,
    claim_id: &str,
    reason: Comment,
    now: DateTime<Utc>,
) -> anyhow::Result<Ended> {
    let (_, access, _) = match open_link(conn, token, now)? {
        Ok(opened) => opened,
        Err(refused) => return Ok(Ended::Link(refused)),
    };
    let Some(target) = claim_view::load_unchecked(conn, claim_id, now)? else {
        return Ok(Ended::NotFound);
    };
    // Only what the view lists can be acted on: a draft or a claim under review on the same
    // tenant is as unknown here as another tenant's.
    let listed = matches!(target.status, Status::PendingCustomer | Status::Official);
    if !listed || !access.can_view_claim(&target.row.tenant_id, &target.row.id) {
        return Ok(Ended::NotFound);
    }
    let changed = lifecycle::change(conn, ctx, claim_id, Acting::CustomerLink, now, |d| {
        Ok(match d.claim().status {
            Status::Official => claim::end_by_customer(d.claim(), d.actor, now, reason),
            _ => claim::opt_out(d.claim(), d.actor, now, Some(reason)),
        })
    })?;
    Ok(match changed {
        Outcome::Done(status) => {
            tracing::info!(
                claim_id,
                to = status.as_str(),
                "customer ended an association"
            );
            Ended::Done(status)
        }
        Outcome::NotFound => Ended::NotFound,
        _ => Ended::NotPossible,
    })
}
