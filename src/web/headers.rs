//! Security headers on every response.

use actix_web::middleware::DefaultHeaders;

/// No inline script or style anywhere: every script and stylesheet is a file under /static.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
        // Pages show personal data: not kept by shared caches or the back/forward cache on disk.
        // Static assets set their own Cache-Control, which DefaultHeaders leaves alone.
        .add(("Cache-Control", "no-store"))
}
