//! What the registry's administration pages show: tenants browsed by name, one tenant with
//! its domains, subscriptions and usage, and the form of one subscription. Changes are
//! [`tenants_admin`](super::tenants_admin)'s.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::{
    domain::{
        access::{self, Viewer},
        draft::Channel,
        keyset::KeysetPosition,
        search::{SearchError, parse_search},
    },
    store::{
        AnyConnection, catalogue,
        registry::{self, SubscriptionRow},
        usage::{self, TenantUsageRow},
    },
};

/// Tenants per page.
pub const PAGE_SIZE: i64 = 50;
/// Usage rows shown on the tenant's page (two years of a dozen products).
pub const USAGE_SHOWN: i64 = 300;

/// The registry list's query string, as typed; an unknown position is ignored.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct BrowseRequest {
    /// Part of a tenant's name, its id, or the start of one of its domains.
    pub q: String,
    /// Where the previous page ended ([`KeysetPosition::encode`]).
    pub after: String,
}

impl BrowseRequest {
    /// The search term; a term that cannot be searched for is not applied, and the page says
    /// why.
    pub fn search(&self) -> Result<Option<String>, SearchError> {
        parse_search(&self.q)
    }

    /// The search as applied (never the position), for the next page's link.
    pub fn filter_pairs(&self) -> [(&'static str, &str); 1] {
        [("q", self.q.trim())]
    }
}

pub struct TenantSummary {
    pub id: String,
    pub name: String,
}

pub struct TenantList {
    pub tenants: Vec<TenantSummary>,
    /// Where the next page starts, when there is one.
    pub next: Option<KeysetPosition>,
}

/// A page of registry tenants by name. `None`: not an administrator.
pub fn browse(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    request: &BrowseRequest,
) -> anyhow::Result<Option<TenantList>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let after = KeysetPosition::decode(&request.after);
    let mut found = registry::browse(
        conn,
        request.search().ok().flatten().as_deref(),
        after.as_ref(),
        PAGE_SIZE + 1,
    )?;
    let more = found.len() as i64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let next = found
        .last()
        .filter(|_| more)
        .map(|(id, name)| KeysetPosition::new(name.as_str(), id.as_str()));
    let tenants = found
        .into_iter()
        .map(|(id, name)| TenantSummary { id, name })
        .collect();
    Ok(Some(TenantList { tenants, next }))
}

/// A product of the catalogue, to choose in a form.
pub struct ProductChoice {
    pub id: String,
    pub name: String,
}

pub struct Subscription {
    pub id: String,
    pub product_id: String,
    /// The product's name (its id when the catalogue has no such product).
    pub product: String,
    pub channel: Channel,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub seats: i32,
}

impl Subscription {
    /// An unknown stored channel is an error, never a blank.
    fn new(row: SubscriptionRow, products: &[ProductChoice]) -> anyhow::Result<Self> {
        let product = products
            .iter()
            .find(|p| p.id == row.product_id)
            .map_or_else(|| row.product_id.clone(), |p| p.name.clone());
        Ok(Self {
            channel: Channel::try_from(row.channel)?,
            id: row.id,
            product_id: row.product_id,
            product,
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            seats: row.seats,
        })
    }
}

/// One month of a product's usage by the tenant.
pub struct UsageMonth {
    pub product_id: String,
    pub product: String,
    /// The first day of the month.
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

impl From<TenantUsageRow> for UsageMonth {
    fn from(row: TenantUsageRow) -> Self {
        Self {
            product_id: row.product_id,
            product: row.product_name,
            month: row.month,
            monthly_active_users: row.monthly_active_users,
            paid_units: row.paid_units,
        }
    }
}

pub struct TenantDetail {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub subscriptions: Vec<Subscription>,
    /// Newest month first, at most [`USAGE_SHOWN`] rows.
    pub usage: Vec<UsageMonth>,
    /// Whether older usage exists beyond what is shown.
    pub usage_cut: bool,
    /// The catalogue, for the usage form.
    pub products: Vec<ProductChoice>,
}

/// One tenant. `None`: not an administrator, or no such tenant.
pub fn tenant(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
) -> anyhow::Result<Option<TenantDetail>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let Some(name) = registry::tenant_name(conn, tenant_id)? else {
        return Ok(None);
    };
    let products = product_choices(conn)?;
    let subscriptions = subscriptions_named(conn, tenant_id, &products)?;
    let usage = usage::of_tenant(conn, tenant_id, USAGE_SHOWN)?;
    Ok(Some(TenantDetail {
        id: tenant_id.to_owned(),
        name,
        domains: registry::tenant_domains(conn, tenant_id)?.unwrap_or_default(),
        subscriptions,
        usage_cut: usage.len() as i64 >= USAGE_SHOWN,
        usage: usage.into_iter().map(UsageMonth::from).collect(),
        products,
    }))
}

/// What the subscription form shows besides what is typed.
pub struct SubscriptionFormView {
    pub tenant_name: String,
    pub products: Vec<ProductChoice>,
    /// The stored subscription, when one was asked for.
    pub subscription: Option<Subscription>,
}

/// The form for a subscription of `tenant_id`: a new one, or `subscription_id` as stored.
/// `None`: not an administrator, no such tenant, or no such subscription of it.
pub fn subscription_form(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    tenant_id: &str,
    subscription_id: Option<&str>,
) -> anyhow::Result<Option<SubscriptionFormView>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let Some(tenant_name) = registry::tenant_name(conn, tenant_id)? else {
        return Ok(None);
    };
    let products = product_choices(conn)?;
    let subscription = match subscription_id {
        None => None,
        Some(id) => match registry::find_subscription(conn, id)? {
            Some(row) if row.tenant_id == tenant_id => Some(Subscription::new(row, &products)?),
            _ => return Ok(None),
        },
    };
    Ok(Some(SubscriptionFormView {
        tenant_name,
        products,
        subscription,
    }))
}

/// The tenant's subscriptions, each with its product's name from the catalogue.
pub fn subscriptions(
    conn: &mut AnyConnection,
    tenant_id: &str,
) -> anyhow::Result<Vec<Subscription>> {
    let products = product_choices(conn)?;
    subscriptions_named(conn, tenant_id, &products)
}

/// The tenant's subscriptions with the products' names from the catalogue as already read.
pub fn subscriptions_named(
    conn: &mut AnyConnection,
    tenant_id: &str,
    products: &[ProductChoice],
) -> anyhow::Result<Vec<Subscription>> {
    registry::subscriptions_of(conn, tenant_id)?
        .into_iter()
        .map(|row| Subscription::new(row, products))
        .collect()
}

/// The catalogue's products, id and name.
pub fn product_choices(conn: &mut AnyConnection) -> anyhow::Result<Vec<ProductChoice>> {
    Ok(catalogue::all(conn)?
        .into_iter()
        .map(|p| ProductChoice {
            id: p.id,
            name: p.name,
        })
        .collect())
}
