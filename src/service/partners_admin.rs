//! `/admin/organisations`: partner organisations and their locations (MPN ID, name,
//! country, enrolled programmes). Each change is recorded with who and when.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{self, Viewer},
        ids::{LocationId, OrganisationId},
        partners::{LocationInput, PartnerError},
        programme::Programme,
        values::OrganisationName,
    },
    store::{
        AnyConnection, admin_audit, db_time, is_unique_violation, new_id,
        organisations::{self, LocationRow},
        write_transaction,
    },
};

/// A partner organisation and how many locations it has.
pub struct OrganisationSummary {
    pub id: OrganisationId,
    pub name: String,
    pub locations: i64,
}

/// One MPN location with the programmes it is enrolled in.
#[derive(Debug, Clone)]
pub struct LocationView {
    pub id: LocationId,
    pub organisation_id: OrganisationId,
    pub mpn_id: String,
    pub name: String,
    pub country: String,
    pub programmes: Vec<Programme>,
}

impl LocationView {
    /// An unknown stored programme code is an error, never dropped.
    pub(crate) fn new(row: LocationRow, programmes: Vec<String>) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id.into(),
            organisation_id: row.organisation_id.into(),
            mpn_id: row.mpn_id,
            name: row.name,
            country: row.country,
            programmes: programmes
                .into_iter()
                .map(Programme::try_from)
                .collect::<Result<_, _>>()?,
        })
    }
}

pub struct OrganisationView {
    pub id: OrganisationId,
    pub name: String,
    pub locations: Vec<LocationView>,
}

fn admin(viewer: &Viewer) -> bool {
    access::can_administer(viewer)
}

/// Every organisation by name. `None`: not an administrator.
pub fn list(
    conn: &mut AnyConnection,
    viewer: &Viewer,
) -> anyhow::Result<Option<Vec<OrganisationSummary>>> {
    if !admin(viewer) {
        return Ok(None);
    }
    summaries(conn).map(Some)
}

/// Every organisation by name, for a caller that checked the viewer.
pub(super) fn summaries(conn: &mut AnyConnection) -> anyhow::Result<Vec<OrganisationSummary>> {
    Ok(organisations::all_with_location_counts(conn)?
        .into_iter()
        .map(|(id, name, locations)| OrganisationSummary {
            id: id.into(),
            name,
            locations,
        })
        .collect())
}

pub fn organisation(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
) -> anyhow::Result<Option<OrganisationView>> {
    if !admin(viewer) {
        return Ok(None);
    }
    let Some(name) = organisations::name_of(conn, id)? else {
        return Ok(None);
    };
    let locations = organisations::locations_with_programmes(conn, id)?
        .into_iter()
        .map(|(row, programmes)| LocationView::new(row, programmes))
        .collect::<anyhow::Result<_>>()?;
    Ok(Some(OrganisationView {
        id: OrganisationId::new(id),
        name,
        locations,
    }))
}

pub fn location(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
) -> anyhow::Result<Option<LocationView>> {
    if !admin(viewer) {
        return Ok(None);
    }
    organisations::find_location(conn, id)?
        .map(|(row, programmes)| LocationView::new(row, programmes))
        .transpose()
}

/// Creates an organisation; returns its id (`None`: not an administrator).
pub fn create_organisation(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    name: &OrganisationName,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<OrganisationId>> {
    if !admin(viewer) {
        return Ok(None);
    }
    let id = new_id();
    write_transaction(conn, |c| -> anyhow::Result<()> {
        organisations::insert(
            c,
            &organisations::NewOrganisation {
                id: &id,
                name: name.as_str(),
                created_at: db_time(now),
            },
        )?;
        admin_audit::record(
            c,
            Some(viewer.user.as_str()),
            "organisation.created",
            name.as_str(),
            None,
            db_time(now),
        )?;
        Ok(())
    })?;
    Ok(Some(id.into()))
}

pub fn rename_organisation(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    name: &OrganisationName,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    if !admin(viewer) {
        return Ok(false);
    }
    write_transaction(conn, |c| -> anyhow::Result<bool> {
        if !organisations::rename(c, id, name.as_str())? {
            return Ok(false);
        }
        admin_audit::record(
            c,
            Some(viewer.user.as_str()),
            "organisation.renamed",
            name.as_str(),
            None,
            db_time(now),
        )?;
        Ok(true)
    })
}

/// What became of saving a location.
pub enum LocationSaved {
    Done,
    Refused(PartnerError),
    NotFound,
}

/// Adds a location to `organisation_id` (`location_id: None`) or changes one.
pub fn save_location(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    organisation_id: &str,
    location_id: Option<&str>,
    input: &LocationInput,
    now: DateTime<Utc>,
) -> anyhow::Result<LocationSaved> {
    if !admin(viewer) {
        return Ok(LocationSaved::NotFound);
    }
    let programmes: Vec<&str> = input.programmes.iter().map(|p| p.as_str()).collect();
    let actor = Some(viewer.user.as_str());
    let at = db_time(now);
    let saved = write_transaction(conn, |c| -> anyhow::Result<LocationSaved> {
        let holder = organisations::location_by_mpn(c, input.mpn_id.as_str())?;
        if holder.is_some_and(|holder| Some(holder.as_str()) != location_id) {
            return Ok(LocationSaved::Refused(PartnerError::MpnTaken));
        }
        match location_id {
            None => {
                if organisations::name_of(c, organisation_id)?.is_none() {
                    return Ok(LocationSaved::NotFound);
                }
                organisations::insert_location(
                    c,
                    &organisations::NewLocation {
                        id: &new_id(),
                        organisation_id,
                        mpn_id: input.mpn_id.as_str(),
                        name: input.name.as_str(),
                        country: &input.country,
                        created_at: at,
                    },
                    &programmes,
                )?;
                admin_audit::record(
                    c,
                    actor,
                    "location.created",
                    input.mpn_id.as_str(),
                    Some(&programmes.join(",")),
                    at,
                )?;
            }
            Some(id) => {
                if !organisations::update_location(
                    c,
                    id,
                    input.mpn_id.as_str(),
                    input.name.as_str(),
                    &input.country,
                    &programmes,
                )? {
                    return Ok(LocationSaved::NotFound);
                }
                admin_audit::record(
                    c,
                    actor,
                    "location.updated",
                    input.mpn_id.as_str(),
                    Some(&programmes.join(",")),
                    at,
                )?;
            }
        }
        Ok(LocationSaved::Done)
    });
    match saved {
        // Another location took the MPN ID a moment ago.
        Err(e) if is_unique_violation(&e) => Ok(LocationSaved::Refused(PartnerError::MpnTaken)),
        other => other,
    }
}
