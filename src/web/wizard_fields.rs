//! The values of the wizard's first three steps as they travel between pages (hidden
//! fields forward, the query string on Back) before the draft exists.

use serde::{Deserialize, Serialize};

use crate::domain::draft::{CustomerInput, ProgrammeInput};

/// Everything the first three steps ask, as typed.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct WizardFields {
    pub location_mpn_id: String,
    pub domain_name: String,
    pub tenant_id: String,
    pub claim_type: String,
    pub solution_area: String,
    pub activity: String,
    pub claim_name: String,
}

impl WizardFields {
    pub fn customer(&self) -> CustomerInput {
        CustomerInput {
            location_mpn_id: self.location_mpn_id.clone(),
            domain_name: self.domain_name.clone(),
            tenant_id: self.tenant_id.clone(),
        }
    }

    pub fn programme(&self) -> ProgrammeInput {
        ProgrammeInput {
            claim_type: self.claim_type.clone(),
            solution_area: self.solution_area.clone(),
            activity: self.activity.clone(),
        }
    }

    /// The values of the steps before `step`, as (name, value) pairs.
    pub fn before(&self, step: u8) -> Vec<(&'static str, String)> {
        let mut fields = Vec::new();
        if step > 1 {
            fields.push(("location_mpn_id", self.location_mpn_id.clone()));
            fields.push(("domain_name", self.domain_name.clone()));
            fields.push(("tenant_id", self.tenant_id.clone()));
        }
        if step > 2 {
            fields.push(("claim_type", self.claim_type.clone()));
            fields.push(("solution_area", self.solution_area.clone()));
            fields.push(("activity", self.activity.clone()));
        }
        fields
    }

    /// A wizard URL carrying the values of the steps before `step` (and of `step` itself,
    /// for a Back link that shows the step as it was left).
    pub fn url(&self, path: &str, step: u8, including_step: bool) -> String {
        let mut fields = self.before(if including_step { step + 1 } else { step });
        fields.retain(|(_, v)| !v.is_empty());
        if fields.is_empty() {
            return path.to_owned();
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        format!("{path}?{query}")
    }
}
