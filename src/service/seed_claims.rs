//! The claims of `portal seed`. Claims come in groups of eight on one customer tenant, one
//! per status position, so each tenant has exactly one claim holding (or having held) an
//! official association: the exclusivity index stays satisfied. Organisations are spread
//! pseudo-randomly; times are spread over two years, recent for claims still in progress.

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        claim::{ActorKind, RejectionReason, Status},
        exclusivity::{ProductSelection, keys_for_claim},
        programme::Programme,
        search,
        values::{SubscriptionId, TenantId},
    },
    mail::MailKind,
    store::{
        AnyConnection,
        bulk::{self, Value},
        catalogue,
        claim_list::PRODUCT_SEPARATOR,
        db_time, new_id, outbox,
    },
    tokens,
};

use super::{
    seed::{
        CLAIMS_PER_TENANT, Partners, SUBSCRIBED, SeededOrganisation, subscription_id,
        tenant_domain, tenant_id,
    },
    seed_tables::Tables,
};

/// Where claim `i` stands, by its position in its tenant's group.
fn status_of(i: u64) -> Status {
    match i % CLAIMS_PER_TENANT {
        0 => Status::Draft,
        1 => Status::Submitted,
        2 => Status::PendingCustomer,
        3 => Status::Official,
        4 => Status::Rejected,
        5 => Status::Withdrawn,
        6 => Status::ActionRequired,
        _ => match (i / CLAIMS_PER_TENANT) % 3 {
            0 => Status::Expired,
            1 => Status::OptedOut,
            _ => Status::Disputed,
        },
    }
}

/// The statuses a claim went through to reach `status`, oldest first.
fn path_to(status: Status) -> &'static [Status] {
    use Status::*;
    match status {
        Draft => &[Draft],
        Submitted => &[Draft, Submitted],
        ActionRequired => &[Draft, Submitted, ActionRequired],
        Rejected => &[Draft, Submitted, Rejected],
        Disputed => &[Draft, Submitted, Rejected, Disputed],
        Withdrawn => &[Draft, Submitted, Withdrawn],
        PendingCustomer => &[Draft, Submitted, PendingCustomer],
        OptedOut => &[Draft, Submitted, PendingCustomer, OptedOut],
        Official => &[Draft, Submitted, PendingCustomer, Official],
        Expired => &[Draft, Submitted, PendingCustomer, Official, Expired],
    }
}

/// A well-mixed number from `i` (splitmix64), so spreads look random but repeat exactly.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

pub fn write(
    c: &mut AnyConnection,
    partners: &Partners,
    range: std::ops::Range<u64>,
    tenants: u64,
    reviewer_id: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let mut tables = Tables::new(c);
    let names = SlotNames::load(c)?;
    for i in range {
        let org = &partners.organisations[(mix(i) % partners.organisations.len() as u64) as usize];
        let claim = SeedClaim {
            i,
            status: status_of(i),
            tenant: (i / CLAIMS_PER_TENANT) % tenants,
        };
        write_claim(&mut tables, &names, org, &claim, reviewer_id, now)?;
        bulk::flush_if_full(c, &mut tables.all())?;
    }
    Ok(bulk::flush_all(c, &mut tables.all())?)
}

/// Drafts numbered `numbers` (after the claims) for `owner`, complete and ready to submit.
pub fn write_ready_drafts(
    c: &mut AnyConnection,
    owner: &SeededOrganisation,
    numbers: std::ops::Range<u64>,
    tenants: u64,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let mut tables = Tables::new(c);
    let names = SlotNames::load(c)?;
    for i in numbers {
        let claim = SeedClaim {
            i,
            status: Status::Draft,
            tenant: i % tenants,
        };
        write_claim(&mut tables, &names, owner, &claim, None, now)?;
        bulk::flush_if_full(c, &mut tables.all())?;
    }
    Ok(bulk::flush_all(c, &mut tables.all())?)
}

/// The names claims keep of their products (see `store::product_names`), per slot of
/// [`SUBSCRIBED`], from the catalogue.
struct SlotNames(Vec<(i32, String)>);

impl SlotNames {
    fn load(c: &mut AnyConnection) -> anyhow::Result<Self> {
        let products = catalogue::all(c)?;
        let names = SUBSCRIBED
            .iter()
            .map(|(id, _, _)| {
                products
                    .iter()
                    .find(|p| p.id == *id)
                    .map(|p| (p.sort_order, p.name.clone()))
                    .ok_or_else(|| anyhow::anyhow!("the catalogue has no product {id}"))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(SlotNames(names))
    }

    /// The names of these slots in catalogue order, joined as the list reads them.
    fn joined(&self, slots: &[usize]) -> String {
        let mut names: Vec<&(i32, String)> = slots.iter().map(|s| &self.0[*s]).collect();
        names.sort();
        let names: Vec<&str> = names.iter().map(|(_, name)| name.as_str()).collect();
        names.join(&PRODUCT_SEPARATOR.to_string())
    }
}

/// Claim number `i`: where it stands and on which tenant.
struct SeedClaim {
    i: u64,
    status: Status,
    tenant: u64,
}

fn write_claim(
    tables: &mut Tables,
    names: &SlotNames,
    org: &SeededOrganisation,
    claim: &SeedClaim,
    reviewer_id: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let SeedClaim { i, status, tenant } = *claim;
    let business_apps = tenant % 5 == 4;
    let (programme, area) = if business_apps {
        (Programme::OsuBizApps, "business_applications")
    } else {
        (Programme::OsuM365, "microsoft_365")
    };
    // The claim whose opt-out window is open asks for a workload the tenant's official
    // claim does not hold, so that most windows close as new official associations. A
    // Business Applications tenant has one subscription: its window closes as a rejection.
    let slots: &[usize] = match (business_apps, status, i % 3) {
        (true, _, _) => &[2],
        (false, Status::PendingCustomer, _) => &[1],
        (false, Status::Official | Status::Expired, _) => &[0],
        (false, _, 0) => &[0, 1],
        (false, _, _) => &[0],
    };
    // Claims still in progress are recent; the rest spread over two years.
    let in_progress = matches!(
        status,
        Status::Submitted | Status::PendingCustomer | Status::ActionRequired | Status::Disputed
    );
    let span_minutes = if in_progress {
        3 * 24 * 60
    } else {
        720 * 24 * 60
    };
    let created = now
        - Duration::days(if in_progress { 2 } else { 40 })
        - Duration::minutes((mix(i ^ 0x5eed) % span_minutes) as i64);
    let path = path_to(status);
    let step_at = |step: usize| db_time(created + Duration::hours(step as i64 * 20));
    let last_at = step_at(path.len() - 1);

    let id = new_id();
    let tenant_id = tenant_id(tenant);
    let domain = tenant_domain(tenant);
    let name = format!("Customer {tenant} {} claim {i}", programme.as_str());
    let contact = |role: &str| format!("{role}{i}@{domain}");
    let submitted = status != Status::Draft;
    let customer_email = contact("it");
    let technical_email = contact("ops");
    let company_email = "sales@partner.seed.example".to_owned();
    let window = (status == Status::PendingCustomer)
        .then(|| db_time(now + Duration::hours(24 + (mix(i) % 96) as i64)));
    let due = (status == Status::ActionRequired)
        .then(|| db_time(now + Duration::hours(24 + (mix(i) % 96) as i64)));
    let rejected_at = path
        .iter()
        .position(|s| *s == Status::Rejected)
        .map(step_at);
    let official_at = path
        .iter()
        .position(|s| *s == Status::Official)
        .map(step_at);
    let ends_at = match status {
        Status::Official => Some(db_time(now + Duration::days(400 + (tenant % 300) as i64))),
        Status::Expired => Some(last_at),
        _ => None,
    };
    let product_names = names.joined(slots);
    let search_text = search::search_text(&name, &domain, &tenant_id);
    let values: [Value<'_>; 34] = [
        (&id).into(),
        (&org.id).into(),
        (&org.location_id).into(),
        (&org.user_id).into(),
        (&tenant_id).into(),
        (&domain).into(),
        area.into(),
        "usage".into(),
        programme.as_str().into(),
        (&name).into(),
        status.as_str().into(),
        "Morgan Customer".into(),
        "IT Director".into(),
        (&customer_email).into(),
        "Alex Engineer".into(),
        "Cloud Architect".into(),
        (&technical_email).into(),
        "Partner Seller".into(),
        (&company_email).into(),
        "Partner Seller".into(),
        "Morgan Customer".into(),
        Value::Null,
        submitted
            .then_some("Deployment and adoption workshops.")
            .into(),
        rejected_at.into(),
        Value::Bool(status == Status::Disputed),
        window.into(),
        due.into(),
        submitted.then(|| step_at(1)).into(),
        db_time(created).into(),
        last_at.into(),
        "en".into(),
        ends_at.into(),
        (&product_names).into(),
        (&search_text).into(),
    ];
    tables.claims.row(&values);

    let mut selections = Vec::new();
    for slot in slots {
        let product = SUBSCRIBED[*slot].0;
        let subscription = subscription_id(tenant, *slot);
        tables
            .products
            .row(&[(&id).into(), product.into(), (&subscription).into()]);
        selections.push(ProductSelection {
            product_id: product.to_owned(),
            subscription: SubscriptionId::parse(&subscription).ok(),
        });
    }

    for (step, to) in path.iter().enumerate() {
        let from = step.checked_sub(1).map(|s| path[s].as_str());
        let (actor, user) = match to {
            Status::Draft | Status::Submitted | Status::Withdrawn | Status::Disputed => {
                (ActorKind::Partner, Some(org.user_id.as_str()))
            }
            Status::PendingCustomer | Status::ActionRequired | Status::Rejected => {
                (ActorKind::Reviewer, reviewer_id)
            }
            Status::OptedOut => (ActorKind::CustomerLink, None),
            Status::Official | Status::Expired => (ActorKind::System, None),
        };
        let (reason, reason_text) = match to {
            Status::Rejected => (
                Some(RejectionReason::InsufficientProofOfExecution.as_str()),
                None,
            ),
            Status::ActionRequired => (
                None,
                Some("Please add the workshop attendance list to the proof of execution."),
            ),
            _ => (None, None),
        };
        tables.audit.row(&[
            (&new_id()).into(),
            (&id).into(),
            actor.as_str().into(),
            user.into(),
            from.into(),
            to.as_str().into(),
            reason.into(),
            reason_text.into(),
            step_at(step).into(),
        ]);
        let mail = match to {
            Status::PendingCustomer => Some((MailKind::CustomerValidated, &customer_email)),
            Status::ActionRequired => Some((MailKind::PartnerActionRequired, &company_email)),
            Status::Rejected => Some((MailKind::PartnerRejected, &company_email)),
            Status::Official => Some((MailKind::PartnerOfficial, &company_email)),
            Status::OptedOut => Some((MailKind::PartnerOptedOut, &company_email)),
            _ => None,
        };
        if let Some((kind, recipient)) = mail {
            let mail_id = new_id();
            let message_id = format!("<{mail_id}@seed.example>");
            let at = step_at(step);
            tables.outbox.row(&[
                (&mail_id).into(),
                kind.as_str().into(),
                (&id).into(),
                recipient.into(),
                kind.as_str().into(),
                "".into(),
                "".into(),
                (&message_id).into(),
                outbox::SENT.into(),
                Value::Int(1),
                at.into(),
                at.into(),
                Some(at).into(),
            ]);
        }
    }

    // Every claim has its proof of execution: a draft is complete, ready to submit.
    let file_id = new_id();
    let content = format!("%PDF-1.4\n% Proof of execution for {name}\n%%EOF\n");
    tables.files.row(&[
        (&file_id).into(),
        (&id).into(),
        "proof-of-execution.pdf".into(),
        "application/pdf".into(),
        Value::Int(content.len() as i64),
        (&tokens::hash_token(&content)).into(),
        (&org.user_id).into(),
        db_time(created).into(),
    ]);
    // ASCII text without backslashes reads back as the same bytes from a BLOB (SQLite) and
    // a bytea (PostgreSQL) column.
    tables
        .chunks
        .row(&[(&file_id).into(), Value::Int(0), (&content).into()]);

    if let Some(window) = window {
        let token = format!("seed-{id}");
        tables
            .tokens
            .row(&[(&token).into(), (&id).into(), window.into(), last_at.into()]);
    }
    if let Some(starts) = official_at {
        let tenant = TenantId::parse(&tenant_id)?;
        let ended = (status == Status::Expired).then_some(last_at);
        for key in keys_for_claim(programme, &tenant, &selections)? {
            tables.officials.row(&[
                (&new_id()).into(),
                (&key.as_string()).into(),
                (&id).into(),
                (&org.id).into(),
                programme.as_str().into(),
                (&tenant_id).into(),
                starts.into(),
                ends_at.into(),
                ended.into(),
            ]);
        }
    }
    Ok(())
}
