# Emails. {placeholders} are filled in by src/mail and src/service/notify.rs.
mail-greeting = Hello { $name },
mail-signature = The customer associations programme team
mail-closing_time = { $instant } ({ $zone })
mail-product_with_subscription = { $product } (subscription { $subscription })

mail-fact-partner = Partner
mail-fact-programme = Programme
mail-fact-domain = Your domain
mail-fact-tenant = Directory (tenant) ID
mail-fact-products = Products and workloads
mail-fact-opt_out_until = You can opt out until
mail-fact-reviewer_comment = What the programme team needs
mail-fact-reason = Reason
mail-fact-explanation = Explanation
mail-fact-customer_reason = The customer's reason

mail-customer-subject = { $partner } asks to be recorded as your partner for { $programme }
mail-customer-intro = { $partner } has asked to be recorded as the partner of record for your organisation ({ $domain }) under the { $programme } programme. We checked the claim and are letting you know before it takes effect.
mail-customer-benefit = If you accept, { $partner } will see your organisation's usage data for these products: monthly active users and paid units, by month. It gives them no access to your tenant, your data or your users.
mail-customer-nothing_to_do = You do not need to do anything to accept.
mail-customer-deadline = If you do not agree, you can opt out until { $at }. After that the association becomes official.
mail-customer-opt_out_link = Review the claim or opt out

mail-partner-open_claim = Open the claim in the portal

mail-partner_action_required-subject = Action required: { $claim }
mail-partner_action_required-intro = The programme team needs more information about your claim "{ $claim }" for { $domain }.
mail-partner_action_required-due = Change what is asked and resubmit the claim by { $at }, or it will be rejected.

mail-partner_rejected-subject = Claim rejected: { $claim }
mail-partner_rejected-intro = Your claim "{ $claim }" for { $domain } was rejected.
mail-partner_rejected-dispute = You can dispute this rejection once, until { $at }.
mail-partner_rejected-final = This decision is final.

mail-partner_official-subject = Association official: { $claim }
mail-partner_official-intro = The customer's opt-out period has ended and your claim "{ $claim }" for { $domain } is now an official association. You can now see the customer's usage data for it in the portal.

mail-partner_opted_out-subject = Customer opted out: { $claim }
mail-partner_opted_out-intro = The customer opted out of your claim "{ $claim }" for { $domain }. The claim is closed.

mail-partner_message-subject = New message about your claim: { $claim }
mail-partner_message-intro = The programme team wrote about your claim "{ $claim }" for { $domain }.
mail-fact-message = Message

mail_kind-partner_message = Partner: message from the programme team
mail_kind-customer_validated = Customer: claim to confirm
mail_kind-partner_action_required = Partner: action required
mail_kind-partner_rejected = Partner: claim rejected
mail_kind-partner_official = Partner: association official
mail_kind-partner_opted_out = Partner: customer opted out

mail-user_invitation-subject = You are invited to the customer associations portal
mail-user_invitation-intro = An administrator has given you an account on the customer associations portal. Choose your password to start.
mail-user_invitation-link = Choose your password
mail-password_reset-subject = Choose a new password for the customer associations portal
mail-password_reset-intro = An administrator has sent you a link to choose a new password.
mail-password_reset-link = Choose a new password
mail-account_link-expires = The link works once, until { $at }.
mail-account_link-not_you = If you did not expect this email, you can ignore it.
mail_kind-user_invitation = User: invitation
mail_kind-password_reset = User: new password link
