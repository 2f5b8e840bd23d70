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
    i18n::{Catalogue, Locale},
    service::{
        partners_admin::{self, OrganisationSummary},
        users_admin::{self, Changed, Invitation, UserDetail},
    },
};

use super::{
    admin_user_list::UserRow,
    error::AppError,
    forms::{Choice, FormErrors, coded_choices},
    layout::{LanguageChoice, Layout, language_choices},
    listing::{SelectOption, options},
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
    /// The invitation's language; empty: the administrator's.
    language: String,
}

impl UserForm {
    /// Who to invite, or every field's problem.
    fn invitation(&self, t: &Catalogue) -> Result<Invitation, FormErrors> {
        let mut errors = FormErrors::default();
        let email =
            EmailAddress::parse(&self.email).map_err(|e| errors.add("email", t.message(&e)));
        let name = PersonName::parse(&self.display_name)
            .map_err(|e| errors.add("display_name", t.message(&e)));
        let role = role_and_organisation(&self.role, &self.organisation)
            .map_err(|(field, e)| errors.add(field, t.message(&e)));
        match (email, name, role) {
            (Ok(email), Ok(name), Ok((role, organisation_id))) => Ok(Invitation {
                email,
                name,
                role,
                organisation_id,
                language: Locale::parse(&self.language).unwrap_or(t.locale()),
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewUserPage {
    layout: Layout,
    errors: FormErrors,
    form: UserForm,
    roles: Vec<Choice>,
    organisations: Vec<SelectOption>,
    languages: Vec<LanguageChoice>,
}

impl NewUserPage {
    fn new(
        visitor: &Visitor,
        form: UserForm,
        errors: FormErrors,
        organisations: &[OrganisationSummary],
    ) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        Self {
            layout: Layout::new(visitor, "admin.users.new_title").with_errors(!errors.is_empty()),
            roles: coded_choices("role", Role::ALL, t, &form.role),
            organisations: organisation_options(organisations, &form.organisation),
            languages: language_choices(Locale::parse(&form.language).unwrap_or(visitor.locale)),
            errors,
            form,
        }
    }
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

impl UserPage {
    /// `chosen`: the role form as refused, shown instead of what is stored.
    fn new(
        visitor: &Visitor,
        detail: UserDetail,
        chosen: Option<&UserForm>,
        errors: FormErrors,
    ) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let user = detail.user;
        let (role, organisation) = match chosen {
            Some(form) => (form.role.as_str(), form.organisation.as_str()),
            None => (
                user.role.as_str(),
                user.organisation_id.as_ref().map_or("", |id| id.as_str()),
            ),
        };
        Self {
            layout: Layout::new(visitor, "admin.users.one_title").with_errors(!errors.is_empty()),
            roles: coded_choices("role", Role::ALL, t, role),
            organisations: organisation_options(&detail.organisations, organisation),
            active: user.active,
            id: user.id.to_string(),
            user: UserRow::new(&user, t),
            errors,
        }
    }
}

fn organisation_options(all: &[OrganisationSummary], selected: &str) -> Vec<SelectOption> {
    options(
        selected,
        all.iter().map(|o| (o.id.as_str(), o.name.as_str())),
    )
}

pub async fn new_form(
    visitor: Visitor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let form = UserForm::default();
    render_new(
        &visitor,
        &state,
        form,
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
    let invited = match form.invitation(t) {
        Err(errors) => Err(errors),
        Ok(invitation) => {
            let (now, ctx) = (state.now(), state.context.clone());
            state
                .db(move |conn| users_admin::invite(conn, &ctx, &viewer, &invitation, now))
                .await?
                .ok_or(AppError::Forbidden)?
                .map_err(|e| invitation_refused(e, t))
        }
    };
    match invited {
        Ok(id) => see_other_with_flash(
            &format!("/admin/users/{id}"),
            "flash.user_invited",
            state.settings.cookie_secure,
        ),
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_new(&visitor, &state, form, errors, status).await
        }
    }
}

/// Why the invitation was refused, next to the field it is about.
fn invitation_refused(e: AccountError, t: &Catalogue) -> FormErrors {
    let field = match e {
        AccountError::EmailTaken => "email",
        _ => "organisation",
    };
    FormErrors::one(field, &e, t)
}

pub async fn show(
    visitor: Visitor,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let errors = FormErrors::default();
    render_user(
        &visitor,
        &state,
        id.into_inner(),
        None,
        errors,
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
    let (role, organisation) = match role_and_organisation(&form.role, &form.organisation) {
        Ok(chosen) => chosen,
        Err((field, e)) => {
            let errors = FormErrors::one(field, &e, Catalogue::for_locale(visitor.locale));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_user(&visitor, &state, id, Some(&form), errors, status).await;
        }
    };
    let (now, target) = (state.now(), id.clone());
    let changed = state
        .db(move |conn| {
            users_admin::change_role(conn, &viewer, &target, role, organisation.as_deref(), now)
        })
        .await?;
    let flash = "flash.user_role_changed";
    conclude(&visitor, &state, id, Some(&form), changed, flash).await
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
    // Only the form's two buttons say what to do; anything else is not "deactivate".
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::BadRequest),
    };
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
    let (now, ctx, target, locale) = (
        state.now(),
        state.context.clone(),
        id.clone(),
        visitor.locale,
    );
    let sent = state
        .db(move |conn| users_admin::send_password_link(conn, &ctx, &viewer, &target, locale, now))
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
            let field = match (e, chosen) {
                (AccountError::LastAdministrator, None) => "access",
                (AccountError::LastAdministrator, Some(_)) => "role",
                _ => "organisation",
            };
            let errors = FormErrors::one(field, &e, Catalogue::for_locale(visitor.locale));
            render_user(visitor, state, id, chosen, errors, StatusCode::CONFLICT).await
        }
    }
}

async fn render_new(
    visitor: &Visitor,
    state: &AppState,
    form: UserForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let organisations = state
        .db(move |conn| partners_admin::list(conn, &viewer))
        .await?
        .ok_or(AppError::Forbidden)?;
    page(
        status,
        &NewUserPage::new(visitor, form, errors, &organisations),
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
    let now = state.now();
    let detail = state
        .db(move |conn| users_admin::user_detail(conn, &viewer, &id, now))
        .await?
        .ok_or(AppError::NotFound)?;
    page(status, &UserPage::new(visitor, detail, chosen, errors))
}
