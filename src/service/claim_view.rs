//! One claim as its page shows it: what was entered, what is missing, what may happen next,
//! and its history — only for those the domain lets see it.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    documents::poe_template::{self, PoeTemplateFacts},
    domain::{
        access::{self, Viewer},
        claim::{
            Action, ActorKind, ClaimSnapshot, DisputeStanding, ReasonCode, RejectionReason,
            Section, Status, allowed_actions, can_edit,
        },
        draft::{DraftFacts, MissingItem, missing_for_submit},
        errors::UnknownCode,
        ids::{ClaimId, OrganisationId},
        programme::{ProductRef, Programme, SolutionArea},
    },
    i18n::Catalogue,
    store::{
        AnyConnection,
        audit::{self, HistoryRow},
        claim_page::{self, Attachments, ClaimWithProducts},
        claims, from_db_time, organisations, usage,
    },
};

use super::{
    claim_record::{ChosenProduct, Claim},
    conversation::{self, Notes},
    evidence_step::ListedFile,
    exclusivity::{self, TakenKey},
};

/// The partner location a claim is made for.
#[derive(Debug, Clone)]
pub struct ClaimLocation {
    pub mpn_id: String,
    pub name: String,
}

pub struct ClaimDetails {
    pub row: Claim,
    pub location: ClaimLocation,
    /// The claiming organisation's name.
    pub organisation: String,
    pub status: Status,
    pub programme: Programme,
    pub products: Vec<ChosenProduct>,
    pub files: Vec<ListedFile>,
    pub missing: Vec<MissingItem>,
    pub actions: Vec<Action>,
    /// The parts the viewer may change now (only the owning partner, only as rule 7 allows).
    pub editable: Vec<Section>,
    pub snapshot: ClaimSnapshot,
    /// The conversation and the reasons the history gave.
    pub notes: Notes,
}

/// The claim, or `None` when it does not exist *or* the viewer may not see it (the two look
/// the same, so ids of other organisations' claims reveal nothing).
pub fn load(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<ClaimDetails>> {
    let Some(found) = claim_page::find_with_products(conn, id)? else {
        return Ok(None);
    };
    if !access::can_view_claim(viewer, &OrganisationId::new(&found.claim.organisation_id)) {
        return Ok(None);
    }
    let attached = claim_page::attachments(conn, &found.claim.id)?;
    details(found, attached, Some(viewer), now).map(Some)
}

/// The claim for the portal's own jobs and the customer's link, which have no signed-in
/// viewer (they check their right to act themselves).
pub fn load_unchecked(
    conn: &mut AnyConnection,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<ClaimDetails>> {
    let Some(found) = claim_page::find_with_products(conn, id)? else {
        return Ok(None);
    };
    let attached = claim_page::attachments(conn, &found.claim.id)?;
    details(found, attached, None, now).map(Some)
}

/// The claims of a job's batch, loaded together, without what is attached to them (files,
/// reasons, messages): the jobs decide on a claim's status and deadlines and write about its
/// own fields, so its snapshot counts no files.
pub fn for_jobs(found: ClaimWithProducts, now: DateTime<Utc>) -> anyhow::Result<ClaimDetails> {
    details(found, Attachments::default(), None, now)
}

/// The claim's details from its row and products, with what is attached to it.
fn details(
    found: ClaimWithProducts,
    attached: Attachments,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> anyhow::Result<ClaimDetails> {
    let location = ClaimLocation {
        mpn_id: found.mpn_id,
        name: found.location_name,
    };
    let organisation = found.organisation_name;
    let row = Claim::from(found.claim);
    let (status, programme) = (row.status, row.programme);
    let products: Vec<ChosenProduct> = found
        .products
        .into_iter()
        .map(ChosenProduct::from)
        .collect();
    let notes = conversation::notes(attached.reasons, attached.messages)?;
    let files: Vec<ListedFile> = attached.files.into_iter().map(ListedFile::from).collect();
    let poe_file_count = u32::try_from(files.len())?;
    let facts = draft_facts(&row, Some(programme), &products, poe_file_count);
    let missing = missing_for_submit(&facts);
    let snapshot = ClaimSnapshot {
        id: ClaimId::new(&row.id),
        status,
        owner: OrganisationId::new(&row.organisation_id),
        rejected_at: row.rejected_at,
        dispute_used: row.dispute_used,
        window_closes_at: row.window_closes_at,
        action_required_due: row.action_required_due,
        ends_at: row.ends_at,
        poe_file_count,
        missing: missing.clone(),
    };
    let actions = viewer
        .and_then(Viewer::actor)
        .map(|actor| allowed_actions(&snapshot, &actor, now))
        .unwrap_or_default();
    let editable = if viewer.is_some_and(access::can_create_claims) {
        Section::ALL
            .into_iter()
            .filter(|s| can_edit(status, *s))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ClaimDetails {
        row,
        location,
        organisation,
        status,
        programme,
        products,
        files,
        missing,
        actions,
        editable,
        snapshot,
        notes,
    })
}

/// The claim's proof-of-execution template (an RTF document) in the catalogue's language,
/// with what the portal knows filled in.
pub fn poe_template(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
    t: &Catalogue,
) -> anyhow::Result<Option<String>> {
    let Some(details) = load(conn, viewer, id, now)? else {
        return Ok(None);
    };
    let partner = organisations::name_of(conn, &details.row.organisation_id)?.unwrap_or_default();
    let facts = PoeTemplateFacts {
        partner,
        products: details.products.iter().map(|p| p.name.clone()).collect(),
        programme: details.programme,
        customer_domain: details.row.customer_domain,
        tenant_id: details.row.tenant_id,
    };
    Ok(Some(poe_template::compose(&facts, t)))
}

/// One line of a claim's History.
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor: ActorKind,
    /// The acting user's name (none for the system or the customer link).
    pub actor_name: Option<String>,
    /// `None` for the line that created the claim.
    pub from: Option<Status>,
    pub to: Status,
    pub reason: Option<ReasonCode>,
    pub reason_text: Option<String>,
}

pub struct ClaimHistory {
    pub name: String,
    pub entries: Vec<HistoryEntry>,
}

pub fn history(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
) -> anyhow::Result<Option<ClaimHistory>> {
    let Some(row) = claims::find(conn, id)? else {
        return Ok(None);
    };
    if !access::can_view_claim(viewer, &OrganisationId::new(&row.organisation_id)) {
        return Ok(None);
    }
    let entries = audit::history(conn, id)?
        .into_iter()
        .map(history_entry)
        .collect::<Result<_, _>>()?;
    Ok(Some(ClaimHistory {
        name: row.name,
        entries,
    }))
}

/// A stored history line, its codes read once; an unknown code is an error, not a blank.
fn history_entry(row: HistoryRow) -> Result<HistoryEntry, UnknownCode> {
    Ok(HistoryEntry {
        at: from_db_time(row.at),
        actor: ActorKind::try_from(row.actor_kind)?,
        actor_name: row.actor_name,
        from: row.from_status.map(Status::try_from).transpose()?,
        to: Status::try_from(row.to_status)?,
        reason: row
            .reason_code
            .map(|code| {
                ReasonCode::parse(&code).ok_or(UnknownCode {
                    kind: "ReasonCode",
                    code,
                })
            })
            .transpose()?,
        reason_text: row.reason_text,
    })
}

fn draft_facts(
    row: &Claim,
    programme: Option<Programme>,
    products: &[ChosenProduct],
    poe_file_count: u32,
) -> DraftFacts {
    let present = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
    let area = programme.map_or(SolutionArea::Microsoft365, Programme::solution_area);
    let refs: Vec<ProductRef> = products
        .iter()
        .map(|p| ProductRef {
            id: p.product_id.clone(),
            area,
            is_dynamics365: p.is_dynamics365,
            active: true,
        })
        .collect();
    DraftFacts {
        has_location_and_customer: true,
        programme,
        has_claim_name: !row.name.trim().is_empty(),
        product_count: products.len(),
        requires_technical_contact: programme.is_some_and(|p| p.requires_technical_contact(&refs)),
        has_customer_contact: [
            &row.customer_contact_name,
            &row.customer_contact_title,
            &row.customer_contact_email,
        ]
        .into_iter()
        .all(present),
        has_technical_contact: [
            &row.technical_contact_name,
            &row.technical_contact_title,
            &row.technical_contact_email,
        ]
        .into_iter()
        .all(present),
        has_company_contact: present(&row.company_contact_name)
            && present(&row.company_contact_email),
        has_revenue_association_details: [
            &row.seller_name,
            &row.customer_name,
            &row.isv_solution_name,
        ]
        .into_iter()
        .all(present),
        poe_file_count,
    }
}

/// Everything the claim page shows: the claim, what was written about it, where a rejection
/// stands, what another partner took, its usage.
pub struct ClaimPage {
    pub details: ClaimDetails,
    pub notes: Notes,
    /// For a rejected claim: whether and until when it can be disputed.
    pub dispute: Option<DisputeStanding>,
    /// For a claim rejected because other claims hold its keys: those keys (no holder's
    /// name).
    pub taken: Vec<TakenKey>,
    pub usage: Vec<ProductUsage>,
}

pub fn claim_page(
    conn: &mut AnyConnection,
    viewer: &Viewer,
    id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<ClaimPage>> {
    let Some(mut details) = load(conn, viewer, id, now)? else {
        return Ok(None);
    };
    let notes = std::mem::take(&mut details.notes);
    let lost_to_another = details.status == Status::Rejected
        && notes.rejection.as_ref().is_some_and(|r| {
            r.code == ReasonCode::Rejection(RejectionReason::WorkloadAlreadyAssociated)
        });
    let taken = if lost_to_another {
        exclusivity::taken_keys(conn, &details)?
    } else {
        Vec::new()
    };
    Ok(Some(ClaimPage {
        dispute: details.snapshot.dispute_standing(now),
        taken,
        notes,
        usage: usage(conn, &details)?,
        details,
    }))
}

/// One month of one claimed product's use by the customer.
pub struct ProductUsage {
    pub product_name: String,
    pub month: NaiveDate,
    pub monthly_active_users: i32,
    pub paid_units: i32,
}

/// The customer's usage of the claimed workloads — only once the association is official
/// (SPEC rule 9); before that, and after it ends, none.
fn usage(conn: &mut AnyConnection, details: &ClaimDetails) -> anyhow::Result<Vec<ProductUsage>> {
    if details.status != Status::Official {
        return Ok(Vec::new());
    }
    let products: Vec<String> = details
        .products
        .iter()
        .map(|p| p.product_id.clone())
        .collect();
    Ok(
        usage::for_products(conn, &details.row.tenant_id, &products)?
            .into_iter()
            .map(|row| ProductUsage {
                product_name: row.product_name,
                month: row.month,
                monthly_active_users: row.monthly_active_users,
                paid_units: row.paid_units,
            })
            .collect(),
    )
}
