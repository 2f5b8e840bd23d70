# The wizard going on step by step after Create claim, the products the customer's tenant
# offers (and why one cannot be chosen), and the saved views of the Customer associations list.

wizard_flow-save_and_return = Save and return to the claim
wizard_flow-files_hint = PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or text (.txt) files, up to { $limit } MB each.
wizard_flow-drag_hint = You can also drag files onto this box.
wizard_flow-continue_uploads = Continue uploads the files you chose, then goes on to the next step.

wizard_flow-unavailable_heading = Products you cannot choose for this customer
wizard_flow-unavailable_hint = These products of the programme cannot be claimed for this customer, for the reason given.

draft-products-unavailable-csp = Bought through a cloud solution provider (CSP): claim it through co-op claims instead.
draft-products-unavailable-already_yours = Already yours: your organisation holds it for this customer, officially or in an open claim.
draft-products-unavailable-held_elsewhere = Another partner already has an official association for it with this customer.
draft-products-unavailable-no_subscription = This customer's tenant has no subscription for it.

wizard_flow-contact-customer = Customer contact
wizard_flow-contact-technical = Technical contact
wizard_flow-contact-company = Company contact
wizard_flow-contact_error = { $contact }: { $message }

associations-views-label = Saved views
associations-views-all = All claims
associations-views-needs_action = Needs your action
associations-views-waiting_customer = Waiting for the customer
associations-views-official = Official
associations-views-ending_soon = Ending within 60 days
associations-views-count = { $count ->
    [one] 1 claim
   *[other] { $count } claims
}
