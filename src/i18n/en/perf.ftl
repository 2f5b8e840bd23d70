# Performance wave 2: the reviewer's lists choose how many rows a page shows.

review-per_page-label = Rows per page
review-queue-shown = The { $n } longest-waiting claims are shown; choose more rows per page to see more.
