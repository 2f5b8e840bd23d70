//! The tables, in diesel's terms. One schema for both backends: only types both share.

mod imports;
mod webhooks;
pub use imports::claim_imports;
pub use webhooks::{webhook_deliveries, webhook_endpoints};

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
        language -> Nullable<Text>,
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
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        scope -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    api_idempotency_keys (user_id, idempotency_key) {
        user_id -> Text,
        idempotency_key -> Text,
        fingerprint -> Text,
        status_code -> Nullable<Integer>,
        location -> Nullable<Text>,
        content_type -> Nullable<Text>,
        body -> Nullable<Text>,
        created_at -> Timestamp,
        locked_until -> Timestamp,
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

diesel::table! {
    products (id) {
        id -> Text,
        name -> Text,
        solution_area -> Text,
        is_dynamics365 -> Bool,
        active -> Bool,
        sort_order -> Integer,
    }
}

diesel::table! {
    tenants (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tenant_domains (domain) {
        domain -> Text,
        tenant_id -> Text,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> Text,
        tenant_id -> Text,
        product_id -> Text,
        channel -> Text,
        starts_on -> Date,
        ends_on -> Nullable<Date>,
        seats -> Integer,
    }
}

diesel::table! {
    claims (id) {
        id -> Text,
        organisation_id -> Text,
        location_id -> Text,
        created_by -> Text,
        tenant_id -> Text,
        customer_domain -> Text,
        solution_area -> Text,
        activity -> Text,
        programme -> Text,
        name -> Text,
        status -> Text,
        customer_contact_name -> Nullable<Text>,
        customer_contact_title -> Nullable<Text>,
        customer_contact_email -> Nullable<Text>,
        technical_contact_name -> Nullable<Text>,
        technical_contact_title -> Nullable<Text>,
        technical_contact_email -> Nullable<Text>,
        company_contact_name -> Nullable<Text>,
        company_contact_email -> Nullable<Text>,
        seller_name -> Nullable<Text>,
        customer_name -> Nullable<Text>,
        isv_solution_name -> Nullable<Text>,
        comments -> Nullable<Text>,
        rejected_at -> Nullable<Timestamp>,
        dispute_used -> Bool,
        window_closes_at -> Nullable<Timestamp>,
        action_required_due -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Text,
        partner_language -> Text,
        ends_at -> Nullable<Timestamp>,
        product_names -> Nullable<Text>,
        search_text -> Text,
    }
}

diesel::table! {
    claim_products (claim_id, product_id) {
        claim_id -> Text,
        product_id -> Text,
        subscription_id -> Nullable<Text>,
    }
}

diesel::table! {
    poe_files (id) {
        id -> Text,
        claim_id -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    file_chunks (file_id, seq) {
        file_id -> Text,
        seq -> Integer,
        data -> Binary,
    }
}

diesel::table! {
    audit_entries (id) {
        id -> Text,
        claim_id -> Text,
        actor_kind -> Text,
        actor_user_id -> Nullable<Text>,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason_code -> Nullable<Text>,
        reason_text -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    official_associations (id) {
        id -> Text,
        association_key -> Text,
        claim_id -> Text,
        organisation_id -> Text,
        programme -> Text,
        tenant_id -> Text,
        starts_at -> Timestamp,
        ends_at -> Nullable<Timestamp>,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    opt_out_tokens (token_hash) {
        token_hash -> Text,
        claim_id -> Text,
        expires_at -> Timestamp,
        created_at -> Timestamp,
        sent_to -> Nullable<Text>,
        view_expires_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    opt_out_reminders (claim_id, window_closes_at) {
        claim_id -> Text,
        window_closes_at -> Timestamp,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    claim_messages (id) {
        id -> Text,
        claim_id -> Text,
        author_id -> Text,
        author_kind -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        kind -> Text,
        claim_id -> Nullable<Text>,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        leased_until -> Nullable<Timestamp>,
        lease_token -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        sending_since -> Nullable<Timestamp>,
        interrupted_sends -> Integer,
    }
}

diesel::table! {
    dev_mailbox (id) {
        id -> Text,
        message_id -> Text,
        sender -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        delivered_at -> Timestamp,
    }
}

diesel::table! {
    usage_records (tenant_id, product_id, month) {
        tenant_id -> Text,
        product_id -> Text,
        month -> Date,
        monthly_active_users -> Integer,
        paid_units -> Integer,
    }
}

diesel::table! {
    calendar_settings (id) {
        id -> Integer,
        weekend_days -> Text,
    }
}

diesel::table! {
    holidays (day) {
        day -> Date,
        name -> Text,
    }
}

diesel::table! {
    admin_audit (id) {
        id -> Text,
        actor_user_id -> Nullable<Text>,
        action -> Text,
        subject -> Text,
        detail -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    password_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(partner_locations -> organisations (organisation_id));
diesel::joinable!(location_programmes -> partner_locations (location_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(api_idempotency_keys -> users (user_id));
diesel::joinable!(tenant_domains -> tenants (tenant_id));
diesel::joinable!(subscriptions -> tenants (tenant_id));
diesel::joinable!(subscriptions -> products (product_id));
diesel::joinable!(claims -> organisations (organisation_id));
diesel::joinable!(claims -> partner_locations (location_id));
diesel::joinable!(claims -> tenants (tenant_id));
diesel::joinable!(claim_products -> claims (claim_id));
diesel::joinable!(claim_products -> products (product_id));
diesel::joinable!(poe_files -> claims (claim_id));
diesel::joinable!(file_chunks -> poe_files (file_id));
diesel::joinable!(audit_entries -> claims (claim_id));
diesel::joinable!(official_associations -> claims (claim_id));
diesel::joinable!(opt_out_tokens -> claims (claim_id));
diesel::joinable!(opt_out_reminders -> claims (claim_id));
diesel::joinable!(claim_messages -> claims (claim_id));
diesel::joinable!(claim_messages -> users (author_id));
diesel::joinable!(usage_records -> products (product_id));
diesel::joinable!(password_tokens -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    partner_locations,
    location_programmes,
    users,
    sessions,
    api_tokens,
    api_idempotency_keys,
    sign_in_failures,
    products,
    tenants,
    tenant_domains,
    subscriptions,
    claims,
    claim_products,
    poe_files,
    file_chunks,
    audit_entries,
    official_associations,
    opt_out_tokens,
    opt_out_reminders,
    claim_messages,
    outbox,
    dev_mailbox,
    usage_records,
    calendar_settings,
    holidays,
    admin_audit,
    password_tokens,
);
