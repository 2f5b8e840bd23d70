//! Random tokens and their stored hashes. Only hashes of session and link tokens reach the
//! database, so a leaked table gives no usable token.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// 32 random bytes, hex-encoded (64 characters).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS generator failing is not recoverable; without it no token is safe.
    getrandom::fill(&mut bytes).unwrap_or_else(|e| panic!("no OS randomness: {e}"));
    hex(&bytes)
}

/// The hash stored in place of a token.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A keyed digest: the CSRF token of a session is `keyed_digest(key, "csrf", session_token)`.
pub fn keyed_digest(key: &str, purpose: &str, value: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// Compares two tokens in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

/// A new webhook signing secret: `whsec_` + base64 of fresh random bytes (Standard Webhooks).
pub fn webhook_secret() -> String {
    let mut bytes = [0u8; crate::domain::webhooks::SECRET_BYTES];
    getrandom::fill(&mut bytes).unwrap_or_else(|e| panic!("no OS randomness: {e}"));
    crate::domain::webhooks::secret_from(&bytes)
}
