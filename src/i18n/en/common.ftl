# English catalogue: the portal's own words. `key = text`; {name} is filled in at runtime.

app-name = Partner incentives

layout-skip_link = Skip to main content
layout-nav_label = Main
layout-sign_out = Sign out
layout-sign_in = Sign in
layout-error_prefix = Error:
layout-footer = Customer associations portal — partner-of-record claims for the OSA and OSU programmes.

nav-associations = Customer associations
nav-review = Review
nav-admin = Administration

form-error_summary_title = There is a problem
form-error_prefix = Error:

flash-signed_out = You have signed out.

sign_in-title = Sign in
sign_in-heading = Sign in
sign_in-intro = Sign in with the email address and password of your portal account.
sign_in-email = Email address
sign_in-password = Password
sign_in-submit = Sign in
sign_in-error-email_missing = Enter your email address
sign_in-error-password_missing = Enter your password
sign_in-error-invalid = The email address or password is not correct
sign_in-error-throttled = Too many failed attempts to sign in. Wait 15 minutes, then try again.

associations-title = Customer associations
associations-heading = Customer associations
associations-empty-heading = You have no customer associations yet
associations-empty-what = A customer association records that your organisation is the partner of record for a customer's workload or subscription, so that your work with that customer counts towards the Online Services Advisory (OSA) and Online Services Usage (OSU) incentives.
associations-empty-customer = Once a reviewer validates a claim, we email the customer. The customer has 5 business days to opt out; if they do not, the association becomes official and you can see the customer's usage data.
associations-empty-programmes = Claims for other programmes, such as cloud solution provider, managed reseller, hosting or Surface, go through the co-op claims process instead.

review-title = Review
review-heading = Review
review-queue-heading = Waiting for review
review-queue-empty = No claims are waiting for review.

admin-title = Administration
admin-heading = Administration
admin-count-organisations = Partner organisations
admin-count-users = Users

error-not_found-heading = Page not found
error-not_found-body = If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.
error-forbidden-heading = You do not have access to this page
error-forbidden-body = Your account does not allow you to see this page. If you think it should, contact your portal administrator.
error-csrf-heading = This form has expired
error-csrf-body = For your security the form could not be sent. Go back, reload the page and try again.
error-bad_request-heading = The request could not be understood
error-bad_request-body = Go back and try again.
error-too_large-heading = What you sent is too large
error-too_large-body = Go back and send less, or smaller files.
error-internal-heading = Sorry, there is a problem with the service
error-internal-body = Try again later. If the problem continues, contact your portal administrator and give them the reference below.
error-internal-reference = Reference:
error-sign_in_link = Sign in
error-home_link = Go to the start page

flash-draft_created = Your claim was saved as a draft.

wizard-step = Step { $n } of 7
wizard-continue = Continue
wizard-back = Back
wizard-cancel = Cancel
wizard-customer-title = Partner location and customer
wizard-customer-heading = Who is claiming, and for which customer?
wizard-customer-location_legend = Which partner location is making this claim?
wizard-customer-location_label = { $name } (MPN ID { $mpn_id })
wizard-customer-domain = Customer's domain name
wizard-customer-domain_hint = A domain the customer has verified in their Microsoft tenant, for example contoso.com
wizard-customer-tenant = Customer's directory (tenant) ID
wizard-customer-tenant_hint = A GUID, for example 72f988bf-86f1-41af-91ab-2d7cd011db47
wizard-customer-where_link = Where do I find the domain name and directory ID? (opens in a new tab)
wizard-customer-no_locations = None of your organisation's partner locations is enrolled in a CPOR programme, so you cannot create a customer association yet. Ask your programme administrator to enrol a location.
wizard-programme-title = Solution area and activity
wizard-programme-heading = What are you claiming?
wizard-programme-intro = Customer associations cover the Online Services Advisory (OSA) and Online Services Usage (OSU) programmes, and revenue association. Other programmes use co-op claims.
wizard-programme-claim_type_legend = What kind of claim is this?
wizard-programme-area_legend = Solution area
wizard-programme-activity_legend = Activity
wizard-programme-area_hint-microsoft_365 = Usage only (OSU Microsoft 365).
wizard-programme-area_hint-business_applications = Pre-sales (OSA), usage (OSU Business Applications) or revenue association.
wizard-coop-title = Use a co-op claim
wizard-coop-heading = This claim goes through the co-op claims process
wizard-coop-body = Customer associations are only for the OSA and OSU programmes and for revenue association. Claims for { $programme } are made as co-op claims.
wizard-coop-link = Go to co-op claims
wizard-name-title = Name the claim
wizard-name-heading = Name this claim
wizard-name-label = Claim name
wizard-name-hint = 3 to 100 characters. Choose a name your colleagues will recognise, such as the customer and the project.
wizard-name-submit = Create claim
wizard-summary-location = Partner location (MPN ID)
wizard-summary-customer = Customer
wizard-summary-programme = Programme

associations-new_button = + Customer association
associations-empty-start = To start, select + Customer association. You will need the customer's domain name and directory (tenant) ID, the products you are claiming, the customer's contacts and proof of execution, such as a statement of work signed by the customer.
associations-filters-label = Filter customer associations
associations-filters-search = Search
associations-filters-search_hint = Claim name, customer domain or directory (tenant) ID
associations-filters-all_statuses = All statuses
associations-filters-all_programmes = All programmes
associations-filters-location = Partner location
associations-filters-all_locations = All locations
associations-filters-apply = Apply filters
associations-filters-clear = Clear filters
associations-export = Export CSV
associations-no_matches = No customer associations match these filters.
associations-list-caption = Customer associations
associations-list-name = Claim name
associations-list-domain = Customer domain
associations-list-programme = Programme
associations-list-products = Products
associations-list-status = Status
associations-list-updated = Last change
associations-list-window_closes = The customer can opt out until { $at }
associations-csv-tenant = Directory (tenant) ID
associations-csv-window_closes = Opt-out window closes (UTC)
associations-csv-updated = Last change (UTC)
associations-pagination = Pages of customer associations
associations-previous = Previous page
associations-next = Next page

help-tenant-title = Find a customer's domain name and directory ID
help-tenant-heading = Find a customer's domain name and directory (tenant) ID
help-tenant-intro = A customer association names the customer by a domain they have verified in their Microsoft tenant and by the tenant's directory ID. Both must belong to the same tenant.
help-tenant-domain-heading = Domain name
help-tenant-domain-body = Use a domain the customer has added and verified in Microsoft 365, usually the domain of their email addresses (for example contoso.com), not a web address.
help-tenant-domain-step1 = Ask the customer's Microsoft 365 administrator to open the Microsoft 365 admin center and go to Settings, then Domains.
help-tenant-domain-step2 = Any domain listed there with the status Healthy can be used.
help-tenant-id-heading = Directory (tenant) ID
help-tenant-id-body = The directory ID is a GUID that identifies the customer's Microsoft Entra tenant.
help-tenant-id-step1 = Ask the customer's administrator to sign in to the Microsoft Entra admin center.
help-tenant-id-step2 = Go to Identity, then Overview.
help-tenant-id-step3 = Copy the Tenant ID shown on the Overview page.
help-tenant-id-example = A directory ID looks like this: 72f988bf-86f1-41af-91ab-2d7cd011db47.
help-tenant-check-heading = If the portal does not accept them
help-tenant-check-body = The portal checks the pair against its tenant registry. If it says the directory ID is unknown, or that the domain does not belong to it, check both values with the customer. If they are right, ask your programme administrator to add the tenant to the registry.

claim-title = Customer association
claim-back_to_list = All customer associations
claim-status_heading = Status
claim-missing_heading = Before you can submit this claim
claim-history_link = History
claim-details_heading = Claim details
claim-field-domain = Customer domain
claim-field-tenant = Directory (tenant) ID
claim-field-programme = Programme
claim-field-products = Products
claim-next-draft = This claim is a draft. Only your organisation can see it. Complete it and submit it for review.
claim-next-submitted = Waiting for review by the programme team.
claim-next-action_required = The programme team has asked for more information. Answer by { $at }, or the claim will be rejected.
claim-next-rejected = The claim was rejected. You can dispute a rejection once, within 30 days.
claim-next-disputed = The programme team is reviewing your dispute.
claim-next-pending_customer = The customer has been emailed and can opt out until { $at }. If they do not, the association becomes official.
claim-next-opted_out = The customer opted out. This claim is closed.
claim-next-official = The association is official. You can see the customer's usage data for it.
claim-next-expired = The association ended with the customer's subscription.
claim-next-withdrawn = The claim was withdrawn.

history-title = History
history-heading = History
history-back = Back to the claim
history-when = When
history-who = Who
history-change = Status
history-why = Why
history-created = Draft created

flash-products_saved = The products were saved.
products-title = Products
products-heading = Which products are you claiming?
products-legend = Products and workloads
products-hint = Select all that apply. Only products of the claim's solution area are listed.
products-dynamics_hint = A Dynamics 365 product: you will also be asked for the customer's technical contact.
products-subscription_for = Subscription for { $product }
products-choose_subscription = Choose a subscription
products-subscription_label = { $id } · { $channel } · { $seats } { $seats ->
        [one] seat
       *[other] seats
    } · until { $until }
products-no_end = no end date
claim-change = Change

flash-contacts_saved = The contacts were saved.
contacts-title = Contacts
contacts-heading = Who are the contacts for this claim?
contacts-heading_revenue = Customer contact and revenue association details
contacts-all_required = Every field is required.
contacts-customer_legend = Customer contact
contacts-customer_hint = The person at the customer who receives the association email and can opt out.
contacts-technical_legend = Customer technical contact
contacts-technical_hint = Asked for because the claim includes a Dynamics 365 product.
contacts-company_legend = Your company contact
contacts-revenue_legend = Revenue association
contacts-name = Full name
contacts-job_title = Job title
contacts-email = Email address
contacts-seller_name = Dynamics solution seller name
contacts-customer_name = Customer name
contacts-solution_name = ISV product or solution name
claim-field-customer_contact = Customer contact
claim-field-technical_contact = Customer technical contact
claim-field-company_contact = Company contact
claim-field-revenue = Revenue association

size-mb = { $n } MB
size-kb = { $n } KB
size-bytes = { $n } { $n ->
        [one] byte
       *[other] bytes
    }
flash-files_uploaded = The files were uploaded.
flash-file_removed = The file was removed.
files-title = Proof of execution
files-heading = Proof of execution
files-intro = Upload proof that you did the work for this customer, such as a statement of work signed by the customer. You can add several files, and remove them while the claim is a draft.
files-download_template = Download template
files-none = No files yet.
files-caption = Files uploaded for this claim
files-name = File
files-size = Size
files-uploaded_by = Uploaded by
files-uploaded_at = Uploaded
files-actions = Actions
files-remove = Remove
files-choose = Upload files
files-drop_hint = Drop the files here, then select Upload.
files-upload = Upload
claim-manage_files = Add or remove files

template-heading = Proof of execution and customer acknowledgement
template-intro = This document records the work the partner did for the customer named below. The customer signs the acknowledgement; the partner uploads the signed document to the customer association claim.
template-partner = Partner company
template-domain = Customer domain name
template-tenant = Customer directory (tenant) ID
template-programme = Programme
template-products = Products and workloads
template-customer_company = Customer company
template-activities = Activities performed
template-dates = Dates of the work
template-acknowledgement_heading = Customer acknowledgement
template-acknowledgement = We confirm that { $partner } carried out the activities described above for our organisation, for the products and workloads listed.
template-signer_name = Name
template-signer_title = Job title
template-signed_on = Date
template-signature = Signature

flash-comments_saved = Your comments were saved.
flash-submitted = Your claim was submitted for review.
flash-withdrawn = The claim was withdrawn.
claim-field-comments = Comments
claim-check_and_submit = Check and submit
claim-withdraw = Withdraw claim
submit-title = Check and submit
submit-heading = Check your claim and submit it
submit-comments = Comments for the reviewers (optional)
submit-comments_hint = Anything that helps the programme team review this claim.
submit-save = Save
submit-summary = Your claim
submit-ready_heading = Submit the claim
submit-ready = Once submitted, the claim cannot be changed unless a reviewer asks for more information. When a reviewer validates it, we email the customer, who can opt out within 5 business days.
submit-submit = Submit claim
withdraw-title = Withdraw claim
withdraw-heading = Are you sure you want to withdraw this claim?
withdraw-warning = A withdrawn claim is closed for good. To claim this customer again, you will need to start a new claim.
withdraw-reason = Why are you withdrawing the claim?
withdraw-reason_hint = This is kept in the claim's history.
withdraw-confirm = Withdraw claim
withdraw-cancel = No, keep the claim

# Dates: chrono's strftime patterns, except that %a and %A are the catalogue's names of the
# day (format-weekday_short-*, and weekday-* in domain.ftl).
format-instant = %-d %b %Y %H:%M %Z
format-day = %A %-d %B %Y
format-weekday_short-mon = Mon
format-weekday_short-tue = Tue
format-weekday_short-wed = Wed
format-weekday_short-thu = Thu
format-weekday_short-fri = Fri
format-weekday_short-sat = Sat
format-weekday_short-sun = Sun
