# The reviewer's pages (issue 17): competing claims, product names, the queue's search,
# order and review target, and the deliveries page's Send now.

review-competing-heading = Competing claims
review-competing-hint = Other open claims (submitted, action required, waiting for the customer, disputed or official) on one of this claim's keys: the same programme, customer tenant and workload or subscription. Only one of them can become official.
review-competing-none = No other open claim is on this claim's keys.
review-competing-caption = { $n } { $n ->
    [one] other claim
   *[other] other claims
} on this claim's keys
review-competing-summary = { $n } other open { $n ->
    [one] claim is
   *[other] claims are
} on this claim's keys: see Competing claims below.
review-competing-key = Shared key
review-key-workload = { $programme }: { $product }
review-key-subscription = { $programme }: { $product }, subscription { $subscription }
review-registry-subscriptions_caption = The customer tenant's subscriptions in the registry
review-queue-competing = Competing claim
review-queue-overdue = Overdue
review-queue-target = Review target: { $n } { $n ->
    [one] business day
   *[other] business days
}; a claim waiting longer is marked overdue.
review-filters-hint = The search narrows both the queue and the list of all claims; the order applies to the queue, the other filters to the list of all claims.
review-search-label = Search
review-search-hint = Part of the claim's name, the partner's name or the customer domain, or the tenant ID
review-sort-label = Queue order
review-sort-oldest = Oldest first
review-sort-newest = Newest first
admin-registry-tenants_caption = Tenants in the registry, by name
deliveries-send_now = Send now
flash-delivery_sent_now = The email will be sent with the next delivery run.
admin-changes-delivery-sent_now = Email sent now
admin-changes-delivery-retried = Failed email retried
flash-delivery_unchanged = That email was not changed: it is being sent or was sent since the page was shown. The list shows where it stands now.
