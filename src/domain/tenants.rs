//! A customer tenant's registry entries as administrators edit them one by one: the tenant,
//! a verified domain, a subscription, a month of usage. Every problem is reported at once,
//! each with the form field it belongs to.

use chrono::NaiveDate;

use super::draft::Channel;
use super::errors::Message;
use super::values::{DomainName, OrganisationName, SubscriptionId, TenantId, ValueError};

/// The largest seat or user count accepted (a typing slip, not a real tenant, beyond it).
pub const MAX_COUNT: i32 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TenantError {
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error("no product chosen")]
    ProductRequired,
    #[error("unknown product")]
    ProductUnknown,
    #[error("no channel chosen")]
    ChannelRequired,
    #[error("not a date")]
    DateInvalid,
    #[error("not a month")]
    MonthInvalid,
    #[error("ends before it starts")]
    EndsBeforeStart,
    #[error("not a whole number in range")]
    CountInvalid { max: i32 },
    #[error("tenant already in the registry")]
    TenantTaken,
    #[error("subscription already in the registry")]
    SubscriptionTaken,
    #[error("domain belongs to another tenant")]
    DomainTaken,
}

impl Message for TenantError {
    fn key(&self) -> &'static str {
        match self {
            TenantError::Value(e) => e.key(),
            TenantError::ProductRequired => "tenant.product_required",
            TenantError::ProductUnknown => "tenant.product_unknown",
            TenantError::ChannelRequired => "tenant.channel_required",
            TenantError::DateInvalid => "tenant.date_invalid",
            TenantError::MonthInvalid => "tenant.month_invalid",
            TenantError::EndsBeforeStart => "tenant.ends_before_start",
            TenantError::CountInvalid { .. } => "tenant.count_invalid",
            TenantError::TenantTaken => "tenant.tenant_taken",
            TenantError::SubscriptionTaken => "tenant.subscription_taken",
            TenantError::DomainTaken => "tenant.domain_taken",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            TenantError::Value(e) => e.args(),
            TenantError::CountInvalid { max } => vec![("max", max.to_string())],
            _ => Vec::new(),
        }
    }
}

/// Problems with their form field.
pub type Problems = Vec<(&'static str, TenantError)>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionInput {
    pub product: String,
    pub channel: Channel,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub seats: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageInput {
    pub product: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

/// A new tenant: its directory ID and name.
pub fn parse_new_tenant(id: &str, name: &str) -> Result<(TenantId, OrganisationName), Problems> {
    let mut problems = Problems::new();
    let id = TenantId::parse(id).map_err(|e| problems.push(("tenant_id", e.into())));
    let name = parse_name(name).map_err(|mut p| problems.append(&mut p));
    match (id, name) {
        (Ok(id), Ok(name)) => Ok((id, name)),
        _ => Err(problems),
    }
}

pub fn parse_name(name: &str) -> Result<OrganisationName, Problems> {
    OrganisationName::parse(name).map_err(|e| vec![("name", e.into())])
}

pub fn parse_domain(domain: &str) -> Result<DomainName, Problems> {
    DomainName::parse(domain).map_err(|e| vec![("domain", e.into())])
}

/// A subscription's details; `id` is parsed only for a new one (`Some`).
pub fn parse_subscription(
    id: Option<&str>,
    product: &str,
    channel: &str,
    starts_on: &str,
    ends_on: &str,
    seats: &str,
) -> Result<(Option<SubscriptionId>, SubscriptionInput), Problems> {
    let mut problems = Problems::new();
    let id = match id {
        Some(raw) => SubscriptionId::parse(raw)
            .map(Some)
            .map_err(|e| problems.push(("subscription_id", e.into()))),
        None => Ok(None),
    };
    let product = required_product(product, &mut problems);
    let channel = Channel::parse(channel.trim()).ok_or_else(|| {
        problems.push(("channel", TenantError::ChannelRequired));
    });
    let starts = parse_date(starts_on).ok_or_else(|| {
        problems.push(("starts_on", TenantError::DateInvalid));
    });
    let ends = if ends_on.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(ends_on)
            .map(Some)
            .ok_or_else(|| problems.push(("ends_on", TenantError::DateInvalid)))
    };
    if let (Ok(start), Ok(Some(end))) = (&starts, &ends)
        && end < start
    {
        problems.push(("ends_on", TenantError::EndsBeforeStart));
    }
    let seats = parse_count(seats, "seats", &mut problems);
    match (id, product, channel, starts, ends, seats) {
        (Ok(id), Some(product), Ok(channel), Ok(starts_on), Ok(ends_on), Some(seats))
            if problems.is_empty() =>
        {
            Ok((
                id,
                SubscriptionInput {
                    product,
                    channel,
                    starts_on,
                    ends_on,
                    seats,
                },
            ))
        }
        _ => Err(problems),
    }
}

/// A month of usage: the month as `YYYY-MM` (what `<input type="month">` sends).
pub fn parse_usage(
    product: &str,
    month: &str,
    monthly_active_users: &str,
    paid_units: &str,
) -> Result<UsageInput, Problems> {
    let mut problems = Problems::new();
    let product = required_product(product, &mut problems);
    let month = parse_month(month);
    if month.is_none() {
        problems.push(("month", TenantError::MonthInvalid));
    }
    let users = parse_count(monthly_active_users, "monthly_active_users", &mut problems);
    let paid = parse_count(paid_units, "paid_units", &mut problems);
    match (product, month, users, paid) {
        (Some(product), Some(month), Some(monthly_active_users), Some(paid_units)) => {
            Ok(UsageInput {
                product,
                month,
                monthly_active_users,
                paid_units,
            })
        }
        _ => Err(problems),
    }
}

/// `YYYY-MM` as the month's first day.
pub fn parse_month(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.len() != 7 {
        return None;
    }
    NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d").ok()
}

fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    (raw.len() == 10)
        .then(|| NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok())
        .flatten()
}

fn required_product(raw: &str, problems: &mut Problems) -> Option<String> {
    let product = raw.trim();
    if product.is_empty() {
        problems.push(("product", TenantError::ProductRequired));
        None
    } else {
        Some(product.to_owned())
    }
}

fn parse_count(raw: &str, field: &'static str, problems: &mut Problems) -> Option<i32> {
    let count = raw
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=MAX_COUNT).contains(n));
    if count.is_none() {
        problems.push((field, TenantError::CountInvalid { max: MAX_COUNT }));
    }
    count
}
