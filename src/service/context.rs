//! What services need beyond a connection: the business calendar, the portal's public
//! address (for links in emails) and the sender address.

use chrono_tz::Tz;

use crate::{
    config::Settings,
    domain::{calendar::BusinessCalendar, holidays::Day},
    store::{AnyConnection, holidays},
};

use super::{search_terms::SearchTerms, view_counts_cache::ViewCountsCache};

#[derive(Debug)]
pub struct Context {
    pub time_zone: Tz,
    /// No trailing slash.
    pub public_base_url: String,
    pub mail_from: String,
    /// Business days before the opt-out window closes when the customer is reminded; 0: never.
    pub opt_out_reminder_days: u32,
    /// Days after its email that the customer's link opens their tenant view.
    pub customer_link_days: u32,
    /// Webhooks may go to http:// and to private addresses (development and tests).
    pub webhooks_allow_private: bool,
    /// Days of failed deliveries after which a webhook endpoint is disabled.
    pub webhook_disable_after_days: u32,
    /// The saved views' counts per organisation, between list pages.
    pub view_counts: ViewCountsCache,
    /// Search terms with the part an index is asked for, from trigram counts kept here.
    pub search_terms: SearchTerms,
}

impl Context {
    pub fn from_settings(settings: &Settings) -> Self {
        Context {
            time_zone: settings.calendar_time_zone,
            public_base_url: settings.public_base_url.trim_end_matches('/').to_owned(),
            mail_from: settings.mail.from.clone(),
            opt_out_reminder_days: settings.opt_out_reminder_days,
            customer_link_days: settings.customer_link_days,
            webhooks_allow_private: settings.webhooks_allow_private,
            webhook_disable_after_days: settings.webhook_disable_after_days,
            view_counts: ViewCountsCache::default(),
            search_terms: SearchTerms::default(),
        }
    }

    /// The calendar business days are counted in: the configured zone, with the weekend and
    /// the public holidays administrators keep at `/admin/calendar`.
    pub fn calendar(&self, conn: &mut AnyConnection) -> anyhow::Result<BusinessCalendar> {
        let weekend = holidays::weekend(conn)?
            .into_iter()
            .map(Day::weekday)
            .collect::<Vec<_>>();
        let days = holidays::all(conn)?.into_iter().map(|(day, _)| day);
        BusinessCalendar::new(self.time_zone, weekend, days)
            .map_err(|e| anyhow::anyhow!("the stored calendar is unusable: {e}"))
    }

    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_base_url)
    }

    /// The host part of the public address, for Message-IDs.
    pub fn mail_domain(&self) -> &str {
        let rest = self
            .public_base_url
            .split_once("://")
            .map_or(self.public_base_url.as_str(), |(_, rest)| rest);
        let host = rest.split(['/', ':']).next().unwrap_or("");
        if host.is_empty() { "localhost" } else { host }
    }
}
