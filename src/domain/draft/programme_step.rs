//! Step 2 (solution area and activity, or a programme that is not CPOR) and step 3 (claim
//! name).

use super::{FieldErrors, StepError};
use crate::domain::programme::{
    Activity, ClaimType, Programme, ProgrammeChoice, ProgrammeError, SolutionArea, choose_programme,
};
use crate::domain::values::ClaimName;
use serde::{Deserialize, Serialize};

/// The raw form. A blank `claim_type` means a customer association: the wizard is for CPOR
/// claims and the co-op choices are the exception.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgrammeInput {
    pub claim_type: String,
    pub solution_area: String,
    pub activity: String,
}

impl ProgrammeInput {
    /// `enrolled` are the programmes of the location chosen in step 1: a CPOR programme it
    /// is not enrolled in is refused.
    pub fn validate(&self, enrolled: &[Programme]) -> Result<ProgrammeChoice, FieldErrors> {
        let mut errors = FieldErrors::new();
        let claim_type = match self.claim_type.trim() {
            "" => Some(ClaimType::CustomerAssociation),
            code => {
                let parsed = ClaimType::parse(code);
                if parsed.is_none() {
                    errors.push("claim_type", ProgrammeError::ClaimTypeRequired);
                }
                parsed
            }
        };
        if let Some(ClaimType::Other(other)) = claim_type {
            return Ok(ProgrammeChoice::UseCoopClaims(other));
        }
        let area = SolutionArea::parse(self.solution_area.trim());
        if area.is_none() {
            errors.push("solution_area", ProgrammeError::SolutionAreaRequired);
        }
        let activity = Activity::parse(self.activity.trim());
        if activity.is_none() {
            errors.push("activity", ProgrammeError::ActivityRequired);
        }
        let mut choice = None;
        if let (Some(claim_type), Some(area), Some(activity)) = (claim_type, area, activity) {
            choice = errors.check(
                "activity",
                choose_programme(claim_type, Some(area), Some(activity)),
            );
        }
        if let Some(ProgrammeChoice::Cpor(programme)) = choice
            && !enrolled.contains(&programme)
        {
            errors.push("activity", StepError::LocationNotEnrolled);
        }
        errors.finish(|| choice)
    }
}

/// The raw form.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct ClaimNameInput {
    pub claim_name: String,
}

impl ClaimNameInput {
    pub fn validate(&self) -> Result<ClaimName, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("claim_name", ClaimName::parse(&self.claim_name));
        errors.finish(|| name)
    }
}
