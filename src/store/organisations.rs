//! Partner organisations and their locations (MPN IDs) with enrolled programmes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{
    AnyConnection,
    schema::{location_programmes, organisations, partner_locations},
};

#[derive(Debug, Insertable)]
#[diesel(table_name = organisations)]
pub struct NewOrganisation<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = partner_locations)]
pub struct NewLocation<'a> {
    pub id: &'a str,
    pub organisation_id: &'a str,
    pub mpn_id: &'a str,
    pub name: &'a str,
    pub country: &'a str,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, organisation: &NewOrganisation<'_>) -> QueryResult<()> {
    diesel::insert_into(organisations::table)
        .values(organisation)
        .execute(conn)
        .map(drop)
}

/// Inserts a location and its programme enrolments (codes as the domain spells them).
pub fn insert_location(
    conn: &mut AnyConnection,
    location: &NewLocation<'_>,
    programmes: &[&str],
) -> QueryResult<()> {
    diesel::insert_into(partner_locations::table)
        .values(location)
        .execute(conn)?;
    for programme in programmes {
        diesel::insert_into(location_programmes::table)
            .values((
                location_programmes::location_id.eq(location.id),
                location_programmes::programme.eq(*programme),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn name_of(conn: &mut AnyConnection, id: &str) -> QueryResult<Option<String>> {
    organisations::table
        .find(id)
        .select(organisations::name)
        .first(conn)
        .optional()
}

pub fn count(conn: &mut AnyConnection) -> QueryResult<i64> {
    organisations::table.count().get_result(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = partner_locations)]
pub struct LocationRow {
    pub id: String,
    pub organisation_id: String,
    pub mpn_id: String,
    pub name: String,
    pub country: String,
}

/// The organisation's locations by name (e.g. for a filter's choices).
pub fn locations(conn: &mut AnyConnection, organisation_id: &str) -> QueryResult<Vec<LocationRow>> {
    let query = partner_locations::table
        .filter(partner_locations::organisation_id.eq(organisation_id))
        .order((partner_locations::name, partner_locations::id))
        .select(super::connection::selection::<LocationRow>());
    super::connection::load_direct(conn, query)
}

/// The organisation's locations with the programme codes each is enrolled in, by name.
pub fn locations_with_programmes(
    conn: &mut AnyConnection,
    organisation_id: &str,
) -> QueryResult<Vec<(LocationRow, Vec<String>)>> {
    let locations = locations(conn, organisation_id)?;
    let ids: Vec<&str> = locations.iter().map(|l| l.id.as_str()).collect();
    let enrolments: Vec<(String, String)> = location_programmes::table
        .filter(location_programmes::location_id.eq_any(&ids))
        .select((
            location_programmes::location_id,
            location_programmes::programme,
        ))
        .load(conn)?;
    Ok(locations
        .into_iter()
        .map(|location| {
            let programmes = enrolments
                .iter()
                .filter(|(id, _)| *id == location.id)
                .map(|(_, programme)| programme.clone())
                .collect();
            (location, programmes)
        })
        .collect())
}

/// Every organisation with how many locations it has, by name.
pub fn all_with_location_counts(
    conn: &mut AnyConnection,
) -> QueryResult<Vec<(String, String, i64)>> {
    let organisations: Vec<(String, String)> = organisations::table
        .order((organisations::name, organisations::id))
        .select((organisations::id, organisations::name))
        .load(conn)?;
    let counts: Vec<(String, i64)> = partner_locations::table
        .group_by(partner_locations::organisation_id)
        .select((
            partner_locations::organisation_id,
            diesel::dsl::count_star(),
        ))
        .load(conn)?;
    Ok(organisations
        .into_iter()
        .map(|(id, name)| {
            let n = counts.iter().find(|(o, _)| *o == id).map_or(0, |(_, n)| *n);
            (id, name, n)
        })
        .collect())
}

pub fn rename(conn: &mut AnyConnection, id: &str, name: &str) -> QueryResult<bool> {
    Ok(diesel::update(organisations::table.find(id))
        .set(organisations::name.eq(name))
        .execute(conn)?
        == 1)
}

pub fn find_location(
    conn: &mut AnyConnection,
    id: &str,
) -> QueryResult<Option<(LocationRow, Vec<String>)>> {
    let Some(location) = partner_locations::table
        .find(id)
        .select(LocationRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let programmes = location_programmes::table
        .filter(location_programmes::location_id.eq(id))
        .select(location_programmes::programme)
        .load(conn)?;
    Ok(Some((location, programmes)))
}

/// The location with this MPN ID, if any.
pub fn location_by_mpn(conn: &mut AnyConnection, mpn_id: &str) -> QueryResult<Option<String>> {
    partner_locations::table
        .filter(partner_locations::mpn_id.eq(mpn_id))
        .select(partner_locations::id)
        .first(conn)
        .optional()
}

/// Changes a location and replaces its programme enrolments.
pub fn update_location(
    conn: &mut AnyConnection,
    id: &str,
    mpn_id: &str,
    name: &str,
    country: &str,
    programmes: &[&str],
) -> QueryResult<bool> {
    let changed = diesel::update(partner_locations::table.find(id))
        .set((
            partner_locations::mpn_id.eq(mpn_id),
            partner_locations::name.eq(name),
            partner_locations::country.eq(country),
        ))
        .execute(conn)?;
    if changed == 0 {
        return Ok(false);
    }
    diesel::delete(location_programmes::table.filter(location_programmes::location_id.eq(id)))
        .execute(conn)?;
    for programme in programmes {
        diesel::insert_into(location_programmes::table)
            .values((
                location_programmes::location_id.eq(id),
                location_programmes::programme.eq(*programme),
            ))
            .execute(conn)?;
    }
    Ok(true)
}
