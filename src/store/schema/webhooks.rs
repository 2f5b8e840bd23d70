//! The webhook tables (kept beside `schema.rs`, which would outgrow its size).

use super::claims;

diesel::table! {
    webhook_endpoints (id) {
        id -> Text,
        organisation_id -> Nullable<Text>,
        url -> Text,
        description -> Text,
        events -> Text,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_until -> Nullable<Timestamp>,
        enabled -> Bool,
        failing_since -> Nullable<Timestamp>,
        disabled_for_failures_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        endpoint_id -> Text,
        event -> Text,
        claim_id -> Text,
        payload -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_status -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
        leased_until -> Nullable<Timestamp>,
        lease_token -> Nullable<Text>,
        sending_since -> Nullable<Timestamp>,
        interrupted_sends -> Integer,
    }
}

diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));

diesel::allow_tables_to_appear_in_same_query!(webhook_endpoints, webhook_deliveries, claims);
