//! Which language a visitor meets: a signed-in user's saved language, else the switch's
//! cookie, else the `Accept-Language` header; and the language of the emails people read.

use portal::{
    clock::Clock,
    i18n::{Catalogue, Locale},
};

use crate::{
    helpers::*,
    review_flow::{SEATTLE, decide, submitted_claim},
};

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

/// `path` as `visitor`'s browser asks for it with `Accept-Language: accept_language`.
async fn get_in(app: &TestApp, visitor: &Visitor, path: &str, accept_language: &str) -> Response {
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{path}", app.address))
        .header("accept-language", accept_language)
        .header("cookie", visitor.cookie_header())
        .send()
        .await
        .unwrap();
    Response {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
        body: res.text().await.unwrap(),
    }
}

/// Chooses `language` with the switch of the page at `path`, which sends the browser back
/// there.
async fn switch_to(visitor: &Visitor, path: &str, language: &str) -> Response {
    let page = visitor.get(path).await;
    let token = page
        .attr("form.language-switch input[name=csrf_token]", "value")
        .expect("every page has the language switch");
    let next = page
        .attr("form.language-switch input[name=next]", "value")
        .unwrap();
    assert_eq!(next, path, "the switch comes back to the page it is on");
    visitor
        .post_form(
            "/language",
            &[
                ("csrf_token", &token),
                ("language", language),
                ("next", &next),
            ],
        )
        .await
}

fn japanese(key: &'static str) -> &'static str {
    let text = Catalogue::for_locale(Locale::Ja).get(key);
    assert_ne!(text, Catalogue::for_locale(Locale::En).get(key), "{key}");
    text
}

#[actix_web::test]
async fn the_switch_remembers_an_anonymous_visitors_language_in_a_cookie() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    let page = visitor.get("/sign-in").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(
        page.text("label[for=language-switch]"),
        "Display language",
        "the switch's select is labelled"
    );
    assert_eq!(
        page.texts("#language-switch option"),
        ["English", "日本語"],
        "each language in its own name"
    );
    assert_eq!(
        page.attr("#language-switch option[value=ja]", "lang")
            .as_deref(),
        Some("ja")
    );

    let res = switch_to(&visitor, "/sign-in", "ja").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/sign-in"));
    let cookie = res
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("portal_language="))
        .expect("the switch sets its cookie");
    assert!(cookie.starts_with("portal_language=ja;"), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }

    // The cookie beats the browser's header.
    let page = get_in(&app, &visitor, "/sign-in", "en-GB,en").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(page.text("main button[type=submit]"), "サインイン");
    assert_eq!(page.text("#language-switch option[selected]"), "日本語");
    // Error pages have the switch too, in the chosen language.
    let missing = visitor.get("/no-such-page").await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(missing.count("form.language-switch"), 1);
}

#[actix_web::test]
async fn a_signed_in_users_choice_is_saved_and_beats_the_header_and_the_cookie() {
    let app = spawn_app().await;
    let partner = app.signed_in(PARTNER).await;
    let res = switch_to(&partner, "/associations", "ja").await;
    assert_eq!(res.location(), Some("/associations"));
    let list = partner.get("/associations").await;
    assert_eq!(list.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(list.text("main h1"), japanese("associations.heading"));

    // Another browser, which prefers English and once chose English with the switch: the
    // saved language wins once the user signs in.
    let elsewhere = app.visitor();
    elsewhere.set_cookie("portal_language", "en");
    let page = get_in(&app, &elsewhere, "/sign-in", "en").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    elsewhere.sign_in(PARTNER, DEMO_PASSWORD).await;
    let page = get_in(&app, &elsewhere, "/associations", "en-US,en;q=0.9").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(page.text("main h1"), japanese("associations.heading"));

    // Switching back saves English, for every browser of the user.
    switch_to(&elsewhere, "/associations", "en").await;
    let page = get_in(&app, &partner, "/associations", "ja").await;
    // (The first browser's remembered session sees its user changed: the page loads again.)
    let page = match page.location() {
        Some(again) => {
            assert_eq!(again, "/associations");
            get_in(&app, &partner, again, "ja").await
        }
        None => page,
    };
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(page.text("main h1"), "Customer associations");
}

#[actix_web::test]
async fn the_account_page_saves_and_shows_the_preferred_language() {
    let app = spawn_app().await;
    let reviewer = app.signed_in(REVIEWER).await;
    let home = reviewer.get("/review").await;
    assert_eq!(
        home.attr("a[data-testid=signed-in-user]", "href")
            .as_deref(),
        Some("/account"),
        "the user's name links to their account"
    );
    let page = reviewer.get("/account").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("[data-testid=account-name]"), "Riley Morgan");
    assert_eq!(
        page.text("fieldset[data-testid=account-language] legend"),
        "Language for pages and emails"
    );
    let labels = page.texts("fieldset[data-testid=account-language] label");
    assert_eq!(labels, ["English", "日本語", "Use the browser's language"]);
    for radio in ["language", "language-ja", "language-browser"] {
        assert_eq!(page.count(&format!("label[for={radio}]")), 1, "{radio}");
    }
    assert_eq!(
        page.attr("input[name=language][checked]", "value")
            .as_deref(),
        Some(""),
        "nothing chosen yet: the browser's"
    );

    let res = reviewer
        .submit_form("/account", "/account", &[("language", "ja")])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/account"));
    let page = reviewer.get("/account").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    assert_eq!(page.text(".flash"), japanese("flash.account_saved"));
    assert_eq!(page.text("main h1"), japanese("account.title"));
    assert_eq!(
        page.attr("input[name=language][checked]", "value")
            .as_deref(),
        Some("ja")
    );

    let res = reviewer
        .submit_form("/account", "/account", &[("language", "klingon")])
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.summary_links(), ["#language"]);

    // The browser's language again: the header decides.
    reviewer
        .submit_form("/account", "/account", &[("language", "")])
        .await;
    let page = get_in(&app, &reviewer, "/account", "en").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(
        page.attr("input[name=language][checked]", "value")
            .as_deref(),
        Some("")
    );
    let page = get_in(&app, &reviewer, "/account", "ja").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
}

#[actix_web::test]
async fn the_switch_goes_back_only_to_a_page_of_this_site() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    let token = visitor.get("/sign-in").await.csrf_token();
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "",
        "/日本語",
    ] {
        let res = visitor
            .post_form(
                "/language",
                &[("csrf_token", &token), ("language", "ja"), ("next", next)],
            )
            .await;
        assert_eq!(res.status, 303, "{next}");
        assert_eq!(res.location(), Some("/"), "{next}");
    }
    let res = visitor
        .post_form(
            "/language",
            &[
                ("csrf_token", &token),
                ("language", "ja"),
                ("next", "/help/find-tenant-id?x=1"),
            ],
        )
        .await;
    assert_eq!(res.location(), Some("/help/find-tenant-id?x=1"));
}

#[actix_web::test]
async fn an_invitation_is_written_in_the_language_the_administrator_chose() {
    let app = spawn_app().await;
    let admin = app.signed_in(ADMIN).await;
    let form = admin.get("/admin/users/new").await;
    assert_eq!(
        form.text("label[for=language]"),
        "Language of the invitation and the account"
    );
    assert_eq!(
        form.attr("#language option[selected]", "value").as_deref(),
        Some("en"),
        "the administrator's own language by default"
    );
    let res = admin
        .submit_form(
            "/admin/users/new",
            "/admin/users/new",
            &[
                ("email", "kenji@portal.example"),
                ("display_name", "Kenji Sato"),
                ("role", "reviewer"),
                ("language", "ja"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.to, "kenji@portal.example");
    assert_eq!(mail.subject, japanese("mail.user_invitation.subject"));
    assert!(mail.text.contains(japanese("mail.user_invitation.link")));

    // The invitation's language is the new user's: their pages are in it.
    let start = mail.text.find("/set-password/").unwrap();
    let link = mail.text[start..].split_whitespace().next().unwrap();
    let kenji = app.visitor();
    let password = [
        ("password", "a garden of tomatoes"),
        ("password_again", "a garden of tomatoes"),
    ];
    assert_eq!(kenji.submit_form(link, link, &password).await.status, 303);
    kenji
        .sign_in("kenji@portal.example", "a garden of tomatoes")
        .await;
    let page = kenji.get("/review").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
}

#[actix_web::test]
async fn staff_and_partner_emails_are_in_the_readers_language() {
    let app = spawn_app().await;
    // The reviewer reads Japanese; the administrator who sends the link reads English.
    let reviewer = app.signed_in(REVIEWER).await;
    reviewer
        .submit_form("/account", "/account", &[("language", "ja")])
        .await;
    let admin = app.signed_in(ADMIN).await;
    let users = admin.get("/admin/users?q=riley").await;
    let user = users
        .attr(".user-name a", "href")
        .expect("the reviewer is listed");
    let res = admin
        .submit_form(&user, &format!("{user}/password-link"), &[])
        .await;
    assert_eq!(res.status, 303);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    assert_eq!(mail.to, REVIEWER);
    assert_eq!(mail.subject, japanese("mail.password_reset.subject"));
    assert!(mail.html.contains("lang=\"ja\""), "{}", mail.html);

    // The partner reads Japanese: the programme team's question reaches them in it, while
    // the claim's language stays English.
    let partner = app.signed_in(PARTNER).await;
    switch_to(&partner, "/associations", "ja").await;
    let claim = submitted_claim(&partner, SEATTLE, "Language claim").await;
    let asked = decide(&reviewer, &claim, "ask", &[("comment", "Which workshop?")]).await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    app.jobs.dispatch(app.clock.now()).unwrap();
    let mail = app.mailbox.messages().pop().unwrap();
    let expected = Catalogue::for_locale(Locale::Ja).format(
        "mail.partner_action_required.subject",
        &[("claim", "Language claim")],
    );
    assert_eq!(mail.subject, expected);
}

/// A request refused before its session is read (a NUL in the address) still gets its page in
/// the browser's language, without a switch it could not use.
#[actix_web::test]
async fn a_request_refused_early_gets_its_page_in_the_browsers_language() {
    let app = spawn_app().await;
    let res = reqwest::Client::new()
        .get(format!("{}/associations/a%00b", app.address))
        .header("accept-language", "ja")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let page = Response {
        status: 400,
        headers: Default::default(),
        body: res.text().await.unwrap(),
    };
    assert_eq!(page.attr("html", "lang").as_deref(), Some("ja"));
    let heading = Catalogue::for_locale(Locale::Ja).get("error.bad_request.heading");
    assert_eq!(page.text("main h1"), heading);
    assert_eq!(page.count("form[action='/language']"), 0);
}
