//! One layout for every email (text and HTML from the same parts); what each email says
//! comes from the catalogue, in the claim's language.

use askama::Template;

use crate::{domain::errors::code_enum, i18n::Catalogue};

code_enum! {
    /// What an email is about (stored with the outbox row).
    pub enum MailKind: "mail_kind" {
        CustomerValidated => "customer_validated",
        PartnerActionRequired => "partner_action_required",
        PartnerRejected => "partner_rejected",
        PartnerOfficial => "partner_official",
        PartnerOptedOut => "partner_opted_out",
        PartnerEndedByCustomer => "partner_ended_by_customer",
        CustomerReminder => "customer_reminder",
        PartnerMessage => "partner_message",
        UserInvitation => "user_invitation",
        PasswordReset => "password_reset",
        WebhookDisabled => "webhook_disabled",
    }
}

/// A labelled line of an email ("Programme: OSU Microsoft 365").
#[derive(Debug, Clone)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

pub struct Link {
    pub label: String,
    pub url: String,
}

/// The parts of an email before rendering.
pub struct MailParts {
    pub lang: &'static str,
    pub subject: String,
    pub greeting: String,
    pub before: Vec<String>,
    pub facts: Vec<Fact>,
    pub link: Option<Link>,
    /// For customers: the page that explains what a customer association is.
    pub about: Option<Link>,
    pub after: Vec<String>,
    pub signature: String,
}

/// A rendered email.
#[derive(Debug, Clone)]
pub struct Composed {
    pub kind: MailKind,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Template)]
#[template(path = "mail/message.txt")]
struct TextBody<'a> {
    mail: &'a MailParts,
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct HtmlBody<'a> {
    mail: &'a MailParts,
}

pub fn render(kind: MailKind, to: &str, parts: &MailParts) -> anyhow::Result<Composed> {
    Ok(Composed {
        kind,
        to: to.to_owned(),
        subject: parts.subject.clone(),
        text: TextBody { mail: parts }.render()?,
        html: HtmlBody { mail: parts }.render()?,
    })
}

/// What the customer contact is told when a claim is validated.
pub struct CustomerNotice {
    pub contact_name: String,
    pub partner: String,
    pub programme: String,
    pub customer_domain: String,
    pub tenant_id: String,
    pub products: Vec<String>,
    /// The closing instant with its date, time and time zone.
    pub closes_at: String,
    pub opt_out_url: String,
    /// The page explaining customer associations.
    pub about_url: String,
}

pub fn customer_validated(
    t: &Catalogue,
    to: &str,
    notice: &CustomerNotice,
) -> anyhow::Result<Composed> {
    let args = customer_args(notice);
    let parts = customer_parts(
        t,
        notice,
        ("mail.customer.subject", "mail.customer.intro"),
        vec![
            t.format("mail.customer.benefit", &args),
            t.get("mail.customer.nothing_to_do").to_owned(),
            t.format("mail.customer.deadline", &args),
        ],
    );
    render(MailKind::CustomerValidated, to, &parts)
}

/// The customer's reminder, a few business days before their window closes: the same facts,
/// a fresh link.
pub fn customer_reminder(
    t: &Catalogue,
    to: &str,
    notice: &CustomerNotice,
) -> anyhow::Result<Composed> {
    let args = customer_args(notice);
    let parts = customer_parts(
        t,
        notice,
        ("customer.reminder.subject", "customer.reminder.intro"),
        vec![
            t.get("mail.customer.nothing_to_do").to_owned(),
            t.format("mail.customer.deadline", &args),
        ],
    );
    render(MailKind::CustomerReminder, to, &parts)
}

/// The values the customer's letters fill in.
fn customer_args(notice: &CustomerNotice) -> [(&'static str, &str); 4] {
    [
        ("partner", notice.partner.as_str()),
        ("programme", notice.programme.as_str()),
        ("domain", notice.customer_domain.as_str()),
        ("at", notice.closes_at.as_str()),
    ]
}

/// A letter to the customer about a claim waiting for them: its subject and opening
/// (`(subject, intro)` keys), the claim's facts, their link, the about page, and `after`.
fn customer_parts(
    t: &Catalogue,
    notice: &CustomerNotice,
    (subject, intro): (&str, &str),
    after: Vec<String>,
) -> MailParts {
    let args = customer_args(notice);
    let fact = |key: &str, value: &str| Fact {
        label: t.get(key).to_owned(),
        value: value.to_owned(),
    };
    MailParts {
        lang: t.locale().tag(),
        subject: t.format(subject, &args),
        greeting: t.format("mail.greeting", &[("name", &notice.contact_name)]),
        before: vec![t.format(intro, &args)],
        facts: vec![
            fact("mail.fact.partner", &notice.partner),
            fact("mail.fact.programme", &notice.programme),
            fact("mail.fact.domain", &notice.customer_domain),
            fact("mail.fact.tenant", &notice.tenant_id),
            fact("mail.fact.products", &notice.products.join("; ")),
            fact("mail.fact.opt_out_until", &notice.closes_at),
        ],
        link: Some(Link {
            label: t.get("mail.customer.opt_out_link").to_owned(),
            url: notice.opt_out_url.clone(),
        }),
        about: Some(Link {
            label: t.get("customer.mail.about_link").to_owned(),
            url: notice.about_url.clone(),
        }),
        after,
        signature: t.get("mail.signature").to_owned(),
    }
}

/// What the partner is told when their claim changes.
pub struct PartnerNotice {
    pub kind: MailKind,
    pub contact_name: String,
    pub claim_name: String,
    pub customer_domain: String,
    pub facts: Vec<Fact>,
    /// Extra paragraphs (a deadline, the dispute period).
    pub notes: Vec<String>,
    pub claim_url: String,
}

pub fn partner_update(t: &Catalogue, to: &str, notice: &PartnerNotice) -> anyhow::Result<Composed> {
    let args = [
        ("claim", notice.claim_name.as_str()),
        ("domain", notice.customer_domain.as_str()),
    ];
    let key = |part: &str| format!("mail.{}.{part}", notice.kind.as_str());
    let parts = MailParts {
        lang: t.locale().tag(),
        subject: t.format(&key("subject"), &args),
        greeting: t.format("mail.greeting", &[("name", &notice.contact_name)]),
        before: vec![t.format(&key("intro"), &args)],
        facts: notice.facts.clone(),
        link: Some(Link {
            label: t.get("mail.partner.open_claim").to_owned(),
            url: notice.claim_url.clone(),
        }),
        about: None,
        after: notice.notes.clone(),
        signature: t.get("mail.signature").to_owned(),
    };
    render(notice.kind, to, &parts)
}

/// An invitation or a password reset: a one-time link to set a password.
pub fn account_link(
    t: &Catalogue,
    kind: MailKind,
    to: &str,
    name: &str,
    url: &str,
    expires: &str,
) -> anyhow::Result<Composed> {
    let key = |part: &str| format!("mail.{}.{part}", kind.as_str());
    let args = [("at", expires)];
    let parts = MailParts {
        lang: t.locale().tag(),
        subject: t.get(&key("subject")).to_owned(),
        greeting: t.format("mail.greeting", &[("name", name)]),
        before: vec![t.get(&key("intro")).to_owned()],
        facts: Vec::new(),
        link: Some(Link {
            label: t.get(&key("link")).to_owned(),
            url: url.to_owned(),
        }),
        about: None,
        after: vec![
            t.format("mail.account_link.expires", &args),
            t.get("mail.account_link.not_you").to_owned(),
        ],
        signature: t.get("mail.signature").to_owned(),
    };
    render(kind, to, &parts)
}

/// What an endpoint's owners are told when it was disabled for failing.
pub struct WebhookDisabled<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub days: u32,
    /// The endpoint's page, to turn it on again.
    pub page: &'a str,
}

/// A webhook endpoint failed for days and was disabled.
pub fn webhook_disabled(
    t: &Catalogue,
    to: &str,
    notice: &WebhookDisabled<'_>,
) -> anyhow::Result<Composed> {
    let days = notice.days.to_string();
    let parts = MailParts {
        lang: t.locale().tag(),
        subject: t.get("webhooks.mail.subject").to_owned(),
        greeting: t.format("mail.greeting", &[("name", notice.name)]),
        before: vec![t.format("webhooks.mail.intro", &[("days", &days)])],
        facts: vec![Fact {
            label: t.get("webhooks.mail.endpoint").to_owned(),
            value: notice.url.to_owned(),
        }],
        link: Some(Link {
            label: t.get("webhooks.mail.link").to_owned(),
            url: notice.page.to_owned(),
        }),
        about: None,
        after: vec![t.get("webhooks.mail.after").to_owned()],
        signature: t.get("mail.signature").to_owned(),
    };
    render(MailKind::WebhookDisabled, to, &parts)
}
