//! One tenant of the registry, edited by an administrator: its name, verified domains,
//! subscriptions and monthly usage. Each change is one transaction with its audit row.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        tenants::{Problems, SubscriptionInput, TenantError, UsageInput},
        values::{DomainName, OrganisationName, SubscriptionId, TenantId},
    },
    store::{
        AnyConnection, admin_audit, catalogue, db_time, is_unique_violation,
        registry::{self, SubscriptionRow},
        usage, write_transaction,
    },
};

/// What became of a change.
#[derive(Debug)]
pub enum Edited {
    Done,
    Refused(Problems),
    /// Not an administrator, or no such tenant (or subscription).
    NotFound,
}

pub fn create(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &TenantId,
    name: &OrganisationName,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    edit(conn, viewer, now, |c, at| {
        if registry::tenant_name(c, id.as_str())?.is_some() {
            return refused("tenant_id", TenantError::TenantTaken);
        }
        registry::insert_tenant(c, id.as_str(), name.as_str(), at)?;
        audit(c, viewer, "tenant.created", id.as_str(), name.as_str(), at)
    })
    .or_else(|e| unique_as(e, "tenant_id", TenantError::TenantTaken))
}

pub fn rename(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    name: &OrganisationName,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    edit(conn, viewer, now, |c, at| {
        if !registry::rename_tenant(c, tenant_id, name.as_str())? {
            return Ok(Edited::NotFound);
        }
        audit(c, viewer, "tenant.renamed", tenant_id, name.as_str(), at)
    })
}

pub fn add_domain(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    domain: &DomainName,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    edit(conn, viewer, now, |c, at| {
        if registry::tenant_name(c, tenant_id)?.is_none() {
            return Ok(Edited::NotFound);
        }
        match registry::domain_owner(c, domain.as_str())? {
            Some(owner) if owner == tenant_id => return Ok(Edited::Done),
            Some(_) => return refused("domain", TenantError::DomainTaken),
            None => registry::insert_domain(c, domain.as_str(), tenant_id)?,
        }
        audit(
            c,
            viewer,
            "tenant.domain_added",
            tenant_id,
            domain.as_str(),
            at,
        )
    })
    .or_else(|e| unique_as(e, "domain", TenantError::DomainTaken))
}

pub fn remove_domain(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    domain: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    edit(conn, viewer, now, |c, at| {
        if !registry::remove_domain(c, domain, tenant_id)? {
            return Ok(Edited::NotFound);
        }
        audit(c, viewer, "tenant.domain_removed", tenant_id, domain, at)
    })
}

/// Adds a subscription (`new_id`, as typed) or changes `existing`'s details; either way it
/// belongs to `tenant_id`.
pub fn save_subscription(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    new_id: Option<&SubscriptionId>,
    existing: Option<&str>,
    input: &SubscriptionInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    let Some(target) = SubscriptionTarget::of(new_id, existing) else {
        return Ok(Edited::NotFound);
    };
    edit(conn, viewer, now, |c, at| {
        if let Some(refusal) = unknown_tenant_or_product(c, tenant_id, &input.product)? {
            return Ok(refusal);
        }
        let existing = registry::find_subscription(c, target.id())?;
        let action = match (&target, existing) {
            (SubscriptionTarget::New(_), Some(_)) => {
                return refused("subscription_id", TenantError::SubscriptionTaken);
            }
            (SubscriptionTarget::Existing(_), None) => return Ok(Edited::NotFound),
            (SubscriptionTarget::Existing(_), Some(row)) if row.tenant_id != tenant_id => {
                return Ok(Edited::NotFound);
            }
            (SubscriptionTarget::New(_), None) => "tenant.subscription_added",
            (SubscriptionTarget::Existing(_), Some(_)) => "tenant.subscription_changed",
        };
        registry::put_subscription(
            c,
            &SubscriptionRow {
                id: target.id().to_owned(),
                tenant_id: tenant_id.to_owned(),
                product_id: input.product.clone(),
                channel: input.channel.as_str().to_owned(),
                starts_on: input.starts_on,
                ends_on: input.ends_on,
                seats: input.seats,
            },
        )?;
        audit(c, viewer, action, tenant_id, target.id(), at)
    })
    .or_else(|e| unique_as(e, "subscription_id", TenantError::SubscriptionTaken))
}

/// Which subscription a save is about.
enum SubscriptionTarget<'a> {
    New(&'a SubscriptionId),
    Existing(&'a str),
}

impl<'a> SubscriptionTarget<'a> {
    /// A new subscription with the id typed, else the one being changed (`None` without
    /// either).
    fn of(new_id: Option<&'a SubscriptionId>, existing: Option<&'a str>) -> Option<Self> {
        match (new_id, existing) {
            (Some(id), _) => Some(SubscriptionTarget::New(id)),
            (None, Some(id)) => Some(SubscriptionTarget::Existing(id)),
            (None, None) => None,
        }
    }

    fn id(&self) -> &str {
        match self {
            SubscriptionTarget::New(id) => id.as_str(),
            SubscriptionTarget::Existing(id) => id,
        }
    }
}

/// Adds a month of usage, or replaces that month's figures.
pub fn put_usage(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    input: &UsageInput,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    edit(conn, viewer, now, |c, at| {
        if let Some(refusal) = unknown_tenant_or_product(c, tenant_id, &input.product)? {
            return Ok(refusal);
        }
        usage::put(
            c,
            &usage::NewUsage {
                tenant_id,
                product_id: &input.product,
                month: input.month,
                monthly_active_users: input.monthly_active_users,
                paid_units: input.paid_units,
            },
        )?;
        let detail = format!("{} {}", input.product, input.month.format("%Y-%m"));
        audit(c, viewer, "tenant.usage_set", tenant_id, &detail, at)
    })
}

pub fn remove_usage(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    product: &str,
    month: NaiveDate,
    now: DateTime<Utc>,
) -> anyhow::Result<Edited> {
    edit(conn, viewer, now, |c, at| {
        if !usage::remove(c, tenant_id, product, month)? {
            return Ok(Edited::NotFound);
        }
        let detail = format!("{product} {}", month.format("%Y-%m"));
        audit(c, viewer, "tenant.usage_removed", tenant_id, &detail, at)
    })
}

/// Runs `change` in one write transaction, for administrators only.
fn edit(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut AnyConnection, NaiveDateTime) -> anyhow::Result<Edited>,
) -> anyhow::Result<Edited> {
    if !access::can_administer(viewer) {
        return Ok(Edited::NotFound);
    }
    let at = db_time(now);
    write_transaction(conn, |c| change(c, at))
}

fn audit(
    c: &mut AnyConnection,
    viewer: &Viewer,
    action: &str,
    subject: &str,
    detail: &str,
    at: NaiveDateTime,
) -> anyhow::Result<Edited> {
    admin_audit::record(
        c,
        Some(viewer.user.as_str()),
        action,
        subject,
        Some(detail),
        at,
    )?;
    Ok(Edited::Done)
}

/// Why a row of `tenant_id` about `product` cannot be written, if it cannot.
fn unknown_tenant_or_product(
    c: &mut AnyConnection,
    tenant_id: &str,
    product: &str,
) -> anyhow::Result<Option<Edited>> {
    if registry::tenant_name(c, tenant_id)?.is_none() {
        return Ok(Some(Edited::NotFound));
    }
    if catalogue::find(c, product)?.is_none() {
        return refused("product", TenantError::ProductUnknown).map(Some);
    }
    Ok(None)
}

fn refused(field: &'static str, error: TenantError) -> anyhow::Result<Edited> {
    Ok(Edited::Refused(vec![(field, error)]))
}

/// A concurrent insert of the same key loses on the unique index: it ends as the field's
/// message, not an error page.
fn unique_as(e: anyhow::Error, field: &'static str, error: TenantError) -> anyhow::Result<Edited> {
    if is_unique_violation(&e) {
        Ok(Edited::Refused(vec![(field, error)]))
    } else {
        Err(e)
    }
}
