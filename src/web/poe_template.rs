//! `/associations/{id}/poe-template`: a proof-of-execution template for this claim, as an RTF
//! document (opens in Word, LibreOffice and most editors), with what the portal already
//! knows filled in and the customer's acknowledgement to sign.

use actix_web::{HttpResponse, web};

use crate::{i18n::Catalogue, service::claim_view, store::organisations};

use super::{error::AppError, session::Visitor, state::AppState};

pub async fn download(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.signed_in()?.viewer();
    let now = state.now();
    let id = id.into_inner();
    let (details, partner) = state
        .db(move |conn| {
            let Some(details) = claim_view::load(conn, &viewer, &id, now)? else {
                return Ok(None);
            };
            let partner =
                organisations::name_of(conn, &details.row.organisation_id)?.unwrap_or_default();
            Ok(Some((details, partner)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    let products: Vec<&str> = details.products.iter().map(|p| p.name.as_str()).collect();
    let programme = details
        .programme
        .map(|p| t.get(p.label_key()))
        .unwrap_or("");
    let filled = [
        ("template.partner", partner.as_str()),
        ("template.domain", details.row.customer_domain.as_str()),
        ("template.tenant", details.row.tenant_id.as_str()),
        ("template.programme", programme),
    ];
    let mut body = String::new();
    body.push_str(&paragraph(t.get("template.heading"), true));
    body.push_str(&paragraph(t.get("template.intro"), false));
    for (key, value) in filled {
        body.push_str(&paragraph(&format!("{}: {value}", t.get(key)), false));
    }
    body.push_str(&paragraph(
        &format!("{}: {}", t.get("template.products"), products.join(", ")),
        false,
    ));
    for key in [
        "template.customer_company",
        "template.activities",
        "template.dates",
    ] {
        body.push_str(&paragraph(
            &format!("{}: ______________________________", t.get(key)),
            false,
        ));
    }
    body.push_str(&paragraph(t.get("template.acknowledgement_heading"), true));
    body.push_str(&paragraph(
        &t.format("template.acknowledgement", &[("partner", &partner)]),
        false,
    ));
    for key in [
        "template.signer_name",
        "template.signer_title",
        "template.signed_on",
        "template.signature",
    ] {
        body.push_str(&paragraph(
            &format!("{}: ______________________________", t.get(key)),
            false,
        ));
    }
    let document = format!("{{\\rtf1\\ansi\\deff0{{\\fonttbl{{\\f0 Calibri;}}}}\\fs22\n{body}}}");
    Ok(HttpResponse::Ok()
        .content_type("application/rtf")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"proof-of-execution-template.rtf\"",
        ))
        .body(document))
}

fn paragraph(text: &str, heading: bool) -> String {
    if heading {
        format!(
            "{{\\pard\\sb240\\sa120\\b\\fs28 {}\\par}}\n",
            rtf_escape(text)
        )
    } else {
        format!("{{\\pard\\sa120 {}\\par}}\n", rtf_escape(text))
    }
}

/// RTF is 7-bit: braces and backslashes are escaped, everything beyond ASCII becomes a
/// `\uN?` code (UTF-16 units, as signed 16-bit numbers).
fn rtf_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\line "),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c if c.is_control() => {}
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{}?", *unit as i16));
                }
            }
        }
    }
    out
}
