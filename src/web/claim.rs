//! `/associations/{id}` (the claim: details, Status, what happens next) and
//! `/associations/{id}/history`.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::claim::{Action, DisputeStanding, ReasonCode, RejectionReason, Section, Status},
    i18n::Catalogue,
    service::{
        claim_view::{self, ClaimDetails, HistoryEntry},
        conversation::Notes,
    },
};

pub use super::claim_summary::{DetailRow, summary};

use super::{
    claim_outcome::{self, ChartView, RejectionView, TakenView},
    claim_parts::{FileLink, MessageView, file_links, message_views},
    error::AppError,
    format,
    forms::FormErrors,
    layout::Layout,
    render::page,
    session::Visitor,
    state::AppState,
};

/// Something still missing, with a link to the step that fills it in (where it exists).
pub struct Missing {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "associations/show.html")]
struct ClaimPage {
    layout: Layout,
    id: String,
    name: String,
    status_code: &'static str,
    status: String,
    next: String,
    /// What still stops the draft from being submitted.
    missing: Vec<Missing>,
    details: Vec<DetailRow>,
    files: Vec<FileLink>,
    files_change: Option<String>,
    can_submit: bool,
    can_withdraw: bool,
    can_resubmit: bool,
    can_dispute: bool,
    /// The reviewer's request, while the claim waits for the partner's answer.
    request: Option<String>,
    /// Why a rejected claim was rejected.
    rejection: Option<RejectionView>,
    /// Rejected because other claims hold its keys (`taken` lists them while they do).
    lost_to_another: bool,
    taken: Vec<TakenView>,
    /// Why the customer opted out.
    opt_out: Option<String>,
    charts: Vec<ChartView>,
    can_message: bool,
    messages: Vec<MessageView>,
    message: String,
    usage: Vec<UsageLine>,
    errors: FormErrors,
}

pub struct UsageLine {
    pub month: String,
    pub product: String,
    pub active_users: i32,
    pub paid_units: i32,
}

pub struct HistoryLine {
    pub at: String,
    pub who: String,
    pub from: String,
    pub to: String,
    pub why: String,
}

#[derive(Template)]
#[template(path = "associations/history.html")]
struct HistoryPage {
    layout: Layout,
    id: String,
    name: String,
    lines: Vec<HistoryLine>,
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
        String::new(),
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

/// The claim page; `message` and `errors` re-show a message that could not be sent.
pub async fn render(
    visitor: &Visitor,
    state: &AppState,
    id: String,
    message: String,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let claim_id = id.clone();
    let claim_view::ClaimPage {
        details,
        notes,
        dispute,
        taken,
        usage,
    } = state
        .db(move |conn| claim_view::claim_page(conn, &viewer, &claim_id, now))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let template = ClaimPage {
        layout: Layout::new(visitor, "claim.title").with_errors(!errors.is_empty()),
        id,
        name: details.row.name.clone(),
        status_code: details.status.as_str(),
        status: t.get(details.status.label_key()).to_owned(),
        next: next_step(&details, dispute, &notes, t, zone),
        missing: details
            .missing
            .iter()
            .filter(|_| matches!(details.status, Status::Draft | Status::ActionRequired))
            .map(|m| Missing {
                text: t.message(m),
                href: step_href(&details, m.step()),
            })
            .collect(),
        details: summary(&details, t),
        files: file_links(&details, t),
        files_change: step_href(&details, 6),
        can_submit: details.status == Status::Draft
            && details.editable.contains(&Section::Comments),
        can_withdraw: details.actions.contains(&Action::Withdraw),
        can_resubmit: details.actions.contains(&Action::Resubmit),
        can_dispute: details.actions.contains(&Action::Dispute),
        request: notes
            .latest_request
            .clone()
            .filter(|_| details.status == Status::ActionRequired),
        rejection: claim_outcome::rejection(&notes, t)
            .filter(|_| details.status == Status::Rejected),
        lost_to_another: details.status == Status::Rejected
            && notes.rejection.as_ref().is_some_and(|r| {
                r.code == ReasonCode::Rejection(RejectionReason::WorkloadAlreadyAssociated)
            }),
        taken: claim_outcome::taken(&taken, t, zone),
        opt_out: claim_outcome::opt_out(&notes, t).filter(|_| details.status == Status::OptedOut),
        charts: claim_outcome::charts(&usage, t),
        can_message: details.status != Status::Draft,
        messages: message_views(&notes.messages, t, zone),
        message,
        usage: usage
            .iter()
            .map(|u| UsageLine {
                month: u.month.format("%Y-%m").to_string(),
                product: u.product_name.clone(),
                active_users: u.monthly_active_users,
                paid_units: u.paid_units,
            })
            .collect(),
        errors,
    };
    page(status, &template)
}

pub async fn history(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let id = id.into_inner();
    let claim_id = id.clone();
    let history = state
        .db(move |conn| claim_view::history(conn, &viewer, &claim_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    page(
        StatusCode::OK,
        &HistoryPage {
            layout: Layout::new(&visitor, "history.title"),
            id,
            name: history.name,
            lines: history
                .entries
                .iter()
                .map(|e| history_line(e, t, zone))
                .collect(),
        },
    )
}

fn history_line(e: &HistoryEntry, t: &Catalogue, zone: chrono_tz::Tz) -> HistoryLine {
    let role = t.get(e.actor.label_key());
    let who = match &e.actor_name {
        Some(name) => format!("{name} ({role})"),
        None => role.to_owned(),
    };
    let reason = e.reason.map(|r| t.get(r.label_key()));
    let why = match (reason, e.reason_text.as_deref()) {
        (Some(r), Some(text)) => format!("{r}: {text}"),
        (Some(r), None) => r.to_owned(),
        (None, Some(text)) => text.to_owned(),
        (None, None) if e.from.is_none() => t.get("history.created").to_owned(),
        (None, None) => String::new(),
    };
    HistoryLine {
        at: format::instant(e.at, zone, t),
        who,
        from: e.from.map_or("", |s| t.get(s.label_key())).to_owned(),
        to: t.get(e.to.label_key()).to_owned(),
        why,
    }
}

/// The claim, when the viewer may take `action` on it now; 404 when they may not see it,
/// 403 when the action is not open to them (any more).
pub(super) async fn allowing(
    visitor: &Visitor,
    state: &AppState,
    claim_id: String,
    action: Action,
) -> Result<ClaimDetails, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let details = state
        .db(move |conn| claim_view::load(conn, &viewer, &claim_id, now))
        .await?
        .ok_or(AppError::NotFound)?;
    if !details.actions.contains(&action) {
        return Err(AppError::Forbidden);
    }
    Ok(details)
}

/// What happens next, in a sentence that fits the status (for a rejection, whether and
/// until when it can be disputed: a declined dispute reads otherwise than an accepted one
/// ending in a later rejection).
fn next_step(
    details: &ClaimDetails,
    dispute: Option<DisputeStanding>,
    notes: &Notes,
    t: &Catalogue,
    zone: chrono_tz::Tz,
) -> String {
    match dispute {
        Some(DisputeStanding::Open { until }) => {
            return t.format(
                "claim.next.rejected_open",
                &[("at", &format::instant(until, zone, t))],
            );
        }
        Some(DisputeStanding::Passed { at }) => {
            return t.format(
                "claim.next.rejected_passed",
                &[("at", &format::instant(at, zone, t))],
            );
        }
        Some(DisputeStanding::Used) if notes.final_decision.is_some() => {
            return t.get("claim.next.rejected_final").to_owned();
        }
        Some(DisputeStanding::Used) => {
            return t.get("claim.next.rejected_dispute_used").to_owned();
        }
        None => {}
    }
    let ended = notes
        .opt_out
        .as_ref()
        .is_some_and(|stated| stated.code == ReasonCode::CustomerEnded);
    if details.status == Status::OptedOut && ended {
        return t.get("claim.next.ended_by_customer").to_owned();
    }
    let key = format!("claim.next.{}", details.status.as_str());
    match (
        details.status,
        details.snapshot.window_closes_at,
        details.snapshot.action_required_due,
    ) {
        (Status::PendingCustomer, Some(at), _) => {
            t.format(&key, &[("at", &format::deadline(at, zone, t))])
        }
        (Status::ActionRequired, _, Some(at)) => {
            t.format(&key, &[("at", &format::deadline(at, zone, t))])
        }
        _ => t.get(&key).to_owned(),
    }
}

/// The URL of a wizard step of this claim, when it exists and the viewer may use it now.
pub(super) fn step_href(details: &ClaimDetails, step: u8) -> Option<String> {
    let (section, path) = match step {
        4 => (Section::Products, "products"),
        5 => (Section::Contacts, "contacts"),
        6 => (Section::ProofOfExecution, "files"),
        7 => (Section::Comments, "submit"),
        _ => return None,
    };
    details
        .editable
        .contains(&section)
        .then(|| format!("/associations/{}/{path}", details.row.id))
}
