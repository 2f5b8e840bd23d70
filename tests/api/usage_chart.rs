//! The usage chart on an official claim: one server-rendered SVG per product, a point per
//! month for each series, named for assistive technology, with the numbers in a table.

use scraper::Selector;

use crate::{
    claim_page_reasons::made_official,
    helpers::*,
    review_flow::{SEATTLE, submitted_claim},
};

/// The table's rows of `product`, oldest month first: (month, active users, paid units).
fn table_rows(page: &Response, product: &str) -> Vec<(String, String, String)> {
    let rows: Vec<Vec<String>> = page
        .html()
        .select(&Selector::parse("[data-testid=usage] tbody tr").unwrap())
        .map(|tr| {
            tr.select(&Selector::parse("td").unwrap())
                .map(|td| td.text().collect::<String>().trim().to_owned())
                .collect()
        })
        .collect();
    let mut mine: Vec<(String, String, String)> = rows
        .into_iter()
        .filter(|r| r[1] == product)
        .map(|r| (r[0].clone(), r[2].clone(), r[3].clone()))
        .collect();
    mine.sort();
    mine
}

/// The `data-value`s of the points of one series (`users`, `units`) of the `n`th chart.
fn point_values(page: &Response, n: usize, series: &str) -> Vec<String> {
    let charts = Selector::parse("[data-testid=usage-chart]").unwrap();
    let points = Selector::parse(&format!("[data-testid=series-{series}] .point")).unwrap();
    let html = page.html();
    let chart = html.select(&charts).nth(n).expect("a chart");
    chart
        .select(&points)
        .map(|p| p.value().attr("data-value").unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn an_official_claim_charts_each_products_usage_with_a_point_per_month() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let reviewer = app.signed_in(REVIEWER).await;
    let claim = submitted_claim(&partner, SEATTLE, "Northwind Teams usage").await;
    assert_eq!(
        partner.get(&claim).await.count("[data-testid=usage-chart]"),
        0
    );
    made_official(&app, &reviewer, &claim).await;

    let page = partner.get(&claim).await;
    assert_eq!(
        page.text("[data-testid=usage] caption"),
        "Usage by month and workload"
    );
    let titles = page.texts("[data-testid=usage-chart] svg > title");
    assert_eq!(
        page.texts("[data-testid=usage-chart] figcaption"),
        titles,
        "each chart is captioned with its title"
    );
    assert_eq!(titles.len(), 2, "{titles:?}");
    for (n, title) in titles.iter().enumerate() {
        let product = title
            .strip_suffix(": monthly active users and paid units by month")
            .expect(title);
        let rows = table_rows(&page, product);
        assert_eq!(rows.len(), 6, "six months of {product}");
        let users: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
        let units: Vec<String> = rows.iter().map(|r| r.2.clone()).collect();
        assert_eq!(point_values(&page, n, "users"), users, "{product}");
        assert_eq!(point_values(&page, n, "units"), units, "{product}");
        let months = page.texts(&format!(
            "[data-testid=usage-chart]:nth-of-type({}) .month-label",
            n + 1
        ));
        assert_eq!(months.first(), rows.first().map(|r| &r.0), "{product}");
    }
    // Named by its title and description.
    let svg = "[data-testid=usage-chart] svg";
    assert_eq!(page.attr(svg, "role").as_deref(), Some("img"));
    let labelled_by = page.attr(svg, "aria-labelledby").unwrap();
    for id in labelled_by.split_whitespace() {
        assert_eq!(page.count(&format!("#{id}")), 1, "{id}");
    }
    assert!(
        page.text("[data-testid=usage-chart] desc")
            .contains("The table below gives every number.")
    );

    let japanese = app.signed_in_speaking(PARTNER, "ja").await;
    let page = japanese.get(&claim).await;
    assert!(
        page.text("[data-testid=usage-chart] svg > title")
            .ends_with("月別の月間アクティブ ユーザー数と有料ユニット数")
    );
    assert_eq!(
        page.text("[data-testid=usage-chart] .chart-legend text"),
        "月間アクティブ ユーザー数"
    );
}
