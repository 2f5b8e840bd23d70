//! `/admin/users/new` (**Invite a user**) and one user's page (role, deactivate or reactivate,
//! send a new password link). The list is `admin_user_list`.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access::{self, Role},
        accounts::{AccountError, role_and_organisation},
        values::{EmailAddress, PersonName},
    },
    i18n::Catalogue,
    service::{
        partners_admin,
        users_admin::{self, Changed, Invitation},
    },
};

use super::{
    admin_user_list::{UserRow, row},
    error::AppError,
    forms::{Choice, FormErrors, coded_choices},
    layout::Layout,
    listing::SelectOption,
    render::{page, see_other_with_flash},
    session::Visitor,
    state::AppState,
};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UserForm {
    email: String,
    display_name: String,
    role: String,
    organisation: String,
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewUserPage {
    layout: Layout,
    errors: FormErrors,
    form: UserForm,
    roles: Vec<Choice>,
    organisations: Vec<SelectOption>,
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage {
    layout: Layout,
    user: UserRow,
    id: String,
    active: bool,
    errors: FormErrors,
    roles: Vec<Choice>,
    organisations: Vec<SelectOption>,
}

pub async fn new_form(
    visitor: Visitor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    render_new(
        &visitor,
        &state,
        UserForm::default(),
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn invite(
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<UserForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let form = form.into_inner();
    let t = Catalogue::for_locale(visitor.locale);
    let mut errors = FormErrors::default();
    let email = EmailAddress::parse(&form.email).map_err(|e| errors.add("email", t.message(&e)));
    let name = PersonName::parse(&form.display_name)
        .map_err(|e| errors.add("display_name", t.message(&e)));
    let role = role_and_organisation(&form.role, &form.organisation)
        .map_err(|(field, e)| errors.add(field, t.message(&e)));
    let (Ok(email), Ok(name), Ok((role, organisation_id))) = (email, name, role) else {
        return render_new(
            &visitor,
            &state,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let invitation = Invitation {
        email,
        name,
        role,
        organisation_id,
    };
    let (now, ctx) = (state.now(), state.context.clone());
    let invited = state
        .db(move |conn| users_admin::invite(conn, &ctx, &viewer, &invitation, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    match invited {
        Ok(id) => see_other_with_flash(
            &format!("/admin/users/{id}"),
            "flash.user_invited",
            state.settings.cookie_secure,
        ),
        Err(e) => {
            let field = if e == AccountError::EmailTaken {
                "email"
            } else {
                "organisation"
            };
            errors.add(field, t.message(&e));
            render_new(
                &visitor,
                &state,
                form,
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    render_user(
        &visitor,
        &state,
        id.into_inner(),
        None,
        FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

pub async fn change_role(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<UserForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let (id, form) = (id.into_inner(), form.into_inner());
    let t = Catalogue::for_locale(visitor.locale);
    let (role, organisation) = match role_and_organisation(&form.role, &form.organisation) {
        Ok(chosen) => chosen,
        Err((field, e)) => {
            let mut errors = FormErrors::default();
            errors.add(field, t.message(&e));
            return render_user(
                &visitor,
                &state,
                id,
                Some(&form),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let (now, target) = (state.now(), id.clone());
    let changed = state
        .db(move |conn| {
            users_admin::change_role(conn, &viewer, &target, role, organisation.as_deref(), now)
        })
        .await?;
    conclude(
        &visitor,
        &state,
        id,
        Some(&form),
        changed,
        "flash.user_role_changed",
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActiveForm {
    active: String,
}

pub async fn set_active(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
    form: web::Form<ActiveForm>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let id = id.into_inner();
    let active = form.active == "true";
    let (now, target) = (state.now(), id.clone());
    let changed = state
        .db(move |conn| users_admin::set_active(conn, &viewer, &target, active, now))
        .await?;
    let flash = if active {
        "flash.user_reactivated"
    } else {
        "flash.user_deactivated"
    };
    conclude(&visitor, &state, id, None, changed, flash).await
}

pub async fn send_password_link(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let id = id.into_inner();
    let (now, ctx, target) = (state.now(), state.context.clone(), id.clone());
    let sent = state
        .db(move |conn| users_admin::send_password_link(conn, &ctx, &viewer, &target, now))
        .await?;
    if !sent {
        return Err(AppError::NotFound);
    }
    see_other_with_flash(
        &format!("/admin/users/{id}"),
        "flash.password_link_sent",
        state.settings.cookie_secure,
    )
}

/// After a change: back to the user, or the page again with why not — next to the form
/// that was used (`chosen` is the role form's input; `None` for the access buttons).
async fn conclude(
    visitor: &Visitor,
    state: &AppState,
    id: String,
    chosen: Option<&UserForm>,
    changed: Changed,
    flash: &str,
) -> Result<HttpResponse, AppError> {
    match changed {
        Changed::Done => see_other_with_flash(
            &format!("/admin/users/{id}"),
            flash,
            state.settings.cookie_secure,
        ),
        Changed::NotFound => Err(AppError::NotFound),
        Changed::Refused(e) => {
            let mut errors = FormErrors::default();
            let field = match (e, chosen) {
                (AccountError::LastAdministrator, None) => "access",
                (AccountError::LastAdministrator, Some(_)) => "role",
                _ => "organisation",
            };
            errors.add(field, Catalogue::for_locale(visitor.locale).message(&e));
            render_user(visitor, state, id, chosen, errors, StatusCode::CONFLICT).await
        }
    }
}

fn role_choices(t: &Catalogue, selected: &str) -> Vec<Choice> {
    coded_choices("role", Role::ALL, t, selected)
}

async fn organisation_options(
    visitor: &Visitor,
    state: &AppState,
    selected: &str,
) -> Result<Vec<SelectOption>, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let all = state
        .db(move |conn| partners_admin::list(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    Ok(all
        .into_iter()
        .map(|(id, name, _)| SelectOption {
            selected: id == selected,
            value: id,
            label: name,
        })
        .collect())
}

async fn render_new(
    visitor: &Visitor,
    state: &AppState,
    form: UserForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let t = Catalogue::for_locale(visitor.locale);
    let organisations = organisation_options(visitor, state, &form.organisation).await?;
    page(
        status,
        &NewUserPage {
            layout: Layout::new(visitor, "admin.users.new_title").with_errors(!errors.is_empty()),
            roles: role_choices(t, &form.role),
            errors,
            form,
            organisations,
        },
    )
}

async fn render_user(
    visitor: &Visitor,
    state: &AppState,
    id: String,
    chosen: Option<&UserForm>,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let target = id.clone();
    let now = state.now();
    let (user, link_live) = state
        .db(move |conn| users_admin::find(conn, &viewer, &target, now))
        .await?
        .ok_or(AppError::NotFound)?;
    let t = Catalogue::for_locale(visitor.locale);
    // What was chosen in a refused form, else what is stored.
    let (role, organisation) = match chosen {
        Some(form) => (form.role.clone(), form.organisation.clone()),
        None => (
            user.role.clone(),
            user.organisation_id.clone().unwrap_or_default(),
        ),
    };
    let organisations = organisation_options(visitor, state, &organisation).await?;
    page(
        status,
        &UserPage {
            layout: Layout::new(visitor, "admin.users.one_title").with_errors(!errors.is_empty()),
            roles: role_choices(t, &role),
            active: user.active,
            user: row(&user, link_live, t),
            id,
            errors,
            organisations,
        },
    )
}
