//! Which language a visitor meets: the `Accept-Language` header for anyone not signed in.

use crate::helpers::*;

/// The sign-in page as a browser sending `accept_language` sees it: `<html lang>` and the
/// sign-in button.
async fn sign_in_page(app: &TestApp, accept_language: &str) -> (String, String) {
    let res = reqwest::Client::new()
        .get(format!("{}/sign-in", app.address))
        .header("accept-language", accept_language)
        .send()
        .await
        .unwrap();
    let body = res.text().await.unwrap();
    let page = Response {
        status: 200,
        headers: Default::default(),
        body,
    };
    (
        page.attr("html", "lang").unwrap(),
        page.text("main button[type=submit]"),
    )
}

#[actix_web::test]
async fn the_browsers_language_is_negotiated_from_accept_language() {
    let app = spawn_app().await;
    for (header, lang) in [
        ("ja", "ja"),
        ("ja-JP", "ja"),
        ("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja"),
        ("en-GB,ja;q=0.8", "en"),
        ("fr-FR,ja;q=0.5,en;q=0.4", "ja"),
        ("ja;q=0, en", "en"),
        ("de", "en"),
        ("garbage;;q=x,,", "en"),
        ("", "en"),
    ] {
        let (got, button) = sign_in_page(&app, header).await;
        assert_eq!(got, lang, "Accept-Language: {header}");
        let expected = if lang == "ja" {
            "サインイン"
        } else {
            "Sign in"
        };
        assert_eq!(button, expected, "Accept-Language: {header}");
    }
}
