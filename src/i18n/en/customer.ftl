# The customer's pages and emails: the tenant view, ending an association, the page that
# explains customer associations, the reminder, and deadlines that cannot be misread.

# A deadline at local midnight: the end of the day before ("until { $at }" around it).
format-end_of_day = the end of { $day } ({ $time })

mail_kind-partner_ended_by_customer = Partner: customer ended the association
mail_kind-customer_reminder = Customer: reminder before the opt-out window closes

mail-partner_ended_by_customer-subject = Customer ended the association: { $claim }
mail-partner_ended_by_customer-intro = The customer ended your official association "{ $claim }" for { $domain }. It is no longer official, and the workload is free to be claimed again.

customer-about_link = What is a customer association?
customer-mail-about_link = What is a customer association?

customer-reminder-subject = Reminder: { $partner } asks to be recorded as your partner for { $programme }
customer-reminder-intro = We wrote to you about { $partner }'s request to be recorded as the partner of record for your organisation ({ $domain }) under the { $programme } programme. You can still opt out until { $at }.

customer-opt_out-closed_body = The period for opting out closed at { $at }, or the claim was closed. If you did not agree with it, contact the programme team.
customer-opt_out-ended_heading = The period for opting out has ended
customer-opt_out-more_heading = More about partner associations
customer-opt_out-tenant_view_link = See every partner association on your tenant

customer-link-title-unknown = Link not recognised
customer-link-title-refused = This link no longer works
customer-link-refused_heading = This link no longer shows your partner associations
customer-link-refused_body = The link in our email works for a limited time, and only while you are the customer contact of the claim it was sent for. No associations are shown. Ask the partner or the programme team for a new email if you need one.

customer-tenant-title = Partner associations on your tenant
customer-tenant-heading = Partner associations on your tenant
customer-tenant-intro = Every partner recorded, or asking to be recorded, as a partner of your organisation ({ $domain }).
customer-tenant-tenant_id = Tenant ID: { $tenant }
customer-tenant-lifetime = This link works until { $at }.
customer-tenant-empty = There are no partner associations on your tenant.
customer-tenant-caption = Partner associations on your tenant
customer-tenant-since = Since
customer-tenant-until = Until
customer-tenant-status = Status
customer-tenant-actions = What you can do
customer-tenant-no_end = No end date
customer-tenant-ended = Ended
customer-tenant-action-end = End association with { $partner }
customer-tenant-action-opt_out = Opt out of the claim by { $partner }
customer-tenant-back = Back to the claim in your email
customer-tenant-done_heading = Done
customer-tenant-done_body = { $partner } is no longer associated with your organisation for these workloads. They have been told.

customer-end-title-end = End this partner association
customer-end-title-opt_out = Opt out of this claim
customer-end-title-none = Partner association
customer-end-explain-end = { $partner } will no longer be the partner of record for these workloads and will stop seeing their usage data. They will be told, with your reason.
customer-end-explain-opt_out = { $partner } will not be recorded as your partner for these workloads. They will be told, with your reason.
customer-end-reason = Why? (required)
customer-end-reason_hint = The partner is told, with this reason. It is also kept in the claim's history.
customer-end-reason_required = Enter why you end this association
customer-end-button-end = End association
customer-end-button-opt_out = Opt out
customer-end-nothing = This association has ended. There is nothing more to do.
customer-end-back = Back to every partner association on your tenant

customer-about-title = What is a customer association?
customer-about-heading = What is a customer association?
customer-about-intro = A customer association records which partner helped your organisation with a Microsoft cloud workload, for example by advising you before you bought it or by helping you use it. Microsoft uses it to reward that partner. It is also called the partner of record.
customer-about-gets_heading = What the partner gets
customer-about-gets = Only usage and seat data about the workloads they are associated with, by month:
customer-about-gets_users = monthly active users;
customer-about-gets_units = paid units (seats).
customer-about-not_heading = What the partner does not get
customer-about-not_access = No access to your tenant, your users or your administration.
customer-about-not_data = None of your data, documents, email or files.
customer-about-not_cost = Nothing changes in what you pay or in your contract with Microsoft.
customer-about-decide_heading = How to opt out or end it
customer-about-window = When a partner asks to be associated, we email your contact. You have 5 business days to opt out with the link in that email. You do not need to do anything to accept.
customer-about-end_any_time = After that, the same link shows every partner association on your tenant, and you can end any of them at any time, with a reason. The partner is told.
customer-about-link = If your link no longer works, ask the partner or the programme team for a new email.
customer-tenant-own_claim_only = This link was sent to an address outside your organisation's registered domains, so it shows only the claim it was sent for. Links sent to an address at your organisation's domain show every partner association on your tenant.
customer-tenant-unchanged = Your request about the association with { $partner } could not be carried out: it changed in the meantime (for example, the opt-out period ended). The list below shows where it stands now.
