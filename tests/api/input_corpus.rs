//! A hostile-input corpus sent to every field of every form the portal shows and to every
//! query parameter of its searches: never a 500, markup never runs where it is shown again
//! (pages, emails, CSV, RTF), and nothing half written. The forms are found by reading the
//! pages of the route table, so a new form is attacked without a line here.

use std::collections::BTreeMap;

use portal::{
    clock::Clock,
    web::routes::{Group, table},
};
use scraper::{ElementRef, Html, Selector};

use crate::{
    helpers::*,
    proof_world::{Audience, World, one_number},
    review_flow::SEATTLE,
    wizard::{NORTHWIND_TENANT, create_draft},
};

/// Markup that would run if shown unescaped.
const MARKUP: &str = "<script>hostile_marker()</script>\"><img src=x onerror=hostile_marker()>";

/// Values as they go on the wire, percent-encoded (so bytes no browser sends can be among
/// them), with what each is.
fn corpus() -> Vec<(&'static str, String)> {
    let encode = |text: &str| form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    vec![
        ("empty", String::new()),
        ("NUL", "a%00b".to_owned()),
        ("invalid UTF-8", "caf%E9%FF".to_owned()),
        ("truncated UTF-8", "%E6%97".to_owned()),
        ("bidi override", encode("invoice\u{202E}fdp.exe")),
        ("zero-width", encode("\u{200B}\u{2060}\u{FEFF}")),
        ("invisible filler", encode("\u{3164}\u{3164}\u{3164}")),
        ("markup", encode(MARKUP)),
        ("SQL", encode("' OR '1'='1'; DROP TABLE claims; -- %_\\")),
        (
            "formula",
            encode("=HYPERLINK(\"http://evil.example\",\"x\")"),
        ),
        (
            "RTF",
            encode("{\\rtf1\\ansi {\\field{\\*\\fldinst HYPERLINK x}}}"),
        ),
        ("line breaks", encode("one\r\ntwo\rthree\nfour\ttab")),
        ("over-long", "x".repeat(20_000)),
        ("non-ASCII over-long", encode(&"日本語".repeat(2_000))),
        ("1 MB", "a".repeat(1_000_000)),
    ]
}

/// A form as the page shows it: where it goes, how, and its fields with their values.
struct Form {
    method: String,
    action: String,
    fields: Vec<(String, String)>,
}

fn forms_of(page: &str, path: &str) -> Vec<Form> {
    let html = Html::parse_document(page);
    let forms = Selector::parse("form").unwrap();
    let fields = Selector::parse("input[name], textarea[name], select[name]").unwrap();
    html.select(&forms)
        .filter(|form| form.value().attr("enctype") != Some("multipart/form-data"))
        .map(|form| Form {
            method: form.value().attr("method").unwrap_or("get").to_lowercase(),
            action: form
                .value()
                .attr("action")
                .map_or(path.to_owned(), str::to_owned),
            fields: form.select(&fields).filter_map(field_value).collect(),
        })
        // Signing out ends the visitor's session: not an input to attack.
        .filter(|form| form.action != "/sign-out")
        .collect()
}

/// A field's name and the value the form would send (radios and checkboxes when checked,
/// a select's chosen or first option).
fn field_value(field: ElementRef) -> Option<(String, String)> {
    let element = field.value();
    let name = element.attr("name")?.to_owned();
    let value = match element.name() {
        "textarea" => field.text().collect(),
        "select" => {
            let options = Selector::parse("option").unwrap();
            let mut all = field.select(&options);
            let chosen = field
                .select(&options)
                .find(|o| o.value().attr("selected").is_some())
                .or_else(|| all.next())?;
            chosen.value().attr("value").unwrap_or("").to_owned()
        }
        _ => match element.attr("type") {
            Some("radio" | "checkbox") if element.attr("checked").is_none() => return None,
            Some("submit" | "button") => return None,
            _ => element.attr("value").unwrap_or("").to_owned(),
        },
    };
    Some((name, value))
}

/// The fields as a query string or form body, with `attacked` replaced by the raw value.
fn encoded(fields: &[(String, String)], attacked: &str, raw: &str) -> String {
    fields
        .iter()
        .map(|(name, value)| {
            let value = if name == attacked {
                raw.to_owned()
            } else {
                form_urlencoded::byte_serialize(value.as_bytes()).collect()
            };
            format!("{name}={value}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Markup from the corpus that became markup of the page.
fn ran_markup(body: &str) -> bool {
    let html = Html::parse_document(body);
    let scripts = Selector::parse("script").unwrap();
    let handlers = Selector::parse("[onerror]").unwrap();
    html.select(&scripts)
        .any(|s| s.text().collect::<String>().contains("hostile_marker"))
        || html.select(&handlers).next().is_some()
}

/// `/associations/{id}` itself (a new claim's page), not one of its steps.
fn is_claim_page(path: &str) -> bool {
    path.strip_prefix("/associations/")
        .is_some_and(|id| !id.contains('/') && id != "new")
}

/// The PoE template of a claim the corpus named or commented on: its text escaped as RTF, so the
/// document's groups stay balanced and no field of the corpus became a field of the file.
async fn check_poe_template(visitor: &Visitor, claim: &str, failures: &mut Vec<String>) -> usize {
    let (status, _, rtf) = visitor.get_bytes(&format!("{claim}/poe-template")).await;
    let rtf = String::from_utf8_lossy(&rtf);
    let unescaped = |brace: char| {
        rtf.char_indices()
            .filter(|&(i, c)| c == brace && !rtf[..i].ends_with('\\'))
            .count()
    };
    if status != 200 || rtf.contains("{\\field") || unescaped('{') != unescaped('}') {
        failures.push(format!("PoE template of {claim}: {status}"));
    }
    1
}

#[actix_web::test]
async fn hostile_input_in_every_field_never_breaks_the_portal_or_runs_as_markup() {
    let world = World::build().await;
    let partner = &world.visitors[&Audience::OwnPartner];
    let draft = create_draft(partner, "microsoft_365", "usage", "Corpus draft").await;
    let mut pages: Vec<(Audience, String)> = Vec::new();
    for entry in table().iter().filter(|entry| entry.reads) {
        let audience = match entry.group {
            Group::Partners | Group::ClaimReaders | Group::SignedIn => Audience::OwnPartner,
            Group::Staff => Audience::Reviewer,
            Group::Administrators => Audience::Administrator,
            Group::Public | Group::CustomerLink | Group::Development | Group::Api => {
                Audience::Anonymous
            }
        };
        let path = world.concrete(entry.path).unwrap();
        if entry.group == Group::ClaimReaders {
            pages.push((audience, path.replacen(&world.claim, &draft, 1)));
        }
        pages.push((audience, path));
    }
    // The wizard's later steps carry the earlier answers in their address.
    let answers = format!(
        "location_mpn_id={SEATTLE}&domain_name=northwind.example&tenant_id={NORTHWIND_TENANT}\
         &claim_type=customer_association&solution_area=microsoft_365&activity=usage"
    );
    for step in ["programme", "name"] {
        pages.push((
            Audience::OwnPartner,
            format!("/associations/new/{step}?{answers}"),
        ));
    }
    let corpus = corpus();
    let mut failures = Vec::new();
    let mut sent = 0;
    let mut fields_attacked = 0;
    let mut templates = 0;
    let mut switch_attacked = std::collections::BTreeSet::new();
    for (audience, path) in &pages {
        let visitor = &world.visitors[audience];
        let page = visitor.get(path).await;
        if page.status != 200 || !page.body.starts_with("<!doctype html>") {
            continue;
        }
        for form in forms_of(&page.body, path) {
            // The language switch is the same form on every page: attacked once.
            if form.action == "/language" && !switch_attacked.insert(*audience) {
                continue;
            }
            let names: Vec<String> = form
                .fields
                .iter()
                .map(|(name, _)| name.clone())
                .filter(|name| name != "csrf_token")
                .collect();
            for name in names {
                fields_attacked += 1;
                for (what, raw) in &corpus {
                    // A URL holds at most 64 KiB (the HTTP parser's limits have their own test).
                    if form.method != "post" && raw.len() > 60_000 {
                        continue;
                    }
                    sent += 1;
                    let data = encoded(&form.fields, &name, raw);
                    let res = if form.method == "post" {
                        visitor
                            .post_body(&form.action, "application/x-www-form-urlencoded", data)
                            .await
                    } else {
                        visitor.get(&format!("{}?{data}", form.action)).await
                    };
                    let claim_page = res.location().map(|l| l.split(['#', '?']).next().unwrap());
                    if let Some(claim) = claim_page.filter(|l| is_claim_page(l)) {
                        templates += check_poe_template(visitor, claim, &mut failures).await;
                    }
                    let shown = match (res.status, res.location()) {
                        (303, Some(next)) if !next.starts_with("/sign-in") => {
                            visitor.get(next).await
                        }
                        _ => res,
                    };
                    if shown.status >= 500 || ran_markup(&shown.body) {
                        failures.push(format!(
                            "{} {} field {name} with {what}: {}",
                            form.method, form.action, shown.status
                        ));
                    }
                }
            }
        }
    }

    // In the export, a cell a spreadsheet would run as a formula starts with an apostrophe.
    // (The organisation was renamed by the corpus: the first page reloads the session.)
    partner.get("/associations").await;
    let (status, _, csv) = partner.get_bytes("/associations/export.csv").await;
    assert_eq!(status, 200);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            if cell.starts_with(['=', '+', '-', '@']) {
                failures.push(format!("CSV cell runs as a formula: {cell}"));
            }
        }
    }
    // Whatever was stored is shown escaped in every email.
    world.app.clock.advance(chrono::Duration::days(30)); // every email due;
    world.app.jobs.dispatch(world.app.clock.now()).unwrap();
    for mail in world.app.mailbox.messages() {
        if ran_markup(&mail.html) {
            failures.push(format!("email {:?} runs markup", mail.subject));
        }
    }
    // Nothing half written: every claim has its history, every stored file its content.
    for (what, sql) in [
        (
            "claims without history",
            "SELECT COUNT(*) AS n FROM claims c WHERE NOT EXISTS \
             (SELECT 1 FROM audit_entries a WHERE a.claim_id = c.id)",
        ),
        (
            "files without content",
            "SELECT COUNT(*) AS n FROM poe_files f WHERE NOT EXISTS \
             (SELECT 1 FROM file_chunks k WHERE k.file_id = f.id)",
        ),
    ] {
        let n = one_number(&world.app, sql);
        if n != 0 {
            failures.push(format!("{n} {what}"));
        }
    }
    let summary: BTreeMap<&str, usize> = [
        ("pages read", pages.len()),
        ("fields attacked", fields_attacked),
        ("requests", sent),
        ("PoE templates read", templates),
    ]
    .into();
    assert!(
        failures.is_empty(),
        "{} failures ({summary:?}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(fields_attacked > 100 && templates > 5, "{summary:?}");
    println!("{summary:?}");
}
