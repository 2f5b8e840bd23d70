//! `portal seed --claims N --organisations M`: fills a database with realistic data for
//! measuring the portal at scale — partner organisations with locations and users, customer
//! tenants with domains, subscriptions and usage, and claims in every status with their
//! products, contacts, audit rows, emails and official associations. Rows go in by the
//! thousands per `COPY` (PostgreSQL) or the few hundred per statement (SQLite), a chunk of
//! claims per transaction (see [`crate::store::bulk`]).

use std::time::Instant;

use chrono::{DateTime, Duration, Months, NaiveDateTime, Utc};

use crate::{
    domain::access::Role,
    store::{
        AnyConnection,
        bulk::{self, Bulk, Value},
        bulk_aside, db_time, new_id, registry, search, users, write_transaction,
    },
};

use super::{demo, passwords, seed_claims};

/// Claims that share a customer tenant: one of each status position (see `seed_claims`).
pub const CLAIMS_PER_TENANT: u64 = 8;
/// The demo reviewer, who decided the seeded claims.
const REVIEWER: &str = "reviewer@portal.example";
/// The tables that take most of the rows: their secondary indexes are built, their search
/// index filled, and on PostgreSQL their foreign keys checked, after the load.
const BULK_TABLES: [&str; 13] = [
    "claims",
    // PostgreSQL's copy of the claims' search text, filled after the load (see
    // store::search::rebuild_index).
    "claim_search_texts",
    "claim_products",
    "audit_entries",
    "outbox",
    "official_associations",
    "opt_out_tokens",
    "poe_files",
    "file_chunks",
    "tenants",
    "subscriptions",
    "usage_records",
    "tenant_domains",
];
/// Claims written per transaction.
const CHUNK: u64 = 20_000;

#[derive(Debug, Clone, Copy)]
pub struct SeedPlan {
    pub claims: u64,
    pub organisations: u64,
    /// Complete drafts, ready to submit, in one more organisation of their own (for
    /// measuring the submit): the other organisations' lists stay as they are.
    pub ready_drafts: u64,
}

#[derive(Debug, Clone)]
pub struct SeedReport {
    pub organisations: u64,
    pub tenants: u64,
    pub claims: u64,
    pub rows: u64,
    pub seconds: f64,
    /// A seeded partner user (of the first organisation) and the demo reviewer.
    pub partner_email: String,
    pub reviewer_email: &'static str,
    /// The user whose organisation has the ready drafts, if any were asked for.
    pub ready_drafts_email: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("this database was seeded already; seed an empty one")]
    AlreadySeeded,
    #[error("--organisations must be at least 1")]
    NoOrganisations,
}

/// The seeded organisations: ids and the location each claims from.
pub struct Partners {
    pub organisations: Vec<SeededOrganisation>,
}

pub struct SeededOrganisation {
    pub id: String,
    pub location_id: String,
    pub user_id: String,
}

pub fn seed(
    conn: &mut AnyConnection,
    plan: SeedPlan,
    memory_kib: u32,
    now: DateTime<Utc>,
    mut progress: impl FnMut(&str),
) -> anyhow::Result<SeedReport> {
    let started = Instant::now();
    if plan.organisations == 0 {
        return Err(SeedError::NoOrganisations.into());
    }
    demo::seed_if_empty(conn, memory_kib, now)?;
    if registry::tenant_name(conn, &tenant_id(0))?.is_some() {
        return Err(SeedError::AlreadySeeded.into());
    }
    let at = db_time(now);
    let reviewer = users::find_by_email(conn, REVIEWER)?.map(|u| u.id);
    let password_hash = passwords::hash(demo::DEMO_PASSWORD, memory_kib)?;
    let mut rows = 0;
    let with_drafts_owner = plan.organisations + u64::from(plan.ready_drafts > 0);
    let (mut partners, written) = write_transaction(conn, |c| {
        seed_partners(c, with_drafts_owner, &password_hash, at)
    })?;
    let drafts_owner = (plan.ready_drafts > 0)
        .then(|| partners.organisations.pop())
        .flatten();
    rows += written;
    progress(&format!("{} organisations", plan.organisations));

    let aside = write_transaction(conn, |c| bulk_aside::set_aside(c, &BULK_TABLES))?;
    let tenants = plan.claims.div_ceil(CLAIMS_PER_TENANT).max(1);
    let loaded = load(
        conn,
        &plan,
        &partners,
        drafts_owner.as_ref(),
        tenants,
        reviewer.as_deref(),
        now,
        &mut progress,
    );
    // Even after a failed load: the database keeps its indexes and foreign keys. The search
    // index first, so that its own indexes are built once it is full.
    write_transaction(conn, |c| {
        search::rebuild_index(c)?;
        bulk_aside::restore(c, aside)
    })?;
    rows += loaded?;
    progress("indexes");
    bulk::analyze(conn)?;
    Ok(SeedReport {
        organisations: plan.organisations,
        tenants,
        claims: plan.claims,
        rows,
        seconds: started.elapsed().as_secs_f64(),
        partner_email: partner_email(0),
        reviewer_email: REVIEWER,
        ready_drafts_email: drafts_owner.map(|_| partner_email(plan.organisations)),
    })
}

/// Tenants, claims and ready drafts, a chunk per transaction; the rows written.
#[allow(clippy::too_many_arguments)]
fn load(
    conn: &mut AnyConnection,
    plan: &SeedPlan,
    partners: &Partners,
    drafts_owner: Option<&SeededOrganisation>,
    tenants: u64,
    reviewer: Option<&str>,
    now: DateTime<Utc>,
    progress: &mut impl FnMut(&str),
) -> anyhow::Result<u64> {
    let at = db_time(now);
    let mut rows = 0;
    for first in (0..tenants).step_by(CHUNK as usize) {
        let last = (first + CHUNK).min(tenants);
        rows += write_transaction(conn, |c| seed_tenants(c, first..last, at))?;
    }
    progress(&format!("{tenants} tenants"));
    for first in (0..plan.claims).step_by(CHUNK as usize) {
        let last = (first + CHUNK).min(plan.claims);
        rows += write_transaction(conn, |c| {
            seed_claims::write(c, partners, first..last, tenants, reviewer, now)
        })?;
        progress(&format!("{last} claims"));
    }
    if let Some(owner) = drafts_owner {
        for first in (0..plan.ready_drafts).step_by(CHUNK as usize) {
            let last = (first + CHUNK).min(plan.ready_drafts);
            let numbers = plan.claims + first..plan.claims + last;
            rows += write_transaction(conn, |c| {
                seed_claims::write_ready_drafts(c, owner, numbers, tenants, now)
            })?;
        }
        progress(&format!("{} ready drafts", plan.ready_drafts));
    }
    Ok(rows)
}

/// The seeded tenant `n`'s directory ID (a well-formed GUID, unique per `n`).
pub fn tenant_id(n: u64) -> String {
    format!("5eed0000-0000-4000-8000-{n:012x}")
}

/// Tenant `n`'s subscription of product slot `slot` (see [`SUBSCRIBED`]).
pub fn subscription_id(n: u64, slot: usize) -> String {
    format!("5eed{slot:04x}-0000-4000-9000-{n:012x}")
}

pub fn tenant_domain(n: u64) -> String {
    format!("tenant{n}.seed.example")
}

pub fn partner_email(n: u64) -> String {
    format!("partner@org{n}.seed.example")
}

/// What every seeded tenant subscribes to: (product, channel, seats).
pub const SUBSCRIBED: [(&str, &str, i64); 3] = [
    ("teams", "volume_licensing", 250),
    ("exchange-online", "web_direct", 250),
    ("d365-sales", "volume_licensing", 40),
];

fn seed_partners(
    c: &mut AnyConnection,
    count: u64,
    password_hash: &str,
    at: NaiveDateTime,
) -> anyhow::Result<(Partners, u64)> {
    let mut orgs = Bulk::new(c, "organisations", &["id", "name", "created_at"]);
    let mut locations = Bulk::new(
        c,
        "partner_locations",
        &[
            "id",
            "organisation_id",
            "mpn_id",
            "name",
            "country",
            "created_at",
        ],
    );
    let mut programmes = Bulk::new(c, "location_programmes", &["location_id", "programme"]);
    let mut users = Bulk::new(
        c,
        "users",
        &[
            "id",
            "email",
            "display_name",
            "password_hash",
            "role",
            "organisation_id",
            "active",
            "created_at",
        ],
    );
    let mut seeded = Vec::new();
    for n in 0..count {
        let org = SeededOrganisation {
            id: new_id(),
            location_id: new_id(),
            user_id: new_id(),
        };
        let name = format!("Seed Partner {n}");
        orgs.row(&[(&org.id).into(), (&name).into(), at.into()]);
        // 7-digit MPN IDs from 7000000: clear of the demo's.
        let mpn = format!("{}", 7_000_000 + n);
        let location_name = format!("{name} – Headquarters");
        locations.row(&[
            (&org.location_id).into(),
            (&org.id).into(),
            (&mpn).into(),
            (&location_name).into(),
            "US".into(),
            at.into(),
        ]);
        for programme in ["osu_m365", "osu_bizapps", "osa"] {
            programmes.row(&[(&org.location_id).into(), programme.into()]);
        }
        let email = partner_email(n);
        let display = format!("Partner User {n}");
        users.row(&[
            (&org.user_id).into(),
            (&email).into(),
            (&display).into(),
            password_hash.into(),
            Role::Partner.as_str().into(),
            (&org.id).into(),
            Value::Bool(true),
            at.into(),
        ]);
        seeded.push(org);
        bulk::flush_if_full(
            c,
            &mut [&mut orgs, &mut locations, &mut programmes, &mut users],
        )?;
    }
    let written = bulk::flush_all(
        c,
        &mut [&mut orgs, &mut locations, &mut programmes, &mut users],
    )?;
    Ok((
        Partners {
            organisations: seeded,
        },
        written,
    ))
}

fn seed_tenants(
    c: &mut AnyConnection,
    range: std::ops::Range<u64>,
    at: NaiveDateTime,
) -> anyhow::Result<u64> {
    let mut tenants = Bulk::new(c, "tenants", &["id", "name", "created_at"]);
    let mut domains = Bulk::new(c, "tenant_domains", &["domain", "tenant_id"]);
    let mut subscriptions = Bulk::new(
        c,
        "subscriptions",
        &[
            "id",
            "tenant_id",
            "product_id",
            "channel",
            "starts_on",
            "ends_on",
            "seats",
        ],
    );
    let mut usage = Bulk::new(
        c,
        "usage_records",
        &[
            "tenant_id",
            "product_id",
            "month",
            "monthly_active_users",
            "paid_units",
        ],
    );
    let today = at.date();
    let this_month = today - Duration::days(i64::from(chrono::Datelike::day0(&today)));
    for n in range {
        bulk::flush_if_full(
            c,
            &mut [&mut tenants, &mut domains, &mut subscriptions, &mut usage],
        )?;
        let id = tenant_id(n);
        let name = format!("Customer {n} Ltd");
        tenants.row(&[(&id).into(), (&name).into(), at.into()]);
        domains.row(&[(&tenant_domain(n)).into(), (&id).into()]);
        for (slot, (product, channel, seats)) in SUBSCRIBED.iter().enumerate() {
            let starts = this_month - Months::new(18);
            let ends = this_month + Months::new(18 + (n % 12) as u32);
            subscriptions.row(&[
                (&subscription_id(n, slot)).into(),
                (&id).into(),
                (*product).into(),
                (*channel).into(),
                Value::Date(starts),
                Value::Date(ends),
                Value::Int(*seats),
            ]);
            if slot < 2 {
                for back in 1..=3 {
                    let month = this_month - Months::new(back);
                    let active = seats * (70 + ((n + u64::from(back)) % 25) as i64) / 100;
                    usage.row(&[
                        (&id).into(),
                        (*product).into(),
                        Value::Date(month),
                        Value::Int(active),
                        Value::Int(*seats),
                    ]);
                }
            }
        }
    }
    Ok(bulk::flush_all(
        c,
        &mut [&mut tenants, &mut domains, &mut subscriptions, &mut usage],
    )?)
}
