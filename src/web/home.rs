//! `/` and the role homes.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use crate::{
    domain::access::{self, home_path},
    i18n::{Catalogue, format},
    service::overview::{self, AdminOverview},
};

use super::{
    error::AppError,
    layout::Layout,
    render::{page, see_other},
    session::Visitor,
    state::AppState,
};

pub async fn root(visitor: Visitor) -> HttpResponse {
    match &visitor.user {
        Some(user) => see_other(home_path(user.role)),
        None => see_other("/sign-in"),
    }
}

pub struct ClaimCount {
    pub status: String,
    pub programme: String,
    pub count: i64,
}

pub struct Closing {
    pub href: String,
    pub name: String,
    pub at: String,
}

pub struct Change {
    pub who: String,
    pub what: String,
    pub subject: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminPage {
    layout: Layout,
    organisations: i64,
    users: i64,
    claims: Vec<ClaimCount>,
    closing_today: Vec<Closing>,
    pending_mail: i64,
    failed_mail: i64,
    changes: Vec<Change>,
}

pub async fn admin(visitor: Visitor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    visitor.permitted(access::can_administer)?;
    let (now, ctx) = (state.now(), state.context.clone());
    let o = state
        .db(move |conn| overview::admin_overview(conn, &ctx, now))
        .await?;
    let t = Catalogue::for_locale(visitor.locale);
    let zone = state.settings.calendar_time_zone;
    page(StatusCode::OK, &AdminPage::new(&visitor, o, t, zone))
}

impl AdminPage {
    fn new(
        visitor: &Visitor,
        o: AdminOverview,
        t: &'static Catalogue,
        zone: chrono_tz::Tz,
    ) -> Self {
        AdminPage {
            layout: Layout::new(visitor, "admin.title"),
            organisations: o.organisations,
            users: o.users,
            claims: o
                .claims
                .iter()
                .map(|(status, programme, count)| ClaimCount {
                    status: t.get(status.label_key()).to_owned(),
                    programme: t.get(programme.label_key()).to_owned(),
                    count: *count,
                })
                .collect(),
            closing_today: o
                .closing_today
                .iter()
                .map(|(id, name, at)| Closing {
                    href: format!("/review/{id}"),
                    name: name.clone(),
                    at: format::instant(*at, zone, t),
                })
                .collect(),
            pending_mail: o.pending_mail,
            failed_mail: o.failed_mail,
            changes: o
                .recent_changes
                .iter()
                .map(|c| Change {
                    who: c
                        .actor_name
                        .clone()
                        .unwrap_or_else(|| t.get("admin.changes.command_line").to_owned()),
                    what: t.get(&format!("admin.changes.{}", c.action)).to_owned(),
                    subject: match &c.detail {
                        Some(detail) => format!("{} ({detail})", c.subject),
                        None => c.subject.clone(),
                    },
                    at: format::instant(c.at, zone, t),
                })
                .collect(),
        }
    }
}
