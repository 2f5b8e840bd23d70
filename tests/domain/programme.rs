//! SPEC rules 1, 2, 4 and 6 as the programme module states them.

use portal::domain::exclusivity::KeyKind;
use portal::domain::programme::{
    Activity, ClaimType, OtherProgramme, ProductRef, Programme, ProgrammeChoice, ProgrammeError,
    SolutionArea, choose_programme, programme_for,
};

#[test]
fn solution_area_and_activity_select_the_programme() {
    use Activity::*;
    use SolutionArea::*;
    let table = [
        (BusinessApplications, PreSales, Ok(Programme::Osa)),
        (BusinessApplications, Usage, Ok(Programme::OsuBizApps)),
        (
            BusinessApplications,
            RevenueAssociation,
            Ok(Programme::RevenueAssociation),
        ),
        (Microsoft365, Usage, Ok(Programme::OsuM365)),
        (
            Microsoft365,
            PreSales,
            Err(ProgrammeError::Microsoft365UsageOnly),
        ),
        (
            Microsoft365,
            RevenueAssociation,
            Err(ProgrammeError::Microsoft365UsageOnly),
        ),
    ];
    for (area, activity, expected) in table {
        assert_eq!(programme_for(area, activity), expected, "{area} {activity}");
        let offered = area.activities().contains(&activity);
        assert_eq!(
            offered,
            expected.is_ok(),
            "activities() agrees for {area} {activity}"
        );
    }
    for programme in Programme::ALL {
        assert_eq!(
            programme_for(programme.solution_area(), programme.activity()),
            Ok(*programme)
        );
    }
}

#[test]
fn programmes_that_are_not_cpor_go_to_co_op_claims() {
    for other in OtherProgramme::ALL {
        let choice = choose_programme(ClaimType::Other(*other), None, None);
        assert_eq!(choice, Ok(ProgrammeChoice::UseCoopClaims(*other)));
    }
    assert_eq!(
        choose_programme(ClaimType::CustomerAssociation, None, Some(Activity::Usage)),
        Err(ProgrammeError::SolutionAreaRequired)
    );
    assert_eq!(
        choose_programme(
            ClaimType::CustomerAssociation,
            Some(SolutionArea::Microsoft365),
            None
        ),
        Err(ProgrammeError::ActivityRequired)
    );
    let choices: Vec<&str> = ClaimType::choices()
        .into_iter()
        .map(ClaimType::as_str)
        .collect();
    assert_eq!(
        choices,
        [
            "customer_association",
            "csp",
            "managed_reseller",
            "hosting",
            "surface"
        ]
    );
    assert_eq!(
        ClaimType::parse("hosting"),
        Some(ClaimType::Other(OtherProgramme::Hosting))
    );
}

#[test]
fn codes_are_stable_and_parse_back() {
    let codes: Vec<&str> = Programme::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(
        codes,
        ["osa", "osu_m365", "osu_bizapps", "revenue_association"]
    );
    for programme in Programme::ALL {
        assert_eq!(Programme::parse(programme.as_str()), Some(*programme));
    }
    assert_eq!(Programme::parse("OSA"), None);
    assert_eq!(
        SolutionArea::parse("microsoft_365"),
        Some(SolutionArea::Microsoft365)
    );
    assert_eq!(Programme::OsuBizApps.label_key(), "programme.osu_bizapps");
    assert_eq!(
        Activity::PreSales.guidance_key(),
        "activity.guidance.pre_sales"
    );
}

#[test]
fn programme_properties() {
    use Programme::*;
    assert_eq!(OsuM365.exclusivity_key_kind(), KeyKind::Workload);
    for p in [Osa, OsuBizApps, RevenueAssociation] {
        assert_eq!(p.exclusivity_key_kind(), KeyKind::Subscription);
    }
    assert!(RevenueAssociation.requires_revenue_fields() && !RevenueAssociation.is_incentivised());
    for p in [Osa, OsuM365, OsuBizApps] {
        assert!(!p.requires_revenue_fields() && p.is_incentivised());
    }
}

#[test]
fn dynamics_365_products_need_a_technical_contact_except_in_revenue_association() {
    let product = |id: &str, d365: bool| ProductRef {
        id: id.into(),
        area: SolutionArea::BusinessApplications,
        is_dynamics365: d365,
        active: true,
    };
    let sales = product("dynamics-365-sales", true);
    let power_bi = product("power-bi", false);
    assert!(Programme::Osa.requires_technical_contact(&[power_bi.clone(), sales.clone()]));
    assert!(!Programme::Osa.requires_technical_contact(std::slice::from_ref(&power_bi)));
    assert!(!Programme::Osa.requires_technical_contact(&[]));
    assert!(!Programme::RevenueAssociation.requires_technical_contact(&[sales]));
}
