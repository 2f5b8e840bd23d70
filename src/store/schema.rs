//! The tables, in diesel's terms. One schema for both backends: only types both share.

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    partner_locations (id) {
        id -> Text,
        organisation_id -> Text,
        mpn_id -> Text,
        name -> Text,
        country -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    location_programmes (location_id, programme) {
        location_id -> Text,
        programme -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        display_name -> Text,
        password_hash -> Nullable<Text>,
        role -> Text,
        organisation_id -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_failures (id) {
        id -> Text,
        scope -> Text,
        subject -> Text,
        at -> Timestamp,
    }
}

diesel::joinable!(partner_locations -> organisations (organisation_id));
diesel::joinable!(location_programmes -> partner_locations (location_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(sessions -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    partner_locations,
    location_programmes,
    users,
    sessions,
    sign_in_failures,
);
