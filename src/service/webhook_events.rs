//! The webhook events of a status change, written in the change's transaction: one delivery
//! row per working endpoint that listens (the claim's organisation's and the
//! administrators'), each with its payload fixed now, so every attempt sends the same body.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::{
    domain::{
        claim::Transition,
        webhooks::{WebhookEvent, event_of, events_of},
    },
    store::{AnyConnection, db_time, new_id, webhook_deliveries, webhooks},
};

use super::{claim_view::ClaimDetails, context::Context};

/// The JSON body of a delivery.
#[derive(Serialize)]
struct Payload<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    timestamp: String,
    data: ClaimData<'a>,
}

#[derive(Serialize)]
struct ClaimData<'a> {
    id: &'a str,
    name: &'a str,
    status: &'a str,
    organisation_id: &'a str,
    programme: &'a str,
    customer_domain: &'a str,
    tenant_id: &'a str,
    url: String,
}

/// Writes a delivery of the transition's event to every endpoint that listens for it.
pub fn enqueue(
    conn: &mut AnyConnection,
    ctx: &Context,
    details: &ClaimDetails,
    transition: &Transition,
) -> anyhow::Result<usize> {
    let Some(event) = event_of(transition) else {
        return Ok(0);
    };
    let endpoints: Vec<_> = webhooks::listening(conn, &details.row.organisation_id)?
        .into_iter()
        .filter(|endpoint| events_of(&endpoint.events).contains(&event))
        .collect();
    if endpoints.is_empty() {
        return Ok(0);
    }
    let now = transition.audit.at;
    let body = payload(ctx, details, transition, event, now)?;
    for endpoint in &endpoints {
        webhook_deliveries::insert(
            conn,
            &webhook_deliveries::NewDelivery {
                id: &format!("msg_{}", new_id()),
                endpoint_id: &endpoint.id,
                event: event.as_str(),
                claim_id: &details.row.id,
                payload: &body,
                state: webhook_deliveries::PENDING,
                attempts: 0,
                next_attempt_at: db_time(now),
                created_at: db_time(now),
            },
        )?;
    }
    Ok(endpoints.len())
}

fn payload(
    ctx: &Context,
    details: &ClaimDetails,
    transition: &Transition,
    event: WebhookEvent,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let row = &details.row;
    Ok(serde_json::to_string(&Payload {
        kind: event.as_str(),
        timestamp: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        data: ClaimData {
            id: &row.id,
            name: &row.name,
            status: transition.to.as_str(),
            organisation_id: &row.organisation_id,
            programme: details.programme.as_str(),
            customer_domain: &row.customer_domain,
            tenant_id: &row.tenant_id,
            url: ctx.link(&format!("/api/v1/claims/{}", row.id)),
        },
    })?)
}
