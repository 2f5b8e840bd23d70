//! `/review/{id}`: everything a reviewer needs to decide — the claim, its files, the tenant
//! registry's view of the customer (domains, subscriptions, official associations, and a
//! conflict shown first), the other open claims on its keys — and after all that the
//! decision forms ([`super::review_decisions`] takes them).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{
        access,
        claim::{Action, RejectionReason},
    },
    i18n::Catalogue,
    service::{
        competing::KeyLabel,
        review::{self, Case},
    },
};

use super::{
    claim::{DetailRow, summary},
    claim_parts::{FileLink, MessageView, file_links, message_views},
    error::AppError,
    forms::{Choice, FormErrors, choices},
    layout::Layout,
    render::page,
    review_decisions::reasons_for,
    session::Visitor,
    state::AppState,
};

pub struct SubscriptionView {
    pub id: String,
    pub product: String,
    pub channel: String,
    pub period: String,
    pub seats: i32,
}

/// Another open claim on one of this claim's keys.
pub struct CompetingView {
    pub href: String,
    pub name: String,
    pub partner: String,
    pub status_code: &'static str,
    pub status: &'static str,
    pub keys: String,
}

pub struct OfficialView {
    pub key: String,
    pub href: String,
    pub this_claim: bool,
}

/// What the reviewer typed, kept when a form comes back with an error.
#[derive(Default)]
pub struct Typed {
    pub comment: String,
    pub reason: String,
    pub reason_text: String,
    pub decision: String,
    pub decision_text: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "review/case.html")]
struct CasePage {
    layout: Layout,
    id: String,
    name: String,
    partner: String,
    status_code: &'static str,
    status: String,
    conflict: Option<String>,
    notice_undelivered: bool,
    details: Vec<DetailRow>,
    files: Vec<FileLink>,
    domains: String,
    subscriptions: Vec<SubscriptionView>,
    officials: Vec<OfficialView>,
    competing: Vec<CompetingView>,
    request: Option<String>,
    dispute: Option<String>,
    can_review: bool,
    can_decide_dispute: bool,
    reasons: Vec<Choice>,
    decisions: Vec<Choice>,
    messages: Vec<MessageView>,
    errors: FormErrors,
    typed: Typed,
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render(
        &visitor,
        &state,
        id.into_inner(),
        FormErrors::default(),
        Typed::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn render(
    visitor: &Visitor,
    state: &AppState,
    claim_id: String,
    errors: FormErrors,
    typed: Typed,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_review)?.viewer();
    let reasons = reasons_for(&viewer);
    let (now, target) = (state.now(), claim_id.clone());
    let case = state
        .db(move |conn| review::case(conn, &viewer, &target, now))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let template = case_page(visitor, state, &case, &reasons, t, errors, typed);
    page(status, &template)
}

fn case_page(
    visitor: &Visitor,
    state: &AppState,
    case: &Case,
    reasons: &[RejectionReason],
    t: &'static Catalogue,
    errors: FormErrors,
    typed: Typed,
) -> CasePage {
    let details = &case.details;
    let zone = state.settings.calendar_time_zone;
    let reasons = choices(
        "reason",
        reasons
            .iter()
            .map(|r| {
                (
                    r.as_str().to_owned(),
                    t.get(r.label_key()).to_owned(),
                    String::new(),
                )
            })
            .collect(),
        &typed.reason,
    );
    let decisions = choices(
        "decision",
        ["accept", "decline"]
            .into_iter()
            .map(|d| {
                (
                    d.to_owned(),
                    t.get(&format!("review.dispute.{d}")).to_owned(),
                    t.get(&format!("review.dispute.{d}_hint")).to_owned(),
                )
            })
            .collect(),
        &typed.decision,
    );
    CasePage {
        layout: Layout::new(visitor, "review.case.title").with_errors(!errors.is_empty()),
        id: details.row.id.clone(),
        name: details.row.name.clone(),
        partner: case.organisation.clone(),
        status_code: details.status.as_str(),
        status: t.get(details.status.label_key()).to_owned(),
        conflict: case.conflict.as_ref().map(|c| {
            let key = case
                .conflict_key
                .as_ref()
                .map_or_else(|| c.key().as_string(), |label| key_text(label, t));
            t.format("review.conflict", &[("key", &key)])
        }),
        notice_undelivered: case.customer_notice_undelivered
            && details.status == crate::domain::claim::Status::PendingCustomer,
        details: summary(details, t),
        files: file_links(details, t),
        domains: case.tenant_domains.join(", "),
        subscriptions: case
            .subscriptions
            .iter()
            .map(|s| SubscriptionView {
                id: s.id.clone(),
                product: s.product.clone(),
                channel: t.get(s.channel.label_key()).to_owned(),
                period: match s.ends_on {
                    Some(end) => format!("{} – {}", s.starts_on, end),
                    None => t.format(
                        "review.registry.open_ended",
                        &[("start", &s.starts_on.to_string())],
                    ),
                },
                seats: s.seats,
            })
            .collect(),
        officials: case
            .tenant_officials
            .iter()
            .map(|o| OfficialView {
                key: o
                    .label
                    .as_ref()
                    .map_or_else(|| o.key.clone(), |label| key_text(label, t)),
                href: format!("/review/{}", o.claim_id),
                this_claim: o.claim_id == details.row.id,
            })
            .collect(),
        competing: case
            .competing
            .iter()
            .map(|c| CompetingView {
                href: format!("/review/{}", c.id),
                name: c.name.clone(),
                partner: c.partner.clone(),
                status_code: c.status.as_str(),
                status: t.get(c.status.label_key()),
                keys: c
                    .keys
                    .iter()
                    .map(|k| key_text(k, t))
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect(),
        request: case.notes.latest_request.clone(),
        dispute: case.notes.dispute_justification.clone(),
        can_review: details.actions.contains(&Action::Validate),
        can_decide_dispute: details.actions.contains(&Action::DecideDispute),
        reasons,
        decisions,
        messages: message_views(&case.notes.messages, t, zone),
        errors,
        typed,
    }
}

/// A key as the reviewer reads it: programme and product name (and subscription).
pub fn key_text(label: &KeyLabel, t: &Catalogue) -> String {
    let programme = t.get(label.programme.label_key());
    match &label.subscription {
        None => t.format(
            "review.key.workload",
            &[("programme", programme), ("product", &label.product)],
        ),
        Some(subscription) => t.format(
            "review.key.subscription",
            &[
                ("programme", programme),
                ("product", &label.product),
                ("subscription", subscription),
            ],
        ),
    }
}
