//! Step 6, `/associations/{id}/files`: proof of execution — upload (drag and drop is only
//! an enhancement of the file input), list, remove and download.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use futures_util::{StreamExt, stream};
use serde::Deserialize;

use crate::{
    domain::{access::Viewer, claim::Section, evidence::EvidenceError},
    i18n::Catalogue,
    service::evidence_step::{self, FilesForm},
};

use super::{
    error::AppError,
    format,
    forms::FormErrors,
    layout::Layout,
    products::denied,
    render::{page, see_other, see_other_with_flash},
    session::Visitor,
    state::AppState,
    upload::{ReceivedFile, Upload, receive},
    wizard_flow::Then,
};

pub struct FileLine {
    pub id: String,
    pub name: String,
    pub size: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
}

#[derive(Template)]
#[template(path = "associations/files.html")]
struct FilesPage {
    layout: Layout,
    claim_id: String,
    claim_name: String,
    step: String,
    errors: FormErrors,
    files: Vec<FileLine>,
    limit_mb: u64,
}

pub async fn form(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let id = id.into_inner();
    let form = state
        .db(move |conn| evidence_step::load(conn, &viewer, &id))
        .await?
        .map_err(denied)?;
    render(
        &visitor,
        &state,
        &form,
        FormErrors::default(),
        StatusCode::OK,
    )
}

/// **Upload** stores the chosen files and shows the step again; **Continue** and **Save and
/// return to the claim** (the same form, `?then=next` / `?then=claim`) store any chosen file
/// first, so a file chosen is never dropped, then leave the step.
pub async fn upload(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    then: web::Query<Then>,
    Upload(mut payload): Upload,
) -> Result<HttpResponse, AppError> {
    let user = visitor.signed_in()?.clone();
    let claim_id = id.into_inner();
    // Refuse before reading a byte of the upload when the claim cannot take files.
    let (viewer, check_id) = (user.viewer(), claim_id.clone());
    let status = state
        .db(move |conn| evidence_step::load(conn, &viewer, &check_id))
        .await?
        .map_err(denied)?
        .claim
        .status;
    let received = receive(&mut payload, &[], state.settings.upload_max_bytes).await?;
    let leaving = then.leaves_step();
    let after = match leaving {
        true => then.after(&claim_id, status, Section::ProofOfExecution),
        false => format!("/associations/{claim_id}/files"),
    };
    if leaving && received.refused.is_none() && received.files.is_empty() {
        return Ok(see_other(&after));
    }
    // A refused file refuses the request: none of its files is stored.
    if let Some(error) = (received.refused).or(received.count.require_some().err()) {
        return refused_page(&visitor, &state, user.viewer(), claim_id, error).await;
    }
    let (now, who, target) = (state.now(), user.clone(), claim_id.clone());
    state
        .db(move |conn| {
            let uploads: Vec<_> = received.files.iter().map(ReceivedFile::upload).collect();
            evidence_step::add_all(conn, &who, &target, &uploads, now)
        })
        .await?
        .map_err(denied)?;
    see_other_with_flash(&after, "flash.files_uploaded", state.settings.cookie_secure)
}

async fn refused_page(
    visitor: &Visitor,
    state: &AppState,
    viewer: Viewer,
    claim_id: String,
    error: EvidenceError,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(
        "files",
        Catalogue::for_locale(visitor.locale).message(&error),
    );
    let form = state
        .db(move |conn| evidence_step::load(conn, &viewer, &claim_id))
        .await?
        .map_err(denied)?;
    let status = match error {
        EvidenceError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    render(visitor, state, &form, errors, status)
}

#[derive(Deserialize)]
pub struct FilePath {
    id: String,
    file_id: String,
}

pub async fn remove(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<FilePath>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let FilePath { id, file_id } = path.into_inner();
    let (now, claim_id) = (state.now(), id.clone());
    let removed = state
        .db(move |conn| evidence_step::remove(conn, &viewer, &claim_id, &file_id, now))
        .await?
        .map_err(denied)?;
    if !removed {
        return Err(AppError::NotFound);
    }
    see_other_with_flash(
        &format!("/associations/{id}/files"),
        "flash.file_removed",
        state.settings.cookie_secure,
    )
}

/// The file as an attachment, streamed chunk by chunk from the database.
pub async fn download(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<FilePath>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let FilePath { id, file_id } = path.into_inner();
    let file = state
        .db(move |conn| evidence_step::for_download(conn, &viewer, &id, &file_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let (state, file_id) = (state.clone(), file.id.clone());
    let chunks = stream::unfold(0i32, move |seq| {
        let (state, file_id) = (state.clone(), file_id.clone());
        async move {
            let chunk = state
                .db(move |conn| evidence_step::chunk(conn, &file_id, seq))
                .await;
            match chunk {
                Ok(Some(bytes)) => Some((Ok::<_, AppError>(web::Bytes::from(bytes)), seq + 1)),
                Ok(None) => None,
                Err(e) => Some((Err(e), i32::MAX)),
            }
        }
    })
    .take_while(|item| std::future::ready(item.is_ok()));
    Ok(HttpResponse::Ok()
        .content_type(file.content_type.as_str())
        .insert_header(("Content-Disposition", attachment(&file.file_name)))
        .insert_header(("Cache-Control", "private, no-store"))
        .no_chunking(u64::try_from(file.size_bytes).unwrap_or(0))
        .streaming(chunks))
}

/// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback and the
/// exact name, percent-encoded.
fn attachment(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

fn render(
    visitor: &Visitor,
    state: &AppState,
    form: &FilesForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    let files = form
        .files
        .iter()
        .map(|f| FileLine {
            id: f.id.clone(),
            name: f.file_name.clone(),
            size: format::size(f.size_bytes, t),
            uploaded_by: f.uploaded_by_name.clone(),
            uploaded_at: format::instant(f.uploaded_at, zone, t),
        })
        .collect();
    let template = FilesPage {
        layout: Layout::new(visitor, "files.title").with_errors(!errors.is_empty()),
        claim_id: form.claim.id.clone(),
        claim_name: form.claim.name.clone(),
        step: t.format("wizard.step", &[("n", "6")]),
        errors,
        files,
        limit_mb: state.settings.upload_max_bytes / (1024 * 1024),
    };
    page(status, &template)
}
