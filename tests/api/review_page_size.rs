//! The reviewer's page shows 25 rows of the queue and of all claims unless asked for 50 or
//! 100 (`per_page`, a labelled choice in the filter form, kept by the Next link).

use crate::{helpers::*, seed::seed};

const QUEUE_ROWS: &str = "[data-testid=review-queue] tbody tr";
const ALL_ROWS: &str = "[data-testid=review-all] tbody tr";

#[actix_web::test]
async fn the_reviewer_chooses_how_many_rows_a_page_shows_and_paging_keeps_it() {
    let database = TestDatabase::create();
    let (ok, seeded) = seed(&database, "960");
    assert!(ok, "{seeded}");
    let app = spawn_app_on(database, &[]).await;
    let reviewer = app.signed_in(REVIEWER).await;

    let first = reviewer.get("/review").await;
    assert_eq!(first.status, 200);
    assert_eq!((first.count(QUEUE_ROWS), first.count(ALL_ROWS)), (25, 25));
    assert_eq!(first.text("label[for=per_page]"), "Rows per page");
    assert_eq!(first.texts("select#per_page option"), ["25", "50", "100"]);
    assert_eq!(first.text("select#per_page option[selected]"), "25");
    assert_eq!(
        first.text("[data-testid=queue-shown]"),
        "The 25 longest-waiting claims are shown; choose more rows per page to see more."
    );

    let fifty = reviewer.get("/review?per_page=50&status=submitted").await;
    assert_eq!((fifty.count(QUEUE_ROWS), fifty.count(ALL_ROWS)), (50, 50));
    assert_eq!(fifty.text("select#per_page option[selected]"), "50");
    let next = fifty.attr("a[rel=next]", "href").expect("a next page");
    assert!(next.contains("per_page=50"), "{next}");
    let second = reviewer.get(&next).await;
    assert_eq!(second.count(ALL_ROWS), 50);
    assert_eq!(second.text("select#per_page option[selected]"), "50");
    let shown = |page: &Response| page.texts(&format!("{ALL_ROWS} .claim-name"));
    assert!(
        shown(&second)
            .iter()
            .all(|name| !shown(&fifty).contains(name)),
        "the second page goes on where the first ended"
    );

    let hundred = reviewer.get("/review?per_page=100").await;
    assert_eq!(hundred.count(ALL_ROWS), 100);
    for odd in ["7", "1000", "x", ""] {
        let page = reviewer.get(&format!("/review?per_page={odd}")).await;
        assert_eq!(page.status, 200, "{odd}");
        assert_eq!(page.count(ALL_ROWS), 25, "{odd}");
    }

    let japanese = app.signed_in_speaking(REVIEWER, "ja").await;
    let page = japanese.get("/review").await;
    assert_eq!(page.text("label[for=per_page]"), "1 ページの表示件数");
}
