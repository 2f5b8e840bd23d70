use crate::helpers::*;

#[actix_web::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let visitor = app.visitor();
    for path in [
        "/sign-in",
        "/health",
        "/static/portal.css",
        "/missing",
        "/review",
    ] {
        let res = visitor.get(path).await;
        let header = |name: &str| {
            res.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let csp = header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
    }
}

#[actix_web::test]
async fn pages_have_no_inline_script_or_style() {
    let app = spawn_app().await;
    let page = app.signed_in(PARTNER).await.get("/associations").await;
    assert_eq!(page.count("script:not([src])"), 0);
    assert_eq!(page.count("style"), 0);
    assert_eq!(page.count("[style]"), 0);
    assert_eq!(page.count("[onclick], [onload], [onsubmit]"), 0);
}
