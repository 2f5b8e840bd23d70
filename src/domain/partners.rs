//! Partner organisations and their locations as administrators enter them.

use super::errors::Message;
use super::programme::Programme;
use super::values::{MpnId, OrganisationName, ValueError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocationInput {
    pub mpn_id: MpnId,
    pub name: OrganisationName,
    /// ISO 3166-1 alpha-2, upper-case.
    pub country: String,
    pub programmes: Vec<Programme>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartnerError {
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error("not a two-letter country code")]
    CountryInvalid,
    #[error("MPN ID in use")]
    MpnTaken,
    #[error("unknown programme")]
    UnknownProgramme,
}

impl Message for PartnerError {
    fn key(&self) -> &'static str {
        match self {
            PartnerError::Value(e) => e.key(),
            PartnerError::CountryInvalid => "partner.country_invalid",
            PartnerError::MpnTaken => "partner.mpn_taken",
            PartnerError::UnknownProgramme => "partner.unknown_programme",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            PartnerError::Value(e) => e.args(),
            _ => Vec::new(),
        }
    }
}

/// A location's fields, every problem at once (field name, error).
pub fn parse_location(
    mpn_id: &str,
    name: &str,
    country: &str,
    programmes: &[String],
) -> Result<LocationInput, Vec<(&'static str, PartnerError)>> {
    let mut errors = Vec::new();
    let mpn = MpnId::parse(mpn_id).map_err(|e| errors.push(("mpn_id", e.into())));
    let name = OrganisationName::parse(name).map_err(|e| errors.push(("location_name", e.into())));
    let country = country.trim().to_ascii_uppercase();
    if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
        errors.push(("country", PartnerError::CountryInvalid));
    }
    let mut chosen = Vec::new();
    for code in programmes {
        match Programme::parse(code) {
            Some(p) if !chosen.contains(&p) => chosen.push(p),
            Some(_) => {}
            None => errors.push(("programmes", PartnerError::UnknownProgramme)),
        }
    }
    chosen.sort();
    match (mpn, name) {
        (Ok(mpn_id), Ok(name)) if errors.is_empty() => Ok(LocationInput {
            mpn_id,
            name,
            country,
            programmes: chosen,
        }),
        _ => Err(errors),
    }
}
