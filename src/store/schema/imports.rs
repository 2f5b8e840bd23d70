//! Draft claims imported from a file, one row per import form sent.

diesel::table! {
    claim_imports (user_id, request_id) {
        user_id -> Text,
        request_id -> Text,
        claims -> Integer,
        imported_at -> Timestamp,
    }
}
