//! `/admin/calendar` and the overview: the weekend and holidays an administrator keeps,
//! and the opt-out window that follows from them.

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, submitted_claim},
};

const CALENDAR: &str = "/admin/calendar";

#[actix_web::test]
async fn an_administrator_keeps_the_holidays_and_sees_the_business_days_they_leave() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let page = admin.get(CALENDAR).await;
    assert_eq!(page.text("[data-testid=time-zone]"), "UTC");
    let next = page.texts("[data-testid=next-business-days] li");
    assert_eq!(next.len(), 10);
    assert_eq!(
        next[..3],
        [
            "Wednesday 25 November 2026",
            "Thursday 26 November 2026",
            "Friday 27 November 2026"
        ]
    );
    assert_eq!(next[3], "Monday 30 November 2026");

    // A bad date keeps what was typed and says what is wrong.
    let res = admin
        .submit_form(
            CALENDAR,
            "/admin/calendar/holidays",
            &[("day", "26.11.2026"), ("name", "Thanksgiving")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#day")
    );
    assert_eq!(res.attr("#name", "value").as_deref(), Some("Thanksgiving"));
    let res = admin
        .submit_form(
            CALENDAR,
            "/admin/calendar/holidays",
            &[("day", "2026-11-26"), ("name", "Thanksgiving")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = admin.get(res.location().unwrap()).await;
    assert_eq!(
        page.texts("[data-testid=holidays] .holiday-name"),
        ["Thanksgiving"]
    );
    let next = page.texts("[data-testid=next-business-days] li");
    assert_eq!(
        next[..2],
        ["Wednesday 25 November 2026", "Friday 27 November 2026"]
    );

    // An import with bad lines imports nothing and names each line.
    let list = "2026-12-24 Christmas Eve\n2026-12-25\nnot-a-date Boxing Day\n";
    let res = admin
        .submit_form(CALENDAR, "/admin/calendar/import", &[("list", list)])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.texts(".error-summary li"),
        [
            "Line 2: Enter the holiday's name",
            "Line 3: Enter the date as YYYY-MM-DD, for example 2026-12-25"
        ]
    );
    let kept = list.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(res.text("#list"), kept, "the list is kept as typed");
    assert_eq!(
        admin
            .get("/admin/calendar?year=2026")
            .await
            .count("[data-testid=holidays] tbody tr"),
        1
    );
    let res = admin
        .submit_form(
            CALENDAR,
            "/admin/calendar/import",
            &[(
                "list",
                "2026-12-24 Christmas Eve\n2026-12-25 Christmas Day\n2027-01-01 New Year",
            )],
        )
        .await;
    assert_eq!(res.status, 303);
    let year = admin.get("/admin/calendar?year=2026").await;
    assert_eq!(
        year.texts("[data-testid=holidays] .holiday-name"),
        ["Thanksgiving", "Christmas Eve", "Christmas Day"]
    );
    assert_eq!(
        admin
            .get("/admin/calendar?year=2027")
            .await
            .texts("[data-testid=holidays] .holiday-name"),
        ["New Year"]
    );

    // Remove one; the weekend needs a working day left.
    let res = admin
        .submit_form(CALENDAR, "/admin/calendar/holidays/2026-12-24/remove", &[])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        admin
            .get("/admin/calendar?year=2026")
            .await
            .count("[data-testid=holidays] tbody tr"),
        2
    );
    let every_day: Vec<(&str, &str)> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| ("weekend", *d))
        .collect();
    let res = admin
        .submit_form(CALENDAR, "/admin/calendar/weekend", &every_day)
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#weekend-mon")
    );
    assert_eq!(
        res.attr("#weekend-wed", "checked").as_deref(),
        Some(""),
        "the ticked days are kept"
    );
    let res = admin
        .submit_form(
            CALENDAR,
            "/admin/calendar/weekend",
            &[("weekend", "fri"), ("weekend", "sat")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = admin.get(CALENDAR).await;
    assert_eq!(page.attr("#weekend-sun", "checked"), None);
    assert_eq!(page.attr("#weekend-fri", "checked").as_deref(), Some(""));
    let next = page.texts("[data-testid=next-business-days] li");
    assert_eq!(
        next[..3],
        [
            "Wednesday 25 November 2026",
            "Sunday 29 November 2026",
            "Monday 30 November 2026"
        ]
    );

    // Every change is on the overview, with who made it.
    let overview = admin.get("/admin").await;
    let who = overview.texts("[data-testid=admin-changes] .change-who");
    assert_eq!(who.len(), 4, "added, imported, removed, weekend");
    assert!(who.iter().all(|w| w == "Sam Patel"));
    assert_eq!(
        overview.text("[data-testid=admin-changes] .change-what"),
        "Weekend set: calendar (fri,sat)"
    );
}

#[actix_web::test]
async fn holidays_move_the_customer_opt_out_window() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let list = "2026-11-26 Thanksgiving\n2026-11-27 Day after Thanksgiving";
    assert_eq!(
        admin
            .submit_form(CALENDAR, "/admin/calendar/import", &[("list", list)])
            .await
            .status,
        303
    );

    let partner = app.signed_in(PARTNER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    let reviewer = app.signed_in(REVIEWER).await;
    decide(&reviewer, &claim, "validate", &[]).await;
    // From Wednesday 25 Nov: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 Dec — closes as 5 Dec begins.
    assert_eq!(
        partner.get(&claim).await.text("[data-testid=claim-next]"),
        "The customer has been emailed and can opt out until the end of Friday 4 December 2026 (23:59 UTC). If they do not, the association becomes official."
    );
    let overview = admin.get("/admin").await;
    assert!(
        overview
            .texts("[data-testid=claim-counts] td")
            .contains(&"Pending customer".to_owned())
    );
}

#[actix_web::test]
async fn only_administrators_keep_the_calendar() {
    let app = spawn_app().await;
    for (email, home) in [(PARTNER, "/associations"), (REVIEWER, "/review")] {
        let visitor = app.signed_in(email).await;
        assert_eq!(visitor.get(CALENDAR).await.status, 403, "{email}");
        let token = visitor.get(home).await.csrf_token();
        for path in [
            "/admin/calendar/weekend",
            "/admin/calendar/holidays",
            "/admin/calendar/import",
            "/admin/calendar/holidays/2026-12-25/remove",
        ] {
            let res = visitor
                .post_form(
                    path,
                    &[("csrf_token", &token), ("day", "2026-12-25"), ("name", "x")],
                )
                .await;
            assert_eq!(res.status, 403, "{email} {path}");
        }
    }
    let admin = app.signed_in(ADMIN).await;
    let res = admin
        .post_form(
            "/admin/calendar/holidays",
            &[("day", "2026-12-25"), ("name", "Christmas")],
        )
        .await;
    assert_eq!(res.status, 403, "no CSRF token");
    assert_eq!(
        admin
            .get("/admin/calendar?year=2026")
            .await
            .count("[data-testid=no-holidays]"),
        1
    );
}
