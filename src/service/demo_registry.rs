//! Demo catalogue and tenant registry: real-world product names, fictitious customers on
//! reserved `.example` domains.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::store::{
    AnyConnection,
    catalogue::{self, ProductRow},
    registry::{self, SubscriptionRow},
    usage,
};

/// (id, name, solution area, Dynamics 365?)
const PRODUCTS: [(&str, &str, &str, bool); 22] = [
    ("exchange-online", "Exchange Online", "microsoft_365", false),
    (
        "sharepoint-online",
        "SharePoint Online",
        "microsoft_365",
        false,
    ),
    ("onedrive", "OneDrive for Business", "microsoft_365", false),
    ("teams", "Microsoft Teams", "microsoft_365", false),
    (
        "m365-apps",
        "Microsoft 365 Apps for enterprise",
        "microsoft_365",
        false,
    ),
    ("intune", "Microsoft Intune", "microsoft_365", false),
    (
        "entra-id-p2",
        "Microsoft Entra ID P2",
        "microsoft_365",
        false,
    ),
    (
        "defender-office",
        "Microsoft Defender for Office 365",
        "microsoft_365",
        false,
    ),
    ("purview", "Microsoft Purview", "microsoft_365", false),
    ("windows-365", "Windows 365", "microsoft_365", false),
    (
        "d365-sales",
        "Dynamics 365 Sales",
        "business_applications",
        true,
    ),
    (
        "d365-customer-service",
        "Dynamics 365 Customer Service",
        "business_applications",
        true,
    ),
    (
        "d365-field-service",
        "Dynamics 365 Field Service",
        "business_applications",
        true,
    ),
    (
        "d365-finance",
        "Dynamics 365 Finance",
        "business_applications",
        true,
    ),
    (
        "d365-supply-chain",
        "Dynamics 365 Supply Chain Management",
        "business_applications",
        true,
    ),
    (
        "d365-business-central",
        "Dynamics 365 Business Central",
        "business_applications",
        true,
    ),
    (
        "d365-project-operations",
        "Dynamics 365 Project Operations",
        "business_applications",
        true,
    ),
    (
        "power-bi-pro",
        "Power BI Pro",
        "business_applications",
        false,
    ),
    (
        "power-bi-premium",
        "Power BI Premium",
        "business_applications",
        false,
    ),
    ("power-apps", "Power Apps", "business_applications", false),
    (
        "power-automate",
        "Power Automate",
        "business_applications",
        false,
    ),
    (
        "copilot-studio",
        "Microsoft Copilot Studio",
        "business_applications",
        false,
    ),
];

/// (tenant id, name, verified domains)
const TENANTS: [(&str, &str, &[&str]); 4] = [
    (
        "6f1c2a3b-4d5e-4f60-8a71-9b0c1d2e3f40",
        "Northwind Traders",
        &["northwindtraders.example", "northwind.example"],
    ),
    (
        "a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d",
        "Tailspin Toys",
        &["tailspintoys.example"],
    ),
    (
        "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a",
        "Wide World Importers",
        &["wideworldimporters.example"],
    ),
    (
        "5c4b3a29-1807-4f6e-9d5c-4b3a29180706",
        "Fourth Coffee",
        &["fourthcoffee.example"],
    ),
];

/// (subscription id, tenant index, product, channel, start, end, seats)
type DemoSubscription = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    (i32, u32, u32),
    Option<(i32, u32, u32)>,
    i32,
);
const SUBSCRIPTIONS: [DemoSubscription; 11] = [
    (
        "11111111-aaaa-4bbb-8ccc-000000000001",
        0,
        "d365-sales",
        "volume_licensing",
        (2025, 7, 1),
        Some((2028, 6, 30)),
        250,
    ),
    (
        "11111111-aaaa-4bbb-8ccc-000000000002",
        0,
        "d365-sales",
        "web_direct",
        (2026, 2, 1),
        Some((2027, 1, 31)),
        40,
    ),
    (
        "11111111-aaaa-4bbb-8ccc-000000000003",
        0,
        "d365-customer-service",
        "csp",
        (2025, 9, 1),
        Some((2026, 12, 31)),
        60,
    ),
    (
        "11111111-aaaa-4bbb-8ccc-000000000004",
        0,
        "power-bi-pro",
        "web_direct",
        (2024, 1, 1),
        None,
        500,
    ),
    (
        "11111111-aaaa-4bbb-8ccc-000000000005",
        0,
        "exchange-online",
        "volume_licensing",
        (2023, 1, 1),
        None,
        1200,
    ),
    (
        "11111111-aaaa-4bbb-8ccc-000000000006",
        0,
        "teams",
        "volume_licensing",
        (2023, 1, 1),
        None,
        1200,
    ),
    (
        "22222222-aaaa-4bbb-8ccc-000000000001",
        1,
        "d365-business-central",
        "volume_licensing",
        (2025, 4, 1),
        Some((2028, 3, 31)),
        35,
    ),
    (
        "22222222-aaaa-4bbb-8ccc-000000000002",
        1,
        "sharepoint-online",
        "web_direct",
        (2024, 6, 1),
        None,
        80,
    ),
    (
        "33333333-aaaa-4bbb-8ccc-000000000001",
        2,
        "d365-finance",
        "csp",
        (2025, 1, 1),
        Some((2027, 12, 31)),
        120,
    ),
    (
        "33333333-aaaa-4bbb-8ccc-000000000002",
        2,
        "d365-supply-chain",
        "volume_licensing",
        (2025, 1, 1),
        Some((2027, 12, 31)),
        90,
    ),
    (
        "44444444-aaaa-4bbb-8ccc-000000000001",
        3,
        "intune",
        "volume_licensing",
        (2024, 3, 1),
        None,
        300,
    ),
];

pub fn seed(conn: &mut AnyConnection, at: NaiveDateTime) -> anyhow::Result<()> {
    for (order, (id, name, area, is_dynamics365)) in PRODUCTS.iter().enumerate() {
        catalogue::insert(
            conn,
            &ProductRow {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                solution_area: (*area).to_owned(),
                is_dynamics365: *is_dynamics365,
                active: true,
                sort_order: i32::try_from(order)?,
            },
        )?;
    }
    for (id, name, domains) in TENANTS {
        registry::insert_tenant(conn, id, name, at)?;
        for domain in domains {
            registry::insert_domain(conn, domain, id)?;
        }
    }
    for (id, tenant, product, channel, start, end, seats) in SUBSCRIPTIONS {
        registry::insert_subscription(
            conn,
            &SubscriptionRow {
                id: id.to_owned(),
                tenant_id: TENANTS[tenant].0.to_owned(),
                product_id: product.to_owned(),
                channel: channel.to_owned(),
                starts_on: date(start)?,
                ends_on: end.map(date).transpose()?,
                seats,
            },
        )?;
    }
    seed_usage(conn, at.date())
}

/// Six months of usage for every product a tenant subscribes to, ending with `today`'s
/// month: paid units are the seats, active users a varying share of them.
fn seed_usage(conn: &mut AnyConnection, today: NaiveDate) -> anyhow::Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (_, tenant, product, _, _, _, seats) in SUBSCRIPTIONS {
        let tenant_id = TENANTS[tenant].0;
        if !seen.insert((tenant_id, product)) {
            continue;
        }
        for back in 0..6u32 {
            let month = today
                .with_day(1)
                .and_then(|first| first.checked_sub_months(chrono::Months::new(back)))
                .ok_or_else(|| anyhow::anyhow!("no month {back} before {today}"))?;
            let share = 60 + (back * 7 + u32::try_from(seats % 13)?) % 35;
            usage::insert(
                conn,
                &usage::NewUsage {
                    tenant_id,
                    product_id: product,
                    month,
                    monthly_active_users: seats * i32::try_from(share)? / 100,
                    paid_units: seats,
                },
            )?;
        }
    }
    Ok(())
}

fn date((y, m, d): (i32, u32, u32)) -> anyhow::Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| anyhow::anyhow!("bad demo date {y}-{m}-{d}"))
}
