# Review, the partner's answers, the customer's opt-out page, the development mailbox and
# email deliveries.

review-queue-hint = Submitted, resubmitted and disputed claims, the longest-waiting first unless you sort them otherwise. Age counts business days.
review-age = { $n } { $n ->
        [one] business day
       *[other] business days
    }
review-col-claim = Claim
review-col-partner = Partner
review-col-programme = Programme
review-col-domain = Customer domain
review-col-status = Status
review-col-waiting_since = Waiting since
review-col-age = Age
review-col-changed = Last change
review-all-heading = All claims
review-all-none = No claims match these filters.
review-filters-label = Filter claims
review-filters-all_partners = All partners
review-filters-tenant = Directory (tenant) ID

review-case-title = Review claim
review-case-back = Back to review
review-case-decide_heading = Decision
review-case-notice_undelivered = The customer's email has not been delivered yet. The opt-out window will not close before it is.
review-case-nothing_to_decide = Nothing to decide: the claim is not waiting for review.
review-case-dispute_justification = The partner's dispute:
review-case-last_request = Last request to the partner:
review-changed_meanwhile = Someone else changed this claim meanwhile. Check its status before deciding.
review-conflict_heading = Conflict:
review-conflict = another claim already holds { $key } officially. Validating rejects this claim with the reason "workload already associated with another partner".
review-validate-heading = Validate
review-validate-hint = The customer contact is emailed and can opt out within 5 business days. Without an opt-out the association becomes official.
review-ask-heading = Action required
review-ask-comment = What does the partner need to change or add?
review-ask-comment_hint = The partner sees this and can change products, contacts and proof of execution. They have 5 business days to resubmit.
review-ask-button = Ask for more information
review-reject-heading = Reject
review-reject-reason = Why is the claim rejected?
review-reject-reason_required = Choose why the claim is rejected
review-reject-text = Explanation for the partner
review-reject-text_hint = Required when the reason is "Other". The partner can dispute a rejection once, within 30 days.
review-dispute-legend = Is the dispute justified?
review-dispute-accept = Accept the dispute
review-dispute-accept_hint = The customer is emailed and the opt-out window opens, as on validation.
review-dispute-decline = Decline the dispute
review-dispute-decline_hint = The rejection stands and is final.
review-dispute-decision_required = Choose whether to accept or decline the dispute
review-dispute-text = Explanation for the partner (optional)
review-dispute-text_hint = Shown in the claim's history.
review-registry-heading = Tenant registry
review-registry-domains = Verified domains
review-registry-subscriptions = Subscriptions
review-registry-no_subscriptions = The registry has no subscriptions for this tenant.
review-registry-subscription = Subscription ID
review-registry-product = Product
review-registry-channel = Channel
review-registry-period = Period
review-registry-seats = Seats
review-registry-open_ended = from { $start }, no end date
review-registry-officials = Official associations of this tenant
review-registry-no_officials = This tenant has no official associations.
review-registry-this_claim = this claim

claim-changed_meanwhile = The claim changed meanwhile. Check its status and try again.
claim-request_heading = The programme team asks
claim-request_hint = Change what is asked (products, contacts or proof of execution), then resubmit the claim.

dispute-title = Dispute the rejection
dispute-heading = Dispute the rejection
dispute-once = You can dispute a rejection once. Explain why the claim should be accepted; you can add new proof of execution.
dispute-deadline = You can dispute until { $at }.
dispute-justification = Why should the claim be accepted?
dispute-justification_hint = The programme team reads this before deciding.
dispute-files = New proof of execution (optional)
dispute-files_hint = PDF, Word, Excel, PNG, JPEG or text; up to { $limit } MB each.
dispute-confirm = Dispute rejection

messages-heading = Messages
messages-none = No messages yet.
messages-new = New message
messages-new_hint_partner = The programme team sees your message with the claim.
messages-new_hint_staff = The partner sees your message on the claim page.
messages-send = Send message

usage-heading = Usage data
usage-hint = The customer's usage of the associated workloads, from the tenant registry.
usage-month = Month
usage-workload = Workload
usage-active_users = Monthly active users
usage-paid_units = Paid units

opt_out-title-open = Partner association for your organisation
opt_out-title-opted_out = You have opted out
opt_out-title-closed = This link no longer works
opt_out-title-unknown = Link not recognised
opt_out-unknown-heading = We do not recognise this link
opt_out-unknown-body = Check that you copied the whole link from the email. If it still does not work, contact the partner or the programme team.
opt_out-open-heading = A partner asks to be recorded as your partner
opt_out-open-intro = { $partner } asks to be recorded as the partner of record for your organisation. This is what they claim:
opt_out-open-what_it_means = If you accept, the partner sees your organisation's monthly active users and paid units for these workloads. They get no access to your tenant or your data.
opt_out-open-nothing_to_do = You do not need to do anything to accept. Opt out only if you do not agree.
opt_out-closes = You can opt out until
opt_out-reason = Why do you opt out? (optional)
opt_out-reason_hint = The partner is told that you opted out, with this reason.
opt_out-button = Opt out
opt_out-done-heading = You have opted out
opt_out-done-body = { $partner } will not be recorded as your partner for these workloads. They have been told. You do not need to do anything else.
opt_out-closed-heading = This link no longer works
opt_out-closed-body = The period for opting out ended at { $at }, or the claim was closed. If you did not agree with it, contact the programme team.

mailbox-title = Development mailbox
mailbox-heading = Development mailbox
mailbox-hint = Emails the portal sent while the development mail transport is on. Nothing leaves this machine.
mailbox-empty = No emails yet.
mailbox-subject = Subject
mailbox-to = To
mailbox-from = From
mailbox-received = Received
mailbox-message_id = Message-ID
mailbox-message_title = Email
mailbox-back = Back to the mailbox

admin-deliveries_link = Email deliveries
deliveries-title = Email deliveries
deliveries-heading = Email deliveries
deliveries-hint = Emails not delivered yet. Failed attempts are retried automatically with growing pauses; after 10 attempts a delivery is marked failed and waits for you.
deliveries-back = Back to administration
deliveries-none = Every email has been delivered.
deliveries-kind = Email
deliveries-to = To
deliveries-state = State
deliveries-state-pending = Pending
deliveries-state-retrying = Retrying
deliveries-state-failed = Failed
deliveries-attempts = Attempts
deliveries-next_attempt = Next attempt
deliveries-error = Last error
deliveries-actions = Actions
deliveries-retry = Retry now

flash-validated = Claim validated. The customer will be emailed.
flash-information_requested = The partner has been asked for more information.
flash-rejected = Claim rejected. The partner will be emailed.
flash-dispute_decided = Dispute decided.
flash-message_sent = Message sent.
flash-resubmitted = Claim resubmitted for review.
flash-disputed = Rejection disputed. The programme team will review it.
flash-delivery_retried = The email will be sent again.
