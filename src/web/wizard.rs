//! The wizard's first steps, before the draft exists: partner location and customer (1),
//! solution area and activity (2), claim name and **Create claim** (3). Earlier steps'
//! values travel with the form (hidden fields, query string on Back), and every step
//! checks them again on the server.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::{
        access,
        claim::Section,
        draft::{ClaimNameInput, CustomerStep},
        programme::{Activity, ClaimType, Programme, ProgrammeChoice, SolutionArea},
    },
    i18n::Catalogue,
    service::{
        auth::SessionUser,
        wizard::{self, ClaimingLocation, NewClaim},
    },
};

use super::{
    error::AppError,
    forms::{Choice, FormErrors, choices},
    layout::Layout,
    render::{page, see_other, see_other_with_flash},
    session::Visitor,
    state::AppState,
    wizard_fields::WizardFields,
    wizard_flow,
};

const STEP_1: &str = "/associations/new";
const STEP_2: &str = "/associations/new/programme";
const STEP_3: &str = "/associations/new/name";

#[derive(Template)]
#[template(path = "associations/new_customer.html")]
struct CustomerPage {
    layout: Layout,
    errors: FormErrors,
    fields: WizardFields,
    locations: Vec<Choice>,
    step: String,
}

#[derive(Template)]
#[template(path = "associations/new_programme.html")]
struct ProgrammePage {
    layout: Layout,
    errors: FormErrors,
    carried: Vec<(&'static str, String)>,
    claim_types: Vec<Choice>,
    areas: Vec<Choice>,
    activities: Vec<Choice>,
    back: String,
    step: String,
}

#[derive(Template)]
#[template(path = "associations/new_coop.html")]
struct CoopPage {
    layout: Layout,
    body: String,
    coop_url: String,
    back: String,
}

#[derive(Template)]
#[template(path = "associations/new_name.html")]
struct NamePage {
    layout: Layout,
    errors: FormErrors,
    fields: WizardFields,
    carried: Vec<(&'static str, String)>,
    summary: Vec<(String, String)>,
    back: String,
    step: String,
}

/// Step 1, shown afresh or with the values of a Back link.
pub async fn customer_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<WizardFields>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let locations = load_locations(&state, &user).await?;
    render_customer(
        &visitor,
        query.into_inner(),
        &locations,
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn customer_submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<WizardFields>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let fields = form.into_inner();
    let (locations, checked) = check_customer(&state, &user, &fields).await?;
    match checked {
        Ok(_) => Ok(see_other(&fields.url(STEP_2, 2, false))),
        Err(errors) => {
            let errors = FormErrors::from_domain(&errors, Catalogue::for_locale(visitor.locale));
            render_customer(
                &visitor,
                fields,
                &locations,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
    }
}

pub async fn programme_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<WizardFields>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let fields = query.into_inner();
    match check_customer(&state, &user, &fields).await?.1 {
        Ok(_) => render_programme(&visitor, &fields, FormErrors::default(), StatusCode::OK),
        Err(_) => Ok(see_other(&fields.url(STEP_1, 1, true))),
    }
}

pub async fn programme_submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<WizardFields>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let fields = form.into_inner();
    let (locations, customer) = check_customer(&state, &user, &fields).await?;
    let Ok(customer) = customer else {
        return Ok(see_other(&fields.url(STEP_1, 1, true)));
    };
    let t = Catalogue::for_locale(visitor.locale);
    match wizard::check_programme(&locations, &customer, &fields.programme()) {
        Ok(ProgrammeChoice::Cpor(_)) => Ok(see_other(&fields.url(STEP_3, 3, false))),
        Ok(ProgrammeChoice::UseCoopClaims(other)) => {
            let programme = t.get(other.label_key());
            let coop = CoopPage {
                layout: Layout::new(&visitor, "wizard.coop.title"),
                body: t.format("wizard.coop.body", &[("programme", programme)]),
                coop_url: state.settings.coop_claims_url.clone(),
                back: fields.url(STEP_2, 2, true),
            };
            page(StatusCode::OK, &coop)
        }
        Err(errors) => {
            let errors = FormErrors::from_domain(&errors, t);
            render_programme(&visitor, &fields, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

pub async fn name_form(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<WizardFields>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let fields = query.into_inner();
    match check_earlier_steps(&state, &user, &fields).await? {
        Ok((customer, programme)) => render_name(
            &visitor,
            &fields,
            &customer,
            programme,
            FormErrors::default(),
            StatusCode::OK,
        ),
        Err(back) => Ok(back),
    }
}

/// **Create claim**: the draft is saved and appears in the list as *Draft*; the wizard goes
/// on to its products (step 4).
pub async fn name_submit(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<WizardFields>,
) -> Result<HttpResponse, AppError> {
    let user = visitor.permitted(access::can_create_claims)?.clone();
    let fields = form.into_inner();
    let (customer, programme) = match check_earlier_steps(&state, &user, &fields).await? {
        Ok(checked) => checked,
        Err(back) => return Ok(back),
    };
    let name = ClaimNameInput {
        claim_name: fields.claim_name.clone(),
    };
    let (now, creator, step) = (state.now(), user.clone(), customer.clone());
    let locale = visitor.locale;
    let created = state
        .db(move |conn| {
            let claim = NewClaim {
                customer: &step,
                programme,
                name: &name,
                partner_language: locale,
            };
            wizard::create_draft(conn, &creator, &claim, now)
        })
        .await?;
    match created {
        Ok(claim_id) => see_other_with_flash(
            &wizard_flow::step_url(&claim_id.to_string(), Section::Products),
            "flash.draft_created",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let errors = FormErrors::from_domain(&errors, Catalogue::for_locale(visitor.locale));
            let refused = StatusCode::UNPROCESSABLE_ENTITY;
            render_name(&visitor, &fields, &customer, programme, errors, refused)
        }
    }
}

async fn load_locations(
    state: &AppState,
    user: &SessionUser,
) -> Result<Vec<ClaimingLocation>, AppError> {
    let organisation = user.organisation_id.clone().unwrap_or_default();
    state
        .db(move |conn| wizard::claiming_locations(conn, &organisation))
        .await
}

type CustomerCheck = (
    Vec<ClaimingLocation>,
    Result<CustomerStep, crate::domain::draft::FieldErrors>,
);

async fn check_customer(
    state: &AppState,
    user: &SessionUser,
    fields: &WizardFields,
) -> Result<CustomerCheck, AppError> {
    let organisation = user.organisation_id.clone().unwrap_or_default();
    let input = fields.customer();
    state
        .db(move |conn| {
            let locations = wizard::claiming_locations(conn, &organisation)?;
            let checked = wizard::check_customer(conn, &locations, &input)?;
            Ok((locations, checked))
        })
        .await
}

/// Steps 1 and 2 as carried by the form; a redirect to the first step that is not right.
async fn check_earlier_steps(
    state: &AppState,
    user: &SessionUser,
    fields: &WizardFields,
) -> Result<Result<(CustomerStep, Programme), HttpResponse>, AppError> {
    let (locations, customer) = check_customer(state, user, fields).await?;
    let Ok(customer) = customer else {
        return Ok(Err(see_other(&fields.url(STEP_1, 1, true))));
    };
    match wizard::check_programme(&locations, &customer, &fields.programme()) {
        Ok(ProgrammeChoice::Cpor(programme)) => Ok(Ok((customer, programme))),
        _ => Ok(Err(see_other(&fields.url(STEP_2, 2, true)))),
    }
}

fn step_label(t: &Catalogue, n: u8) -> String {
    t.format("wizard.step", &[("n", &n.to_string())])
}

fn render_customer(
    visitor: &Visitor,
    fields: WizardFields,
    locations: &[ClaimingLocation],
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let options = locations
        .iter()
        .map(|l| {
            let label = t.format(
                "wizard.customer.location_label",
                &[("name", &l.name), ("mpn_id", &l.mpn_id)],
            );
            let programmes: Vec<&str> = l.programmes.iter().map(|p| t.get(p.label_key())).collect();
            (l.mpn_id.clone(), label, programmes.join(" · "))
        })
        .collect();
    let page_data = CustomerPage {
        layout: Layout::new(visitor, "wizard.customer.title").with_errors(!errors.is_empty()),
        locations: choices("location_mpn_id", options, fields.location_mpn_id.trim()),
        errors,
        fields,
        step: step_label(t, 1),
    };
    page(status, &page_data)
}

fn render_programme(
    visitor: &Visitor,
    fields: &WizardFields,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let selected_type = if fields.claim_type.is_empty() {
        ClaimType::CustomerAssociation.as_str()
    } else {
        &fields.claim_type
    };
    let claim_types = ClaimType::choices()
        .into_iter()
        .map(|c| {
            (
                c.as_str().to_owned(),
                t.get(c.label_key()).to_owned(),
                String::new(),
            )
        })
        .collect();
    let areas = SolutionArea::ALL
        .iter()
        .map(|a| {
            let hint = t
                .get(&format!("wizard.programme.area_hint.{}", a.as_str()))
                .to_owned();
            (a.as_str().to_owned(), t.get(a.label_key()).to_owned(), hint)
        })
        .collect();
    let activities = Activity::ALL
        .iter()
        .map(|a| {
            (
                a.as_str().to_owned(),
                t.get(a.label_key()).to_owned(),
                t.get(a.guidance_key()).to_owned(),
            )
        })
        .collect();
    let page_data = ProgrammePage {
        layout: Layout::new(visitor, "wizard.programme.title").with_errors(!errors.is_empty()),
        errors,
        carried: fields.before(2),
        claim_types: choices("claim_type", claim_types, selected_type),
        areas: choices("solution_area", areas, &fields.solution_area),
        activities: choices("activity", activities, &fields.activity),
        back: fields.url(STEP_1, 1, true),
        step: step_label(t, 2),
    };
    page(status, &page_data)
}

fn render_name(
    visitor: &Visitor,
    fields: &WizardFields,
    customer: &CustomerStep,
    programme: Programme,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let summary = vec![
        (
            t.get("wizard.summary.location").to_owned(),
            customer.mpn_id.to_string(),
        ),
        (
            t.get("wizard.summary.customer").to_owned(),
            format!("{} ({})", customer.domain.unicode(), customer.tenant),
        ),
        (
            t.get("wizard.summary.programme").to_owned(),
            t.get(programme.label_key()).to_owned(),
        ),
    ];
    let page_data = NamePage {
        layout: Layout::new(visitor, "wizard.name.title").with_errors(!errors.is_empty()),
        errors,
        fields: fields.clone(),
        carried: fields.before(3),
        summary,
        back: fields.url(STEP_2, 2, true),
        step: step_label(t, 3),
    };
    page(status, &page_data)
}
