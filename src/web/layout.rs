//! What the page layout (`base.html`) needs: the catalogue, the signed-in user, navigation,
//! the CSRF token for the sign-out form, and a one-time flash message.

use crate::{
    domain::access::Role,
    i18n::{Catalogue, Locale},
};

use super::session::Visitor;

pub struct NavLink {
    pub href: &'static str,
    pub label_key: &'static str,
    pub current: bool,
}

pub struct UserView {
    pub display_name: String,
    pub role_key: &'static str,
    pub organisation: Option<String>,
}

/// One language of the switch, named in itself.
pub struct LanguageChoice {
    pub tag: &'static str,
    pub name: &'static str,
    pub selected: bool,
}

/// Every language, `current` selected.
pub fn language_choices(current: Locale) -> Vec<LanguageChoice> {
    Locale::ALL
        .into_iter()
        .map(|locale| LanguageChoice {
            tag: locale.tag(),
            name: locale.own_name(),
            selected: locale == current,
        })
        .collect()
}

pub struct Layout {
    pub catalogue: &'static Catalogue,
    /// The page's own title (without the site name); the template prefixes "Error: " itself.
    pub title: String,
    pub has_errors: bool,
    pub user: Option<UserView>,
    pub csrf_token: String,
    pub flash: Option<String>,
    pub nav: Vec<NavLink>,
    /// The language switch's options, and the page it comes back to.
    pub languages: Vec<LanguageChoice>,
    pub return_to: String,
    /// A customer's page (reached through their email, no account): no "Sign in" link.
    pub customer_page: bool,
}

impl Layout {
    pub fn new(visitor: &Visitor, title_key: &str) -> Self {
        let catalogue = Catalogue::for_locale(visitor.locale);
        let path = visitor.current_path.split('?').next().unwrap_or("");
        let nav = match visitor.user.as_ref().map(|u| u.role) {
            None => Vec::new(),
            Some(role) => nav_for(role)
                .iter()
                .map(|&(href, label_key)| NavLink {
                    href,
                    label_key,
                    current: path == href || path.starts_with(&format!("{href}/")),
                })
                .collect(),
        };
        Layout {
            catalogue,
            title: catalogue.get(title_key).to_owned(),
            has_errors: false,
            user: visitor.user.as_ref().map(|u| UserView {
                display_name: u.display_name.clone(),
                role_key: u.role.label_key(),
                organisation: u.organisation_name.clone(),
            }),
            csrf_token: visitor.csrf_token.clone(),
            flash: visitor
                .flash
                .as_deref()
                .filter(|k| k.starts_with("flash.") && catalogue.contains(k))
                .map(|k| catalogue.get(k).to_owned()),
            nav,
            languages: language_choices(visitor.locale),
            return_to: visitor.current_path.clone(),
            customer_page: false,
        }
    }

    /// A customer's page: they have no account to sign in to.
    pub fn for_customer(mut self) -> Self {
        self.customer_page = true;
        self
    }

    pub fn with_errors(mut self, has_errors: bool) -> Self {
        self.has_errors = has_errors;
        self
    }

    /// The catalogue text for `key` (templates call `layout.t("…")`).
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.catalogue.get(key)
    }

    pub fn tf(&self, key: &str, name: &str, value: &str) -> String {
        self.catalogue.format(key, &[(name, value)])
    }
}

fn nav_for(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Partner => &[
            ("/associations", "nav.associations"),
            ("/webhooks", "webhooks.nav"),
        ],
        Role::Reviewer => &[("/review", "nav.review")],
        Role::Administrator => &[("/review", "nav.review"), ("/admin", "nav.admin")],
    }
}
