//! `/admin/users`: the list of users — searched by name or email, filtered by role, in keyset
//! pages — with each user's state (active, invited, link expired, deactivated).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use crate::{
    domain::{
        access::{self, Role},
        keyset::KeysetPosition,
    },
    i18n::Catalogue,
    service::users_admin,
    store::users::{UserFilter, UserLine},
};

use super::{
    error::AppError,
    layout::Layout,
    listing::{SelectOption, next_page},
    render::page,
    session::Visitor,
    state::AppState,
};

pub struct UserRow {
    pub href: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub organisation: String,
    pub state: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    users: Vec<UserRow>,
    q: String,
    roles: Vec<SelectOption>,
    next: Option<String>,
}

pub fn row(u: &UserLine, link_live: bool, t: &Catalogue) -> UserRow {
    let state = match (u.active, u.has_password, link_live) {
        (false, _, _) => "admin.users.state.inactive",
        (true, false, true) => "admin.users.state.invited",
        (true, false, false) => "admin.users.state.link_expired",
        (true, true, _) => "admin.users.state.active",
    };
    UserRow {
        href: format!("/admin/users/{}", u.id),
        name: u.display_name.clone(),
        email: u.email.clone(),
        role: Role::parse(&u.role)
            .map(|r| t.get(r.label_key()).to_owned())
            .unwrap_or_default(),
        organisation: u.organisation_name.clone().unwrap_or_default(),
        state: t.get(state).to_owned(),
    }
}

/// Users per page.
const PAGE: i64 = 50;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct UsersQuery {
    q: String,
    role: String,
    after: String,
}

pub async fn index(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<UsersQuery>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let query = query.into_inner();
    let filter = UserFilter {
        search: Some(query.q.trim().to_owned()).filter(|s| !s.is_empty()),
        role: Role::parse(&query.role).map(|r| r.as_str().to_owned()),
    };
    let after = KeysetPosition::decode(&query.after);
    let (now, wanted) = (state.now(), filter.clone());
    let found = state
        .db(move |conn| users_admin::list(conn, &viewer, &wanted, after.as_ref(), PAGE + 1, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    let t = Catalogue::for_locale(visitor.locale);
    let more = found.len() as i64 > PAGE;
    let shown = &found[..found.len().min(PAGE as usize)];
    let filters = [
        ("q", filter.search.as_deref().unwrap_or_default()),
        ("role", filter.role.as_deref().unwrap_or_default()),
    ];
    let next = shown.last().filter(|_| more).map(|(last, _)| {
        let position = KeysetPosition::new(last.display_name.as_str(), last.id.as_str());
        next_page("/admin/users", &filters, &position)
    });
    let roles = Role::ALL
        .iter()
        .map(|r| SelectOption {
            value: r.as_str().to_owned(),
            label: t.get(r.label_key()).to_owned(),
            selected: filter.role.as_deref() == Some(r.as_str()),
        })
        .collect();
    page(
        StatusCode::OK,
        &UsersPage {
            layout: Layout::new(&visitor, "admin.users.title"),
            users: shown.iter().map(|(u, link)| row(u, *link, t)).collect(),
            q: query.q,
            roles,
            next,
        },
    )
}
