//! `/admin/users`: the list of users — searched by name or email, filtered by role, in keyset
//! pages — each with where their account stands.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::{
    domain::{
        access::{self, Role, Viewer},
        accounts::AccountState,
        ids::{OrganisationId, UserId},
        keyset::KeysetPosition,
        search::{SearchError, parse_search},
    },
    store::{
        AnyConnection, db_time, password_tokens,
        users::{self, UserFilter, UserLine},
    },
};

/// Users per page.
pub const PAGE_SIZE: i64 = 50;

/// The list's query string, as typed; an unknown role or position is ignored.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct UserListRequest {
    pub q: String,
    pub role: String,
    /// Where the previous page ended ([`KeysetPosition::encode`]).
    pub after: String,
}

impl UserListRequest {
    /// The role filtered on, if the one asked for exists.
    pub fn chosen_role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }

    /// The search term; a term that cannot be searched for is not applied, and the page says
    /// why.
    pub fn search(&self) -> Result<Option<String>, SearchError> {
        parse_search(&self.q)
    }

    fn filter(&self) -> UserFilter {
        UserFilter {
            search: self.search().ok().flatten(),
            role: self.chosen_role(),
        }
    }

    /// The filters as applied (never the position), for the next page's link.
    pub fn filter_pairs(&self) -> [(&'static str, &str); 2] {
        [
            ("q", self.q.trim()),
            ("role", self.chosen_role().map_or("", Role::as_str)),
        ]
    }
}

/// One user as the administration shows them.
pub struct UserSummary {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<OrganisationId>,
    /// The partner organisation's name (staff have none).
    pub organisation: Option<String>,
    pub active: bool,
    pub state: AccountState,
}

impl UserSummary {
    fn new(line: UserLine, link_live: bool) -> Self {
        Self {
            state: AccountState::of(line.active, line.has_password, link_live),
            id: line.id,
            name: line.display_name,
            email: line.email,
            role: line.role,
            organisation_id: line.organisation_id.map(OrganisationId::from),
            organisation: line.organisation_name,
            active: line.active,
        }
    }
}

pub struct UserList {
    pub users: Vec<UserSummary>,
    /// Where the next page starts, when there is one.
    pub next: Option<KeysetPosition>,
}

/// A page of users. `None`: not an administrator.
pub fn user_list(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    request: &UserListRequest,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<UserList>> {
    if !access::can_administer(viewer) {
        return Ok(None);
    }
    let after = KeysetPosition::decode(&request.after);
    let mut lines = users::page(conn, &request.filter(), after.as_ref(), PAGE_SIZE + 1)?;
    let more = lines.len() as i64 > PAGE_SIZE;
    lines.truncate(PAGE_SIZE as usize);
    let next = lines
        .last()
        .filter(|_| more)
        .map(|last| KeysetPosition::new(last.display_name.as_str(), last.id.as_str()));
    Ok(Some(UserList {
        users: summaries(conn, lines, now)?,
        next,
    }))
}

/// One user. `None`: no such user.
pub fn user_summary(
    conn: &mut AnyConnection,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<UserSummary>> {
    let Some(line) = users::find_line(conn, id)? else {
        return Ok(None);
    };
    Ok(summaries(conn, vec![line], now)?.pop())
}

/// The lines with their state: whether a set-password link of theirs still works decides
/// between invited and link expired.
fn summaries(
    conn: &mut AnyConnection,
    lines: Vec<UserLine>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<UserSummary>> {
    let ids: Vec<String> = lines.iter().map(|u| u.id.to_string()).collect();
    let live = password_tokens::users_with_live_link(conn, &ids, db_time(now))?;
    Ok(lines
        .into_iter()
        .map(|line| {
            let link_live = live.iter().any(|id| id == line.id.as_str());
            UserSummary::new(line, link_live)
        })
        .collect())
}
