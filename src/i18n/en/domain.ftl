# English texts for every key the domain module produces. `key = text`; {name} is filled in
# by the web layer. Field messages follow GOV.UK error message style: say what to do.

# ---- Values typed into forms ------------------------------------------------------------
value-mpn_id-required = Enter the MPN ID
value-mpn_id-not_digits = Enter the MPN ID using digits only, for example 1234567
value-mpn_id-wrong_length = MPN ID must be between 6 and 10 digits
value-tenant_id-required = Enter the directory (tenant) ID
value-tenant_id-invalid = Enter the directory (tenant) ID in the correct format, for example 72f988bf-86f1-41af-91ab-2d7cd011db47
value-subscription_id-required = Enter the subscription ID
value-subscription_id-invalid = Enter the subscription ID in the correct format, for example 0b1f6471-1bf0-4dda-aec3-111122223333
value-domain_name-required = Enter the customer's domain name
value-domain_name-too_long = Domain name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-domain_name-has_scheme = Enter the domain name without http:// or https://, for example contoso.com
value-domain_name-has_path = Enter the domain name only, without a slash or anything after it, for example contoso.com
value-domain_name-has_port = Enter the domain name without a colon or port number, for example contoso.com
value-domain_name-has_at = Enter a domain name, not an email address, for example contoso.com
value-domain_name-has_spaces = Domain name must not contain spaces
value-domain_name-invalid_characters = Domain name must only include letters, numbers, hyphens and dots, for example contoso.com
value-domain_name-empty_label = Domain name must not start or end with a dot or have two dots together
value-domain_name-single_label = Enter a full domain name with a dot, for example contoso.com
value-domain_name-label_too_long = Each part of the domain name between dots must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-domain_name-label_hyphen = Parts of the domain name must not start or end with a hyphen
value-domain_name-numeric_top_level = Enter a domain name, not an IP address, for example contoso.com
value-email-required = Enter an email address
value-email-too_long = Email address must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-email-missing_at = Enter an email address in the correct format, like name@example.com
value-email-multiple_at = Email address must contain only one @
value-email-local_part_invalid = Enter an email address in the correct format, like name@example.com
value-email-local_part_too_long = The part of the email address before the @ must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-email-domain_invalid = Enter the part of the email address after the @ as a domain name, like name@example.com
value-claim_name-required = Enter a claim name
value-claim_name-too_short = Claim name must be { $min } { $min ->
        [one] character
       *[other] characters
    } or more
value-claim_name-too_long = Claim name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-person_name-required = Enter a name
value-person_name-too_long = Name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-job_title-required = Enter a job title
value-job_title-too_long = Job title must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-organisation_name-required = Enter a name
value-organisation_name-too_long = Name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-solution_name-required = Enter the ISV product or solution name
value-solution_name-too_long = Product or solution name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-comment-required = Enter a comment
value-comment-too_long = Comment must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
value-comment-control_characters = Comment must not contain special characters other than line breaks and tabs
value-text-too_short = Enter at least { $min } { $min ->
        [one] character
       *[other] characters
    }
value-text-control_characters = Remove line breaks and other special characters
search-too_long = Search for { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer

# ---- Programmes and the activity page --------------------------------------------------
solution_area-microsoft_365 = Microsoft 365
solution_area-business_applications = Business Applications
activity-pre_sales = Pre-sales
activity-usage = Usage
activity-revenue_association = Revenue association
activity-guidance-pre_sales = Choose pre-sales if you advised the customer before they bought Business Applications (Online Services Advisory, OSA).
activity-guidance-usage = Choose usage if you drive the customer's use of the workloads they already have (Online Services Usage, OSU).
activity-guidance-revenue_association = Choose revenue association to record that your solution drives the customer's Business Applications revenue. It does not earn an incentive.
programme-osa = Online Services Advisory (OSA)
programme-osu_m365 = Online Services Usage for Microsoft 365
programme-osu_bizapps = Online Services Usage for Business Applications
programme-revenue_association = Revenue association
claim_type-customer_association = Customer association (OSA, OSU or revenue association)
other_programme-csp = Cloud solution provider (CSP)
other_programme-managed_reseller = Managed reseller
other_programme-hosting = Hosting
other_programme-surface = Surface
programme-claim_type-required = Select what you are claiming for
programme-solution_area-required = Select the solution area
programme-activity-required = Select the activity
programme-microsoft_365_usage_only = Microsoft 365 claims can only be for usage. Select usage, or select Business Applications as the solution area

# ---- The wizard ---------------------------------------------------------------------------
draft-location-required = Select the MPN ID of your partner location
draft-location-unknown = Select an MPN ID from the list
draft-tenant-not_found = We can't find this directory (tenant) ID. Check it and try again
draft-domain-not_in_tenant = This domain name does not belong to that directory (tenant) ID. Check both and try again
draft-programme-location_not_enrolled = The partner location you chose is not enrolled in this programme. Select another activity, or go back and choose another location
draft-products-required = Select at least one product
draft-products-unknown = Select products from the list
draft-products-refused-csp = This product cannot be chosen: it was bought through a cloud solution provider (CSP)
draft-products-refused-already_yours = This product cannot be chosen: your organisation already holds it for this customer
draft-products-refused-held_elsewhere = This product cannot be chosen: another partner already has an official association for it
draft-products-refused-no_subscription = This product cannot be chosen: the customer's tenant has no subscription for it
draft-subscription-required = Select the subscription this product is claimed through
draft-subscription-not_found = Select a subscription from the list
draft-subscription-csp = Subscriptions bought through a cloud solution provider (CSP) cannot be claimed here. Use co-op claims instead
draft-subscription-ended = This subscription has ended. Select a current subscription
draft-subscription-none = The customer has no current subscription for this product that can be claimed
draft-subscription-only_csp = The customer only has subscriptions bought through a cloud solution provider (CSP) for this product. Use co-op claims instead
missing-location_and_customer = Partner location, domain name and directory ID
missing-programme = Solution area and activity
missing-claim_name = Claim name
missing-products = Products
missing-customer_contact = Customer contact
missing-technical_contact = Customer technical contact
missing-company_contact = Company contact
missing-revenue_association_details = Dynamics solution seller, customer and ISV solution names
missing-proof_of_execution = Proof of execution
channel-volume_licensing = Volume licensing
channel-web_direct = Web direct
channel-csp = Cloud solution provider (CSP)

# ---- Claim statuses, actions and history -------------------------------------------------
status-draft = Draft
status-submitted = Submitted
status-action_required = Action required
status-rejected = Rejected
status-disputed = Disputed
status-pending_customer = Pending customer
status-opted_out = Opted out
status-official = Official
status-expired = Expired
status-withdrawn = Withdrawn
action-submit = Submit claim
action-ask_for_information = Ask for more information
action-resubmit = Resubmit claim
action-validate = Validate
action-reject = Reject
action-dispute = Dispute rejection
action-decide_dispute = Decide dispute
action-opt_out = Opt out
action-close_window = Close opt-out window
action-expire = Expire
action-withdraw = Withdraw claim
action-time_out_action_required = Reject unanswered request
action-end_by_customer = End association
actor-partner = Partner
actor-reviewer = Reviewer
actor-administrator = Administrator
actor-customer_link = Customer
actor-system = Customer associations portal
rejection_reason-insufficient_proof_of_execution = Insufficient proof of execution
rejection_reason-customer_declined = The customer declined
rejection_reason-partner_request = At the partner's request
rejection_reason-workload_already_associated = Workload already associated with another partner
rejection_reason-no_partner_response = No response from the partner within 5 business days
rejection_reason-other = Other
reason-information_requested = More information requested
reason-dispute_raised = Rejection disputed
reason-dispute_accepted = Dispute accepted
reason-dispute_declined = Dispute declined
reason-customer_opted_out = The customer opted out
reason-customer_ended = Ended by the customer
transition-not_allowed_for_actor = You do not have permission to do this
transition-not_your_claim = You do not have permission to change this claim
transition-final_status = This claim can no longer be changed
transition-wrong_status = This claim's status has changed, so you can no longer do this. Refresh the page to see its current status
transition-missing_proof_of_execution = Upload at least one proof of execution file before you submit the claim
transition-incomplete = Complete the { $count } { $count ->
        [one] missing part
       *[other] missing parts
    } of the claim before you submit it
transition-dispute_already_used = This rejection has already been disputed. A claim can only be disputed once
transition-dispute_window_closed = You can only dispute a rejection within 30 days
transition-window_closed = The time to opt out of this association has ended
transition-window_still_open = The customer can still opt out: the window has not closed yet
transition-not_due_yet = This is not due yet
transition-answer_overdue = The time to answer has ended, so the claim can no longer be resubmitted
transition-reason_not_choosable = Choose another reason: the portal gives this one itself when a partner does not answer in time
transition-reason_text_required = Explain the reason for rejecting the claim

# ---- Business calendar ------------------------------------------------------------------
calendar-no_working_weekdays = At least one day of the week must be a business day
calendar-search_limit_reached = No business day was found in the next { $days } { $days ->
        [one] day
       *[other] days
    }. Check the holiday calendar
calendar-out_of_range = The date is out of range

# ---- Exclusivity --------------------------------------------------------------------------
exclusivity-no_products = Select at least one product
exclusivity-subscription_missing = Select a subscription for every product
exclusivity-conflict = This workload is already associated with another partner
exclusivity-conflict_own = Your organisation already has an official association for this workload

# ---- Roles (same keys and texts as the common catalogue) ---------------------------------
role-partner = Incentive administrator
role-reviewer = Reviewer
role-administrator = Administrator

evidence_kind-pdf = PDF
evidence_kind-png = PNG image
evidence_kind-jpeg = JPEG image
evidence_kind-docx = Word document
evidence_kind-xlsx = Excel workbook
evidence_kind-text = Text file
evidence-unsupported_type = The selected file must be a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or text (.txt) file
evidence-empty = The selected file is empty
evidence-too_large = The selected file must be smaller than { $limit } MB
evidence-no_file = Select a file
evidence-too_many_files = Upload at most { $max } { $max ->
        [one] file
       *[other] files
    } at a time

# Holiday calendar (administration)
holidays-date_required = Enter the date
holidays-date_invalid = Enter the date as YYYY-MM-DD, for example 2026-12-25
holidays-name_required = Enter the holiday's name
holidays-name_too_long = The name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer
holidays-duplicate = This date is listed more than once
holidays-too_many_lines = The list can have at most { $max } { $max ->
        [one] line
       *[other] lines
    }
holidays-nothing_to_import = The list has no holidays
holidays-no_working_days = At least one day of the week must be a working day
holidays-unknown_day = Choose days of the week from the list
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

# Accounts
password-too_short = The password must be at least { $min } { $min ->
        [one] character
       *[other] characters
    } long
password-too_long = The password must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer

# Product catalogue (administration)
product-id_required = Enter the product's id
product-id_invalid = Use lower-case letters, digits and single hyphens, at most { $max } { $max ->
        [one] character
       *[other] characters
    }, for example d365-sales
product-id_taken = Another product has this id
product-name_required = Enter the product's name
product-name_too_long = The name must be { $max } { $max ->
        [one] character
       *[other] characters
    } or fewer, on one line
product-area_required = Choose the solution area
product-dynamics_area = Only Business Applications products can be Dynamics 365 products
product-status_required = Choose whether the product is offered or retired

# Partner organisations (administration)
partner-country_invalid = Enter the country as a two-letter code, for example DE or US
partner-mpn_taken = Another location has this MPN ID
partner-unknown_programme = Choose programmes from the list
tenant-product_required = Choose the product
tenant-product_unknown = Choose a product from the catalogue
tenant-channel_required = Choose how the subscription was bought
tenant-date_invalid = Enter a date as YYYY-MM-DD, for example 2026-07-01
tenant-month_invalid = Enter a month as YYYY-MM, for example 2026-10
tenant-ends_before_start = The end date must be on or after the start date
tenant-count_invalid = Enter a whole number from 0 to { $max }
tenant-tenant_taken = A tenant with this directory ID is already in the registry
tenant-subscription_taken = A subscription with this ID is already in the registry
tenant-domain_taken = This domain belongs to another tenant
account-role_required = Choose the user's role
account-organisation_required = Choose the partner organisation the user works for
account-last_administrator = This is the last active administrator: make someone else an administrator first
account-email_taken = A user with this email address exists already
account-passwords_differ = The two passwords are not the same

# Tenant registry CSV import (administration)
import-wrong_header = The first line must be the documented header for this kind of file
import-field_count = The line must have { $expected } { $expected ->
        [one] field
       *[other] fields
    }
import-field_too_long = The { $column } field is longer than { $max } { $max ->
        [one] character
       *[other] characters
    }
import-value = The { $column } field is not valid
import-required = The { $column } field is empty
import-date_invalid = The { $column } field is not a date in the documented form
import-number_invalid = The { $column } field must be a whole number of 0 or more
import-channel_unknown = The channel must be volume_licensing, web_direct or csp
import-ends_before_start = The end date (ends_on) is before the start date (starts_on)
import-tenant_unknown = The tenant is not in the registry
import-product_unknown = The product is not in the catalogue
import-duplicate = This row repeats an earlier one
import-domain_taken = The domain belongs to another tenant
import-not_text = This is not a UTF-8 text (CSV) file
import-empty = The file is empty
import_kind-tenants = Tenants
import_kind-domains = Verified domains
import_kind-subscriptions = Subscriptions
import_kind-usage = Monthly usage
