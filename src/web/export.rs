//! `/associations/export.csv`: the current filtered view as CSV, streamed batch by batch
//! (never built in memory), read with the same keyset queries as the list. With
//! `format=excel` the file begins with a UTF-8 byte order mark: Excel on Japanese Windows
//! reads UTF-8 without one as Shift_JIS.

use actix_web::{HttpResponse, web};
use futures_util::stream;
use serde::Deserialize;
use tokio::sync::mpsc;

use crate::{
    domain::access,
    i18n::Catalogue,
    service::associations::{self, ExportedClaim, ListRequest},
};

use super::{error::AppError, session::Visitor, state::AppState};

const BATCH: i64 = 500;

/// The UTF-8 byte order mark.
const BOM: &str = "\u{FEFF}";

/// Which flavour of CSV: `excel` for the byte order mark, anything else plain.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportFormat {
    format: String,
}

pub async fn export_csv(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<ListRequest>,
    format: web::Query<ExportFormat>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?;
    let organisation = user.organisation_id.clone().unwrap_or_default();
    let request = query.into_inner();
    // A term the list page refused (it offers no export then) gets no unfiltered file.
    request.search().map_err(|_| AppError::BadRequest)?;
    // The stream reads on its own connection after the response has begun: confirm the
    // session first, so a user signed out or deactivated elsewhere gets no file.
    state.confirm_session().await?;
    let t = Catalogue::for_locale(visitor.locale);
    let bom = if format.format == "excel" { BOM } else { "" };
    let listed = (request, state.now());
    let body = csv_stream(state.clone(), organisation, listed, t, bom);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"customer-associations.csv\"",
        ))
        .streaming(body))
}

/// `bom` (or nothing), the header, then the rows batch by batch, read on a blocking thread.
fn csv_stream(
    state: web::Data<AppState>,
    organisation: String,
    (request, now): (ListRequest, chrono::DateTime<chrono::Utc>),
    t: &'static Catalogue,
    bom: &'static str,
) -> impl futures_util::Stream<Item = Result<web::Bytes, AppError>> {
    // A small buffer: the database reader waits for a slow client instead of piling up rows.
    let (tx, rx) = mpsc::channel::<web::Bytes>(4);
    let header = format!("{bom}{}", header_record(t));
    // Detached: the task ends when the last batch is sent or the client goes away.
    drop(tokio::task::spawn_blocking(move || {
        if tx.blocking_send(web::Bytes::from(header)).is_err() {
            return;
        }
        let listed = (organisation.as_str(), &request, now);
        let result = associations::export(&state.pool, &state.context, listed, BATCH, |batch| {
            let chunk: String = batch.iter().map(|c| claim_record(c, t)).collect();
            tx.blocking_send(web::Bytes::from(chunk)).is_ok()
        });
        if let Err(e) = result {
            // The download is cut short; the reason goes to the log, not into the file.
            tracing::error!(error = %format!("{e:#}"), "CSV export failed");
        }
    }));
    stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (Ok::<_, AppError>(chunk), rx))
    })
}

fn header_record(t: &Catalogue) -> String {
    csv_record(&[
        t.get("associations.list.name"),
        t.get("associations.list.domain"),
        t.get("associations.csv.tenant"),
        t.get("associations.list.programme"),
        t.get("associations.list.products"),
        t.get("associations.list.status"),
        t.get("associations.csv.window_closes"),
        t.get("associations.csv.updated"),
        t.get("associations.csv.subscriptions"),
        t.get("associations.csv.mpn_id"),
    ])
}

fn claim_record(exported: &ExportedClaim, t: &Catalogue) -> String {
    let rfc3339 = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let claim = &exported.claim;
    csv_record(&[
        &claim.name,
        &claim.customer_domain,
        &claim.tenant_id,
        t.get(claim.programme.label_key()),
        &claim.products.join("; "),
        t.get(claim.status.label_key()),
        &claim.window_closes_at.map(rfc3339).unwrap_or_default(),
        &rfc3339(claim.updated_at),
        &exported.subscriptions.join("; "),
        &exported.mpn_id,
    ])
}

/// One CSV line. Cells that a spreadsheet would run as a formula get a leading apostrophe.
fn csv_record(cells: &[&str]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let safe: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{c}")
            } else {
                (*c).to_owned()
            }
        })
        .collect();
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&safe);
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
