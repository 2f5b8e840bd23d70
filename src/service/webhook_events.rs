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
    store::{
        AnyConnection, db_time, new_id, webhook_deliveries,
        webhooks::{self, EndpointRow},
    },
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
    if event_of(transition).is_none() {
        return Ok(0);
    }
    let endpoints = webhooks::listening(conn, &details.row.organisation_id)?;
    let deliveries = deliveries(ctx, details, transition, &endpoints)?;
    for delivery in &deliveries {
        webhook_deliveries::insert(conn, &delivery.row())?;
    }
    Ok(deliveries.len())
}

/// A delivery of a change's event, ready to be written.
pub struct Delivery {
    id: String,
    endpoint_id: String,
    event: WebhookEvent,
    claim_id: String,
    payload: std::rc::Rc<str>,
    at: DateTime<Utc>,
}

impl Delivery {
    pub fn row(&self) -> webhook_deliveries::NewDelivery<'_> {
        webhook_deliveries::NewDelivery {
            id: &self.id,
            endpoint_id: &self.endpoint_id,
            event: self.event.as_str(),
            claim_id: &self.claim_id,
            payload: &self.payload,
            state: webhook_deliveries::PENDING,
            attempts: 0,
            next_attempt_at: db_time(self.at),
            created_at: db_time(self.at),
        }
    }
}

/// The deliveries of the transition's event to those of `endpoints` that listen for it on
/// this claim (its organisation's and the administrators').
pub fn deliveries(
    ctx: &Context,
    details: &ClaimDetails,
    transition: &Transition,
    endpoints: &[EndpointRow],
) -> anyhow::Result<Vec<Delivery>> {
    let Some(event) = event_of(transition) else {
        return Ok(Vec::new());
    };
    let organisation = details.row.organisation_id.as_str();
    let listening: Vec<&EndpointRow> = endpoints
        .iter()
        .filter(|e| {
            e.organisation_id
                .as_deref()
                .is_none_or(|o| o == organisation)
        })
        .filter(|endpoint| events_of(&endpoint.events).contains(&event))
        .collect();
    if listening.is_empty() {
        return Ok(Vec::new());
    }
    let now = transition.audit.at;
    let body: std::rc::Rc<str> = payload(ctx, details, transition, event, now)?.into();
    Ok(listening
        .into_iter()
        .map(|endpoint| Delivery {
            id: format!("msg_{}", new_id()),
            endpoint_id: endpoint.id.clone(),
            event,
            claim_id: details.row.id.clone(),
            payload: body.clone(),
            at: now,
        })
        .collect())
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
