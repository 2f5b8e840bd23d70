//! Webhook endpoints: an organisation's (`organisation_id`) or the portal administrators'
//! (`NULL`). Every read and change of a page names its owner, so another owner's endpoint
//! is never found. The secret is stored as it is: it must sign (never logged).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{AnyConnection, schema::webhook_deliveries, schema::webhook_endpoints};
use crate::domain::redacted::Redacted;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints)]
pub struct EndpointRow {
    pub id: String,
    pub organisation_id: Option<String>,
    pub url: String,
    pub description: String,
    pub events: String,
    /// Printed `<redacted>` by `Debug`, as the previous one.
    #[diesel(deserialize_as = String)]
    pub secret: Redacted<String>,
    #[diesel(deserialize_as = Option<String>)]
    pub previous_secret: Redacted<Option<String>>,
    pub previous_secret_until: Option<NaiveDateTime>,
    pub enabled: bool,
    pub failing_since: Option<NaiveDateTime>,
    pub disabled_for_failures_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// `Debug` prints the secret `<redacted>`.
#[derive(Insertable)]
#[diesel(table_name = webhook_endpoints)]
pub struct NewEndpoint<'a> {
    pub id: &'a str,
    pub organisation_id: Option<&'a str>,
    pub url: &'a str,
    pub description: &'a str,
    pub events: &'a str,
    pub secret: &'a str,
    pub enabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl std::fmt::Debug for NewEndpoint<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewEndpoint")
            .field("id", &self.id)
            .field("organisation_id", &self.organisation_id)
            .field("url", &self.url)
            .field("events", &self.events)
            .field("secret", &Redacted::new(self.secret))
            .finish_non_exhaustive()
    }
}

pub fn insert(conn: &mut AnyConnection, endpoint: &NewEndpoint<'_>) -> QueryResult<()> {
    diesel::insert_into(webhook_endpoints::table)
        .values(endpoint)
        .execute(conn)
        .map(drop)
}

/// The owner's endpoints, boxed: `Some(organisation)`, or `None` for the administrators'.
macro_rules! owned_by {
    ($owner:expr) => {{
        let query = webhook_endpoints::table.into_boxed();
        match $owner {
            Some(organisation) => {
                query.filter(webhook_endpoints::organisation_id.eq(organisation.to_owned()))
            }
            None => query.filter(webhook_endpoints::organisation_id.is_null()),
        }
    }};
}

/// The owner's endpoints, oldest first.
pub fn of_owner(conn: &mut AnyConnection, owner: Option<&str>) -> QueryResult<Vec<EndpointRow>> {
    owned_by!(owner)
        .order((webhook_endpoints::created_at, webhook_endpoints::id))
        .select(EndpointRow::as_select())
        .load(conn)
}

/// One of the owner's endpoints.
pub fn find_owned(
    conn: &mut AnyConnection,
    owner: Option<&str>,
    id: &str,
) -> QueryResult<Option<EndpointRow>> {
    owned_by!(owner)
        .filter(webhook_endpoints::id.eq(id.to_owned()))
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()
}

/// An endpoint whoever owns it (for the dispatcher).
pub fn find(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<EndpointRow>> {
    webhook_endpoints::table
        .find(id)
        .select(EndpointRow::as_select())
        .first(conn)
        .optional()
}

/// The working endpoints that hear about a claim of `organisation_id`: its own and the
/// administrators'.
pub fn listening(conn: &mut AnyConnection, organisation_id: &str) -> QueryResult<Vec<EndpointRow>> {
    webhook_endpoints::table
        .filter(webhook_endpoints::enabled.eq(true))
        .filter(
            webhook_endpoints::organisation_id
                .eq(organisation_id)
                .or(webhook_endpoints::organisation_id.is_null()),
        )
        .select(EndpointRow::as_select())
        .load(conn)
}

/// Sets an endpoint's description and events; false when the owner has no such endpoint.
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    description: &str,
    events: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(webhook_endpoints::table.find(id))
        .set((
            webhook_endpoints::description.eq(description),
            webhook_endpoints::events.eq(events),
            webhook_endpoints::updated_at.eq(at),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Turns an endpoint on or off. Turned on, its failures start counting afresh.
pub fn set_enabled(
    conn: &mut AnyConnection,
    id: &str,
    enabled: bool,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let target = webhook_endpoints::table.find(id);
    let changed = if enabled {
        diesel::update(target)
            .set((
                webhook_endpoints::enabled.eq(true),
                webhook_endpoints::failing_since.eq(None::<NaiveDateTime>),
                webhook_endpoints::disabled_for_failures_at.eq(None::<NaiveDateTime>),
                webhook_endpoints::updated_at.eq(at),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                webhook_endpoints::enabled.eq(false),
                webhook_endpoints::updated_at.eq(at),
            ))
            .execute(conn)?
    };
    Ok(changed == 1)
}

/// A new secret; the one it replaces keeps signing until `previous_until`.
pub fn rotate(
    conn: &mut AnyConnection,
    id: &str,
    secret: &str,
    previous: &str,
    previous_until: NaiveDateTime,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(webhook_endpoints::table.find(id))
        .set((
            webhook_endpoints::secret.eq(secret),
            webhook_endpoints::previous_secret.eq(previous),
            webhook_endpoints::previous_secret_until.eq(previous_until),
            webhook_endpoints::updated_at.eq(at),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Removes an endpoint with its delivery log.
pub fn delete(conn: &mut AnyConnection, id: &str) -> QueryResult<bool> {
    diesel::delete(webhook_deliveries::table.filter(webhook_deliveries::endpoint_id.eq(id)))
        .execute(conn)?;
    diesel::delete(webhook_endpoints::table.find(id))
        .execute(conn)
        .map(|n| n == 1)
}

/// Records a failed delivery: the endpoint fails since `at` unless it failed already.
pub fn mark_failing(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        webhook_endpoints::table
            .find(id)
            .filter(webhook_endpoints::failing_since.is_null()),
    )
    .set(webhook_endpoints::failing_since.eq(at))
    .execute(conn)
    .map(drop)
}

/// Records a delivered message: the endpoint works.
pub fn mark_working(conn: &mut AnyConnection, id: &str) -> QueryResult<()> {
    diesel::update(
        webhook_endpoints::table
            .find(id)
            .filter(webhook_endpoints::failing_since.is_not_null()),
    )
    .set(webhook_endpoints::failing_since.eq(None::<NaiveDateTime>))
    .execute(conn)
    .map(drop)
}

/// Working endpoints failing since before `since`.
pub fn failing_since_before(
    conn: &mut AnyConnection,
    since: NaiveDateTime,
) -> QueryResult<Vec<EndpointRow>> {
    webhook_endpoints::table
        .filter(webhook_endpoints::enabled.eq(true))
        .filter(webhook_endpoints::failing_since.le(since))
        .select(EndpointRow::as_select())
        .load(conn)
}

/// Disables a working endpoint for its failures; false when it was off already.
pub fn disable_for_failures(
    conn: &mut AnyConnection,
    id: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        webhook_endpoints::table
            .find(id)
            .filter(webhook_endpoints::enabled.eq(true)),
    )
    .set((
        webhook_endpoints::enabled.eq(false),
        webhook_endpoints::disabled_for_failures_at.eq(at),
        webhook_endpoints::updated_at.eq(at),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Who is told about an endpoint: the active partner users of its organisation, or the
/// active administrators for the portal's own (email, name, chosen language).
pub fn owners(
    conn: &mut AnyConnection,
    organisation_id: Option<&str>,
) -> QueryResult<Vec<(String, String, Option<String>)>> {
    use super::schema::users;
    let active = users::table.filter(users::active.eq(true)).into_boxed();
    let chosen = match organisation_id {
        Some(organisation) => active
            .filter(users::organisation_id.eq(organisation.to_owned()))
            .filter(users::role.eq("partner")),
        None => active.filter(users::role.eq("administrator")),
    };
    chosen
        .order(users::email)
        .select((users::email, users::display_name, users::language))
        .load(conn)
}
