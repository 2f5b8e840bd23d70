//! The parts of the claim page that say why a claim stands where it does: the rejection and
//! the reviewers' words, what another partner holds (never who), the customer's opt-out
//! reason, and the usage chart of an official association.

use chrono::NaiveDate;

use crate::{
    i18n::Catalogue,
    service::{
        claim_view::ProductUsage,
        conversation::{Notes, StatedReason},
        exclusivity::TakenKey,
    },
};

use super::{
    format,
    usage_chart::{self, ChartGeometry, MonthValues},
};

/// The rejection: the reason from the fixed list, the reviewer's text, and the final
/// decision on a dispute.
pub struct RejectionView {
    pub reason: String,
    pub text: Option<String>,
    pub final_text: Option<String>,
}

pub fn rejection(notes: &Notes, t: &Catalogue) -> Option<RejectionView> {
    let stated = notes.rejection.as_ref()?;
    let final_text = notes
        .final_decision
        .as_ref()
        .map(|r| r.text.clone().unwrap_or_else(|| reason_label(r, t)));
    Some(RejectionView {
        reason: reason_label(stated, t),
        text: stated.text.clone(),
        final_text,
    })
}

fn reason_label(reason: &StatedReason, t: &Catalogue) -> String {
    t.get(reason.code.label_key()).to_owned()
}

/// The customer's reason for opting out (or ending the association), or that they gave none.
pub fn opt_out(notes: &Notes, t: &Catalogue) -> Option<String> {
    let stated = notes.opt_out.as_ref()?;
    Some(
        stated
            .text
            .clone()
            .unwrap_or_else(|| t.get("claim.opt_out.none").to_owned()),
    )
}

/// One row of the "what another partner holds" table.
pub struct TakenView {
    pub what: String,
    pub since: String,
    pub until: String,
    pub own: bool,
}

pub fn taken(keys: &[TakenKey], t: &Catalogue, zone: chrono_tz::Tz) -> Vec<TakenView> {
    keys.iter()
        .map(|k| TakenView {
            what: match &k.subscription {
                Some(subscription) => t.format(
                    "claim.taken.subscription",
                    &[("product", &k.product), ("subscription", subscription)],
                ),
                None => k.product.clone(),
            },
            since: format::instant(k.official_since, zone, t),
            until: k.ends_at.map_or_else(
                || t.get("claim.taken.no_end").to_owned(),
                |at| format::deadline(at, zone, t),
            ),
            own: k.own_organisation,
        })
        .collect()
}

/// One product's usage chart, with its title and description for assistive technology.
pub struct ChartView {
    /// Unique on the page, for `aria-labelledby`.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub users_label: String,
    pub units_label: String,
    pub geometry: ChartGeometry,
}

/// A chart per product, in the order products first appear in `usage`.
pub fn charts(usage: &[ProductUsage], t: &Catalogue) -> Vec<ChartView> {
    let mut products: Vec<&str> = Vec::new();
    for u in usage {
        if !products.contains(&u.product_name.as_str()) {
            products.push(&u.product_name);
        }
    }
    let label = |month: NaiveDate| month.format("%Y-%m").to_string();
    products
        .iter()
        .enumerate()
        .map(|(i, product)| {
            let months: Vec<MonthValues> = usage
                .iter()
                .filter(|u| u.product_name == *product)
                .map(|u| MonthValues {
                    month: u.month,
                    active_users: u.monthly_active_users,
                    paid_units: u.paid_units,
                })
                .collect();
            let geometry = usage_chart::geometry(&months, label);
            let first = geometry.month_ticks.first().map(|m| m.label.clone());
            let last = geometry.month_ticks.last().map(|m| m.label.clone());
            ChartView {
                id: format!("usage-chart-{i}"),
                title: t.format("usage.chart.title", &[("product", product)]),
                desc: t.format(
                    "usage.chart.desc",
                    &[
                        ("from", &first.unwrap_or_default()),
                        ("to", &last.unwrap_or_default()),
                        ("users", &geometry.max_users.to_string()),
                        ("units", &geometry.max_units.to_string()),
                    ],
                ),
                users_label: t.get("usage.active_users").to_owned(),
                units_label: t.get("usage.paid_units").to_owned(),
                geometry,
            }
        })
        .collect()
}
