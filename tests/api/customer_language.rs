//! The customer's language: chosen on the contacts step (the partner's by default), kept on
//! the claim, and spoken by the customer's email, the opt-out page and the partner's notices
//! of the customer's decision — whatever language the partner reads. And the exports a
//! Japanese partner downloads: CSV for Excel, the RTF PoE template.

use portal::clock::Clock;

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, opt_out_path},
    submit_step::complete_draft_in,
    wizard::create_draft,
};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The radio checked in the customer's language group.
fn checked_language(page: &Response) -> Option<String> {
    page.attr("input[name=customer_language][checked]", "value")
}

#[actix_web::test]
async fn the_contacts_step_asks_the_customers_language_in_the_partners_by_default() {
    let app = spawn_app().await;
    let japanese = app.signed_in_speaking(PARTNER, "ja").await;
    let claim = create_draft(&japanese, "microsoft_365", "usage", "Northwind Teams").await;
    let url = format!("{claim}/contacts");
    let page = japanese.get(&url).await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    assert!(
        page.texts("fieldset legend")
            .contains(&"顧客の連絡先に使用する言語".to_owned()),
        "{:?}",
        page.texts("fieldset legend")
    );
    // Each language named in itself, marked so for screen readers.
    assert_eq!(
        page.text("label[for=customer_language][lang=en]"),
        "English"
    );
    assert_eq!(
        page.text("label[for=customer_language-ja][lang=ja]"),
        "日本語"
    );
    assert_eq!(checked_language(&page).as_deref(), Some("ja"));

    // An English partner of the same organisation gets English as the default.
    let english = app.signed_in(PARTNER).await;
    let page = english.get(&url).await;
    assert_eq!(checked_language(&page).as_deref(), Some("en"));

    // A choice is kept when the form comes back with errors, and once saved.
    let res = japanese
        .submit_form(
            &url,
            &url,
            &[
                ("customer_contact_name", "Ana Silva"),
                ("customer_language", "en"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(checked_language(&res).as_deref(), Some("en"));
    let res = japanese
        .submit_form(
            &url,
            &url,
            &[
                ("customer_contact_name", "Ana Silva"),
                ("customer_contact_job_title", "IT Director"),
                ("customer_contact_email", "ana.silva@northwind.example"),
                ("customer_language", "en"),
                ("company_contact_name", "Chris Partner"),
                ("company_contact_email", "chris@contoso-consulting.example"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        checked_language(&japanese.get(&url).await).as_deref(),
        Some("en"),
        "the claim's language, not the partner's, once chosen"
    );
    let details = japanese.get(&claim).await;
    let rows: Vec<String> = details.texts("[data-testid=claim-details] .summary-row");
    assert!(
        rows.iter().any(|r| r.starts_with("顧客の言語 English")),
        "{rows:?}"
    );
}

#[actix_web::test]
async fn a_language_the_portal_does_not_write_is_a_field_error() {
    let app = spawn_app().await;
    let partner = app.signed_in_speaking(PARTNER, "ja").await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Northwind Teams").await;
    let url = format!("{claim}/contacts");
    for code in ["fr", "", "ja-JP", "<b>ja</b>"] {
        let res = partner
            .submit_form(
                &url,
                &url,
                &[
                    ("customer_contact_name", "Ana Silva"),
                    ("customer_contact_job_title", "IT Director"),
                    ("customer_contact_email", "ana.silva@northwind.example"),
                    ("customer_language", code),
                    ("company_contact_name", "Chris Partner"),
                    ("company_contact_email", "chris@contoso-consulting.example"),
                ],
            )
            .await;
        assert_eq!(res.status, 422, "{code:?}");
        assert_eq!(res.summary_links(), ["#customer_language"], "{code:?}");
        assert_eq!(
            res.text("#customer_language-error"),
            "エラー: English または日本語を選択してください"
        );
        assert_eq!(checked_language(&res), None, "{code:?}");
    }
}

#[actix_web::test]
async fn the_customer_reads_the_email_and_opt_out_page_in_the_claims_language() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = complete_draft_in(&partner, SEATTLE, "Northwind Teams usage", "ja").await;
    let submit = format!("{claim}/submit");
    let check = partner.get(&submit).await;
    assert!(
        check
            .texts("[data-testid=summary] .summary-row")
            .iter()
            .any(|r| r.starts_with("Customer's language Japanese")),
        "{:?}",
        check.texts("[data-testid=summary] .summary-row")
    );
    assert_eq!(partner.submit_form(&submit, &submit, &[]).await.status, 303);
    let reviewer = app.signed_in(REVIEWER).await;
    assert_eq!(decide(&reviewer, &claim, "validate", &[]).await.status, 303);
    app.jobs.dispatch(app.clock.now()).unwrap();

    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.to, "ana.silva@northwind.example");
    assert!(
        mail.subject
            .starts_with("Contoso Consulting が Online Services Usage"),
        "{}",
        mail.subject
    );
    assert!(
        mail.subject
            .ends_with("における貴社の担当パートナーとしての登録を求めています"),
        "{}",
        mail.subject
    );
    assert!(
        mail.text.contains("2026年12月2日(水) 23:59 UTC まで"),
        "{}",
        mail.text
    );

    // The customer, whose browser asks for English, still meets the claim's language...
    let link = opt_out_path(&mail.text);
    let customer = app.visitor_speaking("en-GB,en;q=0.9");
    let page = customer.get(&link).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(
        page.text("h1"),
        "パートナーが貴社の担当パートナーとしての登録を求めています"
    );
    assert_eq!(page.text("[data-testid=opt-out]"), "オプトアウト");
    // ...unless they chose another language with the switch.
    let switched = app.visitor();
    switched.set_cookie("portal_language", "en");
    let english = switched.get(&link).await;
    assert_eq!(english.attr("html", "lang").as_deref(), Some("en"));

    let token = page.csrf_token();
    let res = customer
        .post_form(
            &link,
            &[
                ("csrf_token", &token),
                ("reason", "他のパートナーと契約しています。"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let done = customer.get(&link).await;
    assert_eq!(done.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(done.text("h1"), "オプトアウトしました");

    // The partner reads their pages in English; the notice of the decision is in the
    // claim's language.
    let page = partner.get(&claim).await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(page.text("[data-testid=claim-status]"), "Opted out");
    app.jobs.dispatch(app.clock.now()).unwrap();
    let notice = app.mailbox.messages().pop().unwrap();
    assert_eq!(notice.to, "chris@contoso-consulting.example");
    assert_eq!(
        notice.subject,
        "顧客がオプトアウトしました: Northwind Teams usage"
    );
    assert!(notice.text.contains("他のパートナーと契約しています。"));
}

/// The list's export as `partner` downloads it: the bytes of the link `testid`.
async fn export(partner: &Visitor, testid: &str) -> Vec<u8> {
    let list = partner.get("/associations").await;
    let href = list
        .attr(&format!("[data-testid={testid}]"), "href")
        .expect("an export link");
    let (status, headers, body) = partner.get_bytes(&href).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    body
}

fn header_and_rows(body: &[u8]) -> (Vec<String>, usize) {
    let mut reader = csv::Reader::from_reader(body);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    (header, reader.records().map(Result::unwrap).count())
}

#[actix_web::test]
async fn the_excel_export_starts_with_a_byte_order_mark_and_the_csv_does_not() {
    let app = spawn_app().await;
    let japanese = app.signed_in_speaking(PARTNER, "ja").await;
    create_draft(&japanese, "microsoft_365", "usage", "Northwind Teams").await;
    let excel = export(&japanese, "export-excel").await;
    assert!(excel.starts_with(BOM), "{:?}", &excel[..8]);
    let (header, rows) = header_and_rows(&excel[BOM.len()..]);
    assert_eq!(header[0], "要求名", "{header:?}");
    assert_eq!(header[5], "状態");
    assert_eq!(rows, 1);

    let plain = export(&japanese, "export-csv").await;
    assert!(!plain.starts_with(BOM));
    let (header, _) = header_and_rows(&plain);
    assert_eq!(header[0], "要求名");
    assert_eq!(plain, excel[BOM.len()..], "the same file but for the mark");

    let english = export(&app.signed_in(PARTNER).await, "export-excel").await;
    assert!(english.starts_with(BOM));
    let (header, _) = header_and_rows(&english[BOM.len()..]);
    assert_eq!(header[0], "Claim name");
}

#[actix_web::test]
async fn the_japanese_poe_template_is_escaped_rtf_with_a_japanese_font() {
    let app = spawn_app().await;
    let partner = app.signed_in_speaking(PARTNER, "ja").await;
    let claim = create_draft(&partner, "microsoft_365", "usage", "Northwind Teams").await;
    let (status, _, rtf) = partner.get_bytes(&format!("{claim}/poe-template")).await;
    assert_eq!(status, 200);
    assert!(rtf.is_ascii(), "RTF is 7-bit: no raw byte beyond ASCII");
    let rtf = String::from_utf8(rtf).unwrap();
    assert!(rtf.starts_with("{\\rtf1\\ansi"), "{rtf}");
    assert!(
        rtf.contains("\\deff1"),
        "Japanese text in the Japanese font"
    );
    assert!(
        rtf.contains("{\\f1\\fnil\\fcharset128 Yu Gothic{\\*\\falt MS Gothic};}"),
        "{rtf}"
    );
    // 実行の証拠 (the heading's first words) as UTF-16 units.
    let heading: String = "実行の証拠"
        .encode_utf16()
        .map(|u| format!("\\u{}?", u as i16))
        .collect();
    assert!(rtf.contains(&heading), "{rtf}");

    let english = app.signed_in(PARTNER).await;
    let (_, _, rtf) = english.get_bytes(&format!("{claim}/poe-template")).await;
    let rtf = String::from_utf8(rtf).unwrap();
    assert!(rtf.contains("\\deff0"), "English text in Calibri");
}

/// The customer reads Japanese, the partner (who chose no language) used the portal in
/// English: the programme team's question reaches the partner in English.
#[actix_web::test]
async fn the_partner_is_written_to_in_their_language_not_the_customers() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let claim = complete_draft_in(&partner, SEATTLE, "Two languages", "ja").await;
    let submit = format!("{claim}/submit");
    assert_eq!(partner.submit_form(&submit, &submit, &[]).await.status, 303);
    let reviewer = app.signed_in(REVIEWER).await;
    let asked = decide(&reviewer, &claim, "ask", &[("comment", "Which workshop?")]).await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    let english = portal::i18n::Catalogue::for_locale(portal::i18n::Locale::En).format(
        "mail.partner_action_required.subject",
        &[("claim", "Two languages")],
    );
    assert_eq!(mail.subject, english);
}
