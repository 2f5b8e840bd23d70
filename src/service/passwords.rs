//! Argon2id password hashes. Slow on purpose: callers run these off the async workers.

use std::sync::LazyLock;

use argon2::{
    Argon2, Params,
    password_hash::{PasswordHasher, PasswordVerifier},
};

pub fn hash(password: &str, memory_kib: u32) -> anyhow::Result<String> {
    let params = Params::new(memory_kib, 2, 1, None)
        .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    let hash = Argon2::from(params)
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("argon2 hashing failed: {e}"))?;
    Ok(hash.to_string())
}

/// True when `password` matches `stored`; a malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

/// Verifies against a throw-away hash so an unknown email costs as long as a known one
/// (the response time must not tell which accounts exist).
pub fn verify_against_dummy(password: &str, memory_kib: u32) {
    static DUMMY: LazyLock<std::sync::Mutex<Option<(u32, String)>>> =
        LazyLock::new(Default::default);
    let stored = {
        let mut cached = DUMMY.lock().unwrap_or_else(|p| p.into_inner());
        match cached.as_ref() {
            Some((m, h)) if *m == memory_kib => h.clone(),
            _ => {
                let Ok(h) = hash("not a password of anyone", memory_kib) else {
                    return;
                };
                *cached = Some((memory_kib, h.clone()));
                h
            }
        }
    };
    let _ = verify(password, &stored);
}
