//! HTTP: the route table, the middleware stack, one module per area.

pub mod admin_calendar;
pub mod admin_locations;
pub mod admin_partners;
pub mod admin_products;
pub mod admin_registry;
pub mod admin_subscriptions;
pub mod admin_tenants;
pub mod admin_user_list;
pub mod admin_users;
pub mod answer;
pub mod assets;
pub mod associations;
pub mod auth;
pub mod claim;
pub mod claim_parts;
pub mod contacts;
pub mod conversation;
pub mod csrf;
pub mod deliveries;
pub mod dev_mailbox;
pub mod error;
pub mod error_pages;
pub mod evidence;
pub mod export;
pub mod format;
pub mod forms;
pub mod headers;
pub mod health;
pub mod help;
pub mod home;
pub mod layout;
pub mod listing;
pub mod opt_out;
pub mod poe_template;
pub mod products;
pub mod render;
pub mod request_log;
pub mod review;
pub mod review_case;
pub mod review_decisions;
pub mod session;
pub mod session_cache;
pub mod set_password;
pub mod state;
pub mod submit;
pub mod upload;
pub mod wizard;
pub mod wizard_fields;

pub use state::AppState;

use actix_web::web;

/// Every URL of the portal, in one place.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home::root))
        .route("/health", web::get().to(health::health))
        .route("/static/{name}", web::get().to(assets::asset))
        .service(
            web::resource("/sign-in")
                .route(web::get().to(auth::show))
                .route(web::post().to(auth::submit)),
        )
        .route("/sign-out", web::post().to(auth::sign_out))
        .route("/help/find-tenant-id", web::get().to(help::find_tenant_id))
        .route("/associations", web::get().to(associations::list))
        .route(
            "/associations/export.csv",
            web::get().to(export::export_csv),
        )
        .service(
            web::resource("/associations/new")
                .route(web::get().to(wizard::customer_form))
                .route(web::post().to(wizard::customer_submit)),
        )
        .service(
            web::resource("/associations/new/programme")
                .route(web::get().to(wizard::programme_form))
                .route(web::post().to(wizard::programme_submit)),
        )
        .service(
            web::resource("/associations/new/name")
                .route(web::get().to(wizard::name_form))
                .route(web::post().to(wizard::name_submit)),
        )
        .route("/associations/{id}", web::get().to(claim::show))
        .route("/associations/{id}/history", web::get().to(claim::history))
        .service(
            web::resource("/associations/{id}/contacts")
                .route(web::get().to(contacts::form))
                .route(web::post().to(contacts::submit)),
        )
        .service(
            web::resource("/associations/{id}/files")
                .route(web::get().to(evidence::form))
                .route(web::post().to(evidence::upload)),
        )
        .route(
            "/associations/{id}/files/{file_id}",
            web::get().to(evidence::download),
        )
        .route(
            "/associations/{id}/poe-template",
            web::get().to(poe_template::download),
        )
        .route(
            "/associations/{id}/files/{file_id}/remove",
            web::post().to(evidence::remove),
        )
        .service(
            web::resource("/associations/{id}/products")
                .route(web::get().to(products::form))
                .route(web::post().to(products::submit)),
        )
        .route(
            "/associations/{id}/comments",
            web::post().to(submit::save_comments),
        )
        .service(
            web::resource("/associations/{id}/submit")
                .route(web::get().to(submit::form))
                .route(web::post().to(submit::submit)),
        )
        .service(
            web::resource("/associations/{id}/withdraw")
                .route(web::get().to(submit::withdraw_form))
                .route(web::post().to(submit::withdraw)),
        )
        .route(
            "/associations/{id}/resubmit",
            web::post().to(answer::resubmit),
        )
        .service(
            web::resource("/associations/{id}/dispute")
                .route(web::get().to(answer::form))
                .route(web::post().to(answer::submit)),
        )
        .route(
            "/associations/{id}/messages",
            web::post().to(conversation::from_partner),
        )
        .route("/review", web::get().to(review::index))
        .route("/review/{id}", web::get().to(review_case::show))
        .route(
            "/review/{id}/validate",
            web::post().to(review_decisions::validate),
        )
        .route("/review/{id}/ask", web::post().to(review_decisions::ask))
        .route(
            "/review/{id}/reject",
            web::post().to(review_decisions::reject),
        )
        .route(
            "/review/{id}/dispute",
            web::post().to(review_decisions::decide_dispute),
        )
        .route(
            "/review/{id}/messages",
            web::post().to(conversation::from_staff),
        )
        .service(
            web::resource("/customer/opt-out/{token}")
                .route(web::get().to(opt_out::show))
                .route(web::post().to(opt_out::submit)),
        )
        .route("/dev/mailbox", web::get().to(dev_mailbox::index))
        .route("/dev/mailbox/{id}", web::get().to(dev_mailbox::show))
        .route("/admin", web::get().to(home::admin))
        .route("/admin/calendar", web::get().to(admin_calendar::show))
        .route(
            "/admin/calendar/weekend",
            web::post().to(admin_calendar::set_weekend),
        )
        .route(
            "/admin/calendar/holidays",
            web::post().to(admin_calendar::add),
        )
        .route(
            "/admin/calendar/holidays/{day}/remove",
            web::post().to(admin_calendar::remove),
        )
        .route(
            "/admin/calendar/import",
            web::post().to(admin_calendar::import),
        )
        .service(
            web::resource("/admin/organisations")
                .route(web::get().to(admin_partners::index))
                .route(web::post().to(admin_partners::create)),
        )
        .service(
            web::resource("/admin/organisations/{id}")
                .route(web::get().to(admin_partners::show))
                .route(web::post().to(admin_partners::rename)),
        )
        .route(
            "/admin/organisations/{id}/locations",
            web::post().to(admin_locations::add_location),
        )
        .service(
            web::resource("/admin/locations/{id}")
                .route(web::get().to(admin_locations::location_form))
                .route(web::post().to(admin_locations::update_location)),
        )
        .route("/admin/users", web::get().to(admin_user_list::index))
        .service(
            web::resource("/admin/users/new")
                .route(web::get().to(admin_users::new_form))
                .route(web::post().to(admin_users::invite)),
        )
        .route("/admin/users/{id}", web::get().to(admin_users::show))
        .route(
            "/admin/users/{id}/role",
            web::post().to(admin_users::change_role),
        )
        .route(
            "/admin/users/{id}/active",
            web::post().to(admin_users::set_active),
        )
        .route(
            "/admin/users/{id}/password-link",
            web::post().to(admin_users::send_password_link),
        )
        .service(
            web::resource("/set-password/{token}")
                .route(web::get().to(set_password::show))
                .route(web::post().to(set_password::submit)),
        )
        .route("/admin/registry", web::get().to(admin_registry::index))
        .route(
            "/admin/registry/import",
            web::post().to(admin_registry::import),
        )
        .route(
            "/admin/registry/example/{kind}",
            web::get().to(admin_registry::example),
        )
        .service(
            web::resource("/admin/registry/tenants/new")
                .route(web::get().to(admin_tenants::new_form))
                .route(web::post().to(admin_tenants::create)),
        )
        .service(
            web::resource("/admin/registry/tenants/{id}")
                .route(web::get().to(admin_tenants::show))
                .route(web::post().to(admin_tenants::rename)),
        )
        .route(
            "/admin/registry/tenants/{id}/domains",
            web::post().to(admin_tenants::add_domain),
        )
        .route(
            "/admin/registry/tenants/{id}/domains/remove",
            web::post().to(admin_tenants::remove_domain),
        )
        .route(
            "/admin/registry/tenants/{id}/usage",
            web::post().to(admin_tenants::put_usage),
        )
        .route(
            "/admin/registry/tenants/{id}/usage/remove",
            web::post().to(admin_tenants::remove_usage),
        )
        .service(
            web::resource("/admin/registry/tenants/{id}/subscriptions/new")
                .route(web::get().to(admin_subscriptions::new_form))
                .route(web::post().to(admin_subscriptions::create)),
        )
        .service(
            web::resource("/admin/registry/tenants/{id}/subscriptions/{sid}")
                .route(web::get().to(admin_subscriptions::edit_form))
                .route(web::post().to(admin_subscriptions::update)),
        )
        .route("/admin/products", web::get().to(admin_products::index))
        .service(
            web::resource("/admin/products/new")
                .route(web::get().to(admin_products::new_form))
                .route(web::post().to(admin_products::create)),
        )
        .service(
            web::resource("/admin/products/{id}")
                .route(web::get().to(admin_products::edit_form))
                .route(web::post().to(admin_products::update)),
        )
        .route("/admin/deliveries", web::get().to(deliveries::index))
        .route(
            "/admin/deliveries/{id}/retry",
            web::post().to(deliveries::retry),
        );
}

/// Anything else is a 404 page inside the layout.
pub async fn not_found() -> Result<actix_web::HttpResponse, error::AppError> {
    Err(error::AppError::NotFound)
}
