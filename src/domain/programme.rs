//! The CPOR programmes, how a solution area and activity select one (SPEC rule 2), and the
//! programmes that are *not* CPOR and go through co-op claims instead (rule 1).

use super::errors::{Message, code_enum};
use super::exclusivity::KeyKind;

code_enum! {
    /// The product family a claim is about.
    pub enum SolutionArea: "solution_area" {
        Microsoft365 => "microsoft_365",
        BusinessApplications => "business_applications",
    }
}

code_enum! {
    /// What the partner did for the customer.
    pub enum Activity: "activity" {
        PreSales => "pre_sales",
        Usage => "usage",
        RevenueAssociation => "revenue_association",
    }
}

code_enum! {
    /// A programme whose customer associations are claimed through CPOR.
    pub enum Programme: "programme" {
        /// Online Services Advisory: pre-sales for Business Applications.
        Osa => "osa",
        /// Online Services Usage for Microsoft 365.
        OsuM365 => "osu_m365",
        /// Online Services Usage for Business Applications.
        OsuBizApps => "osu_bizapps",
        /// Not incentivised: records which partner drives Business Applications revenue.
        RevenueAssociation => "revenue_association",
    }
}

code_enum! {
    /// Programmes whose claims are not CPOR: the portal sends the partner to co-op claims.
    pub enum OtherProgramme: "other_programme" {
        CloudSolutionProvider => "csp",
        ManagedReseller => "managed_reseller",
        Hosting => "hosting",
        Surface => "surface",
    }
}

/// The first question of step 2: is this a CPOR customer association, or something that
/// belongs to co-op claims?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimType {
    CustomerAssociation,
    Other(OtherProgramme),
}

impl ClaimType {
    /// The choices in display order: customer association first, then the co-op ones.
    pub fn choices() -> Vec<ClaimType> {
        std::iter::once(ClaimType::CustomerAssociation)
            .chain(OtherProgramme::ALL.iter().copied().map(ClaimType::Other))
            .collect()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimType::CustomerAssociation => "customer_association",
            ClaimType::Other(other) => other.as_str(),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::choices()
            .into_iter()
            .find(|choice| choice.as_str() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ClaimType::CustomerAssociation => "claim_type.customer_association",
            ClaimType::Other(other) => other.label_key(),
        }
    }
}

/// Where the claim goes: a CPOR programme handled here, or the co-op claims process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgrammeChoice {
    Cpor(Programme),
    UseCoopClaims(OtherProgramme),
}

/// Why a solution area and activity do not make a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProgrammeError {
    #[error("no claim type chosen")]
    ClaimTypeRequired,
    #[error("no solution area chosen")]
    SolutionAreaRequired,
    #[error("no activity chosen")]
    ActivityRequired,
    #[error("Microsoft 365 claims can only be for usage")]
    Microsoft365UsageOnly,
}

impl Message for ProgrammeError {
    fn key(&self) -> &'static str {
        match self {
            ProgrammeError::ClaimTypeRequired => "programme.claim_type.required",
            ProgrammeError::SolutionAreaRequired => "programme.solution_area.required",
            ProgrammeError::ActivityRequired => "programme.activity.required",
            ProgrammeError::Microsoft365UsageOnly => "programme.microsoft_365_usage_only",
        }
    }
}

/// SPEC rule 2: Business Applications offers pre-sales (OSA), usage (OSU BizApps) and
/// revenue association; Microsoft 365 offers usage (OSU M365) only.
pub fn programme_for(area: SolutionArea, activity: Activity) -> Result<Programme, ProgrammeError> {
    match (area, activity) {
        (SolutionArea::Microsoft365, Activity::Usage) => Ok(Programme::OsuM365),
        (SolutionArea::Microsoft365, _) => Err(ProgrammeError::Microsoft365UsageOnly),
        (SolutionArea::BusinessApplications, Activity::PreSales) => Ok(Programme::Osa),
        (SolutionArea::BusinessApplications, Activity::Usage) => Ok(Programme::OsuBizApps),
        (SolutionArea::BusinessApplications, Activity::RevenueAssociation) => {
            Ok(Programme::RevenueAssociation)
        }
    }
}

/// The whole of step 2's decision: a co-op programme short-circuits (area and activity are
/// not asked for), otherwise area and activity select the CPOR programme.
pub fn choose_programme(
    claim_type: ClaimType,
    area: Option<SolutionArea>,
    activity: Option<Activity>,
) -> Result<ProgrammeChoice, ProgrammeError> {
    match claim_type {
        ClaimType::Other(other) => Ok(ProgrammeChoice::UseCoopClaims(other)),
        ClaimType::CustomerAssociation => {
            let area = area.ok_or(ProgrammeError::SolutionAreaRequired)?;
            let activity = activity.ok_or(ProgrammeError::ActivityRequired)?;
            programme_for(area, activity).map(ProgrammeChoice::Cpor)
        }
    }
}

impl SolutionArea {
    /// The activities offered for this area (rule 2), for the activity page.
    pub fn activities(self) -> &'static [Activity] {
        match self {
            SolutionArea::Microsoft365 => &[Activity::Usage],
            SolutionArea::BusinessApplications => Activity::ALL,
        }
    }
}

impl Activity {
    /// The activity page's explanation of when to choose this activity.
    pub fn guidance_key(self) -> &'static str {
        match self {
            Activity::PreSales => "activity.guidance.pre_sales",
            Activity::Usage => "activity.guidance.usage",
            Activity::RevenueAssociation => "activity.guidance.revenue_association",
        }
    }
}

impl Programme {
    pub fn solution_area(self) -> SolutionArea {
        match self {
            Programme::OsuM365 => SolutionArea::Microsoft365,
            Programme::Osa | Programme::OsuBizApps | Programme::RevenueAssociation => {
                SolutionArea::BusinessApplications
            }
        }
    }

    pub fn activity(self) -> Activity {
        match self {
            Programme::Osa => Activity::PreSales,
            Programme::OsuM365 | Programme::OsuBizApps => Activity::Usage,
            Programme::RevenueAssociation => Activity::RevenueAssociation,
        }
    }

    /// Rule 6: OSU M365 is exclusive per workload, the others per subscription.
    pub fn exclusivity_key_kind(self) -> KeyKind {
        match self {
            Programme::OsuM365 => KeyKind::Workload,
            Programme::Osa | Programme::OsuBizApps | Programme::RevenueAssociation => {
                KeyKind::Subscription
            }
        }
    }

    /// Rule 4: revenue association asks for seller, customer and solution names instead of
    /// contacts.
    pub fn requires_revenue_fields(self) -> bool {
        self == Programme::RevenueAssociation
    }

    /// Whether the partner earns incentives (revenue association only records revenue).
    pub fn is_incentivised(self) -> bool {
        self != Programme::RevenueAssociation
    }

    /// Rule 3: a Dynamics 365 product needs the customer's technical contact too; revenue
    /// association asks for no contacts at all.
    pub fn requires_technical_contact(self, products: &[ProductRef]) -> bool {
        !self.requires_revenue_fields() && products.iter().any(|product| product.is_dynamics365)
    }
}

/// A product (workload) from the catalogue, which is data held outside the domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ProductRef {
    pub id: String,
    pub area: SolutionArea,
    pub is_dynamics365: bool,
    pub active: bool,
}
