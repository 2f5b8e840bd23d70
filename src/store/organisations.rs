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

/// The organisation's locations with the programme codes each is enrolled in, by name.
pub fn locations_with_programmes(
    conn: &mut AnyConnection,
    organisation_id: &str,
) -> QueryResult<Vec<(LocationRow, Vec<String>)>> {
    let locations: Vec<LocationRow> = partner_locations::table
        .filter(partner_locations::organisation_id.eq(organisation_id))
        .order((partner_locations::name, partner_locations::id))
        .select(LocationRow::as_select())
        .load(conn)?;
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
