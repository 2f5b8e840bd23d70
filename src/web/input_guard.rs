//! Text arriving in a request — its path, its query, a form's fields — must be UTF-8 without
//! control characters before any handler sees it: NUL is not text to PostgreSQL, and invalid
//! UTF-8 would otherwise be stored as U+FFFD. Checked once for every route here (forms in
//! [`super::csrf`], which reads their body); a refusal is the 400 page.

use std::borrow::Cow;

use actix_web::{
    Error,
    body::{EitherBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
};
use percent_encoding::percent_decode;

use super::error::AppError;

pub async fn refuse_malformed<B: MessageBody>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let uri = req.uri();
    let clean = decodes_cleanly(uri.path().as_bytes(), Lines::Refused)
        && uri
            .query()
            .is_none_or(|query| decodes_cleanly(query.as_bytes(), Lines::Refused));
    if clean {
        next.call(req)
            .await
            .map(ServiceResponse::map_into_left_body)
    } else {
        Ok(req
            .error_response(AppError::BadRequest)
            .map_into_right_body())
    }
}

/// Whether line breaks and tabs are text here (a form's text areas) or refused (paths,
/// queries, single-line fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    Allowed,
    Refused,
}

/// Whether percent-encoded `raw` (a path, a query string or a form body) decodes to clean
/// text. Decoding the whole at once is enough: `&` and `=` are ASCII, so splitting the
/// decoded bytes at them could not make invalid UTF-8 valid.
pub fn decodes_cleanly(raw: &[u8], lines: Lines) -> bool {
    let plain = !raw.contains(&b'%');
    let decoded: Cow<[u8]> = if plain {
        Cow::Borrowed(raw)
    } else {
        percent_decode(raw).into()
    };
    std::str::from_utf8(&decoded).is_ok_and(|text| is_clean_text(text, lines))
}

/// Text without control characters (line breaks and tabs as `lines` says).
pub fn is_clean_text(text: &str, lines: Lines) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !(lines == Lines::Allowed && matches!(c, '\n' | '\r' | '\t')))
}
