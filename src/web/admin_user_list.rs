//! `/admin/users`: the list of users (see [`user_list`](crate::service::user_list)).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::access::{self, Role},
    i18n::Catalogue,
    service::user_list::{self, UserList, UserListRequest, UserSummary},
};

use super::{
    error::AppError,
    forms::{FormErrors, search_errors},
    layout::Layout,
    listing::{SelectOption, next_page, options},
    render::page,
    session::Visitor,
    state::AppState,
};

/// A user as the list and the user's page show them.
pub struct UserRow {
    pub href: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub organisation: String,
    pub state: String,
}

impl UserRow {
    pub fn new(user: &UserSummary, t: &Catalogue) -> Self {
        Self {
            href: format!("/admin/users/{}", user.id),
            name: user.name.clone(),
            email: user.email.clone(),
            role: t.get(user.role.label_key()).to_owned(),
            organisation: user.organisation.clone().unwrap_or_default(),
            state: t.get(user.state.label_key()).to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    users: Vec<UserRow>,
    q: String,
    errors: FormErrors,
    roles: Vec<SelectOption>,
    next: Option<String>,
}

impl UsersPage {
    fn new(visitor: &Visitor, request: UserListRequest, list: UserList) -> Self {
        let t = Catalogue::for_locale(visitor.locale);
        let chosen_role = request.chosen_role().map_or("", Role::as_str);
        let errors = search_errors(request.search(), t);
        Self {
            layout: Layout::new(visitor, "admin.users.title").with_errors(!errors.is_empty()),
            errors,
            users: list.users.iter().map(|u| UserRow::new(u, t)).collect(),
            roles: options(
                chosen_role,
                Role::ALL.iter().map(|r| (r.as_str(), t.get(r.label_key()))),
            ),
            next: list
                .next
                .map(|position| next_page("/admin/users", &request.filter_pairs(), &position)),
            q: request.q,
        }
    }
}

pub async fn index(
    visitor: Visitor,
    state: web::Data<AppState>,
    query: web::Query<UserListRequest>,
) -> Result<HttpResponse, AppError> {
    let viewer = visitor.permitted(access::can_administer)?.viewer();
    let request = query.into_inner();
    let (now, wanted) = (state.now(), request.clone());
    let list = state
        .db(move |conn| user_list::user_list(conn, &viewer, &wanted, now))
        .await?
        .ok_or(AppError::Forbidden)?;
    page(StatusCode::OK, &UsersPage::new(&visitor, request, list))
}
