//! Where a wizard step's buttons lead once it is saved: **Continue** to the next step the
//! partner may still change, **Save and return to the claim** (or a reopened claim's last
//! step) to the claim page.

use serde::Deserialize;

use crate::domain::claim::{Section, Status, next_section};

/// The button pressed, as its `formaction` query says: `?then=claim` returns to the claim.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Then {
    pub then: String,
}

impl Then {
    pub fn returns_to_claim(&self) -> bool {
        self.then == "claim"
    }

    /// A button that leaves the step (not the files step's **Upload**, which stays).
    pub fn leaves_step(&self) -> bool {
        matches!(self.then.as_str(), "next" | "claim")
    }

    /// Where the step saved for a claim in `status` leads.
    pub fn after(&self, claim_id: &str, status: Status, section: Section) -> String {
        if self.returns_to_claim() {
            return claim_url(claim_id);
        }
        next_url(claim_id, status, section)
    }
}

/// The claim's page.
pub fn claim_url(claim_id: &str) -> String {
    format!("/associations/{claim_id}")
}

/// The page of the step after `section`, or the claim page when there is none to change.
pub fn next_url(claim_id: &str, status: Status, section: Section) -> String {
    match next_section(status, section) {
        Some(next) => step_url(claim_id, next),
        None => claim_url(claim_id),
    }
}

/// The page of one step of a claim that exists (steps 4–7; earlier steps lead to the claim).
pub fn step_url(claim_id: &str, section: Section) -> String {
    let step = match section {
        Section::Products => "products",
        Section::Contacts => "contacts",
        Section::ProofOfExecution => "files",
        Section::Comments => "submit",
        Section::CustomerAndProgramme | Section::Name => return claim_url(claim_id),
    };
    format!("/associations/{claim_id}/{step}")
}
