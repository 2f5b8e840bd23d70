//! The wizard's first three steps: who claims, for which customer, under which programme,
//! and the claim's name — after which the draft exists.

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        claim::{ActorKind, Status},
        draft::{
            ClaimNameInput, CustomerContext, CustomerInput, CustomerStep, EnrolledLocation,
            FieldErrors, ProgrammeInput,
        },
        programme::{OtherProgramme, Programme, ProgrammeChoice},
        values::{DomainName, MpnId, TenantId},
    },
    store::{
        AnyConnection, audit, claims, db_time, new_id, organisations, registry, write_transaction,
    },
};

use super::{auth::SessionUser, partners_admin::LocationView};

/// A location the partner may claim from (enrolled in at least one CPOR programme).
pub type ClaimingLocation = LocationView;

pub fn claiming_locations(
    conn: &mut AnyConnection,
    organisation_id: &str,
) -> anyhow::Result<Vec<ClaimingLocation>> {
    let mut locations = Vec::new();
    for (row, codes) in organisations::locations_with_programmes(conn, organisation_id)? {
        let location = LocationView::new(row, codes)?;
        if !location.programmes.is_empty() {
            locations.push(location);
        }
    }
    Ok(locations)
}

/// Step 1 against the organisation's locations and the tenant registry.
pub fn check_customer(
    conn: &mut AnyConnection,
    locations: &[ClaimingLocation],
    input: &CustomerInput,
) -> anyhow::Result<Result<CustomerStep, FieldErrors>> {
    let enrolled: Vec<EnrolledLocation> = locations
        .iter()
        .filter_map(|l| {
            Some(EnrolledLocation {
                id: l.id.clone(),
                mpn_id: MpnId::parse(&l.mpn_id).ok()?,
                programmes: l.programmes.clone(),
            })
        })
        .collect();
    let tenant_domains: Option<Vec<DomainName>> = match TenantId::parse(&input.tenant_id) {
        Ok(tenant) => registry::tenant_domains(conn, tenant.as_ref())?.map(|domains| {
            domains
                .iter()
                .filter_map(|d| DomainName::parse(d).ok())
                .collect()
        }),
        Err(_) => None,
    };
    let context = CustomerContext {
        locations: &enrolled,
        tenant_domains: tenant_domains.as_deref(),
    };
    Ok(input.validate(context))
}

/// Steps 1 and 2 together: the customer, then a programme the chosen location is enrolled in.
pub fn check_programme(
    locations: &[ClaimingLocation],
    customer: &CustomerStep,
    input: &ProgrammeInput,
) -> Result<ProgrammeChoice, FieldErrors> {
    let enrolled = locations
        .iter()
        .find(|l| l.id.as_str() == customer.location.as_str())
        .map(|l| l.programmes.clone())
        .unwrap_or_default();
    input.validate(&enrolled)
}

/// Everything the first three steps collected, validated.
pub struct NewClaim<'a> {
    pub customer: &'a CustomerStep,
    pub programme: Programme,
    pub name: &'a ClaimNameInput,
    /// The language the partner uses the portal in: their emails about the claim fall back
    /// to it.
    pub partner_language: crate::i18n::Locale,
}

/// Step 3's **Create claim**: the draft and its first audit row, in one transaction.
pub fn create_draft(
    conn: &mut AnyConnection,
    user: &SessionUser,
    claim: &NewClaim<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Result<String, FieldErrors>> {
    let name = match claim.name.validate() {
        Ok(name) => name,
        Err(errors) => return Ok(Err(errors)),
    };
    let organisation_id = user
        .organisation_id
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("a partner without an organisation cannot claim"))?;
    let id = new_id();
    let draft = DraftRecord {
        id: &id,
        organisation_id,
        customer: claim.customer,
        programme: claim.programme,
        name: name.as_ref(),
        partner_language: claim.partner_language,
    };
    write_transaction(conn, |c| write_draft(c, user, &draft, now))?;
    tracing::info!(claim_id = %id, programme = claim.programme.as_str(), "draft created");
    Ok(Ok(id))
}

/// A checked new draft, as it is written.
pub(super) struct DraftRecord<'a> {
    pub id: &'a str,
    pub organisation_id: &'a str,
    pub customer: &'a CustomerStep,
    pub programme: Programme,
    pub name: &'a str,
    pub partner_language: crate::i18n::Locale,
}

/// Writes a new draft and its first audit row, inside the caller's transaction.
pub(super) fn write_draft(
    c: &mut AnyConnection,
    user: &SessionUser,
    draft: &DraftRecord<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let at = db_time(now);
    let DraftRecord {
        id,
        organisation_id,
        customer,
        programme,
        name,
        partner_language,
    } = *draft;
    claims::insert_draft(
        c,
        &claims::NewDraft {
            id,
            organisation_id,
            location_id: customer.location.as_str(),
            created_by: &user.user_id,
            tenant_id: customer.tenant.as_ref(),
            customer_domain: customer.domain.as_ref(),
            solution_area: programme.solution_area().as_str(),
            activity: programme.activity().as_str(),
            programme: programme.as_str(),
            name,
            status: Status::Draft.as_str(),
            partner_language: partner_language.tag(),
            created_at: at,
            updated_at: at,
        },
    )?;
    audit::insert(
        c,
        &audit::NewAuditEntry {
            id: &new_id(),
            claim_id: id,
            actor_kind: ActorKind::Partner.as_str(),
            actor_user_id: Some(&user.user_id),
            from_status: None,
            to_status: Status::Draft.as_str(),
            reason_code: None,
            reason_text: None,
            at,
        },
    )?;
    Ok(())
}

/// The first three steps' raw answers, sent at once (the API's create).
pub struct FirstSteps<'a> {
    pub customer: &'a CustomerInput,
    pub programme: &'a ProgrammeInput,
    pub name: &'a ClaimNameInput,
    pub partner_language: crate::i18n::Locale,
}

/// What the first three steps sent at once come to.
pub enum Created {
    Draft(String),
    /// Each step's errors (the programme is checked only once the customer is right: its
    /// choices depend on the location).
    Invalid(Vec<FieldErrors>),
    /// A programme claimed elsewhere (co-op claims), as step 2 says.
    UseCoopClaims(OtherProgramme),
}

/// Steps 1–3 checked as the pages check them, then **Create claim**.
pub fn create_at_once(
    conn: &mut AnyConnection,
    user: &SessionUser,
    steps: &FirstSteps<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<Created> {
    let organisation = user.organisation_id.as_deref().unwrap_or_default();
    let locations = claiming_locations(conn, organisation)?;
    let checked = check_customer(conn, &locations, steps.customer)?;
    let programme = checked
        .as_ref()
        .map(|customer| check_programme(&locations, customer, steps.programme));
    let mut errors: Vec<FieldErrors> = Vec::new();
    let programme = match programme {
        Ok(Ok(ProgrammeChoice::Cpor(programme))) => Some(programme),
        Ok(Ok(ProgrammeChoice::UseCoopClaims(other))) => {
            return Ok(Created::UseCoopClaims(other));
        }
        Ok(Err(e)) => {
            errors.push(e);
            None
        }
        Err(e) => {
            errors.push(e.clone());
            None
        }
    };
    errors.extend(steps.name.validate().err());
    let (Ok(customer), Some(programme), true) = (&checked, programme, errors.is_empty()) else {
        return Ok(Created::Invalid(errors));
    };
    let claim = NewClaim {
        customer,
        programme,
        name: steps.name,
        partner_language: steps.partner_language,
    };
    Ok(match create_draft(conn, user, &claim, now)? {
        Ok(id) => Created::Draft(id),
        Err(e) => Created::Invalid(vec![e]),
    })
}
