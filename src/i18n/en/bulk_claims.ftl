## Draft claims from a CSV file (/associations/import).

bulk_claims-title = Import draft claims from a file
bulk_claims-link = Import claims from a file
bulk_claims-intro = Create many draft claims at once from a CSV file: one row per claim. Every row is checked as the claim wizard checks it, and the drafts are created only if every row is right; if any row is wrong, none are created and each problem is listed with its line and column. Afterwards, add the proof of execution to each draft and submit it.
bulk_claims-template = Download the template (CSV)
bulk_claims-columns-heading = Columns
bulk_claims-columns-caption = The template's columns, in order
bulk_claims-columns-name = Column
bulk_claims-columns-meaning = What to enter
bulk_claims-upload-heading = Upload the file
bulk_claims-file = CSV file
bulk_claims-file_hint = UTF-8 text with the template's header row; at most 1,000 claims and { $limit } MB.
bulk_claims-file_required = Choose a CSV file to import
bulk_claims-import = Check and create drafts
bulk_claims-more_problems = { $n ->
        [one] One more problem is not listed.
       *[other] { $n } more problems are not listed.
    } Correct the ones above and import the file again.
bulk_claims-line_problem = Line { $line }: { $message }
bulk_claims-line_column_problem = Line { $line }, column { $column }: { $message }
bulk_claims-line_column_item_problem = Line { $line }, column { $column } ({ $item }): { $message }
bulk_claims-error-not_text = The file is not CSV text in UTF-8
bulk_claims-error-empty = The file has no claims: add a row under the header
bulk_claims-error-header = The first line must be the template's header: { $columns }
bulk_claims-error-too_many_rows = A file can hold at most { $max } claims: split it into several files
bulk_claims-error-column_count = A row must have { $columns } values, one for each column (leave a value empty if it does not apply)
bulk_claims-error-coop = This programme is claimed through co-op claims, not customer associations
bulk_claims-error-repeats_row = Line { $line } already claims this product for the same customer
bulk_claims-column-location_mpn_id = The MPN ID of your location that claims (enrolled in the programme)
bulk_claims-column-tenant_id = The customer's tenant ID (a GUID)
bulk_claims-column-domain_name = A domain of the customer's tenant, for example contoso.com
bulk_claims-column-solution_area = The solution area: microsoft_365 or business_applications
bulk_claims-column-activity = What you did for the customer: pre_sales, usage or revenue_association
bulk_claims-column-claim_name = A name for the claim, for you to find it by
bulk_claims-column-products = Product IDs separated by semicolons; add a subscription ID after a colon where the programme asks for one (teams;exchange-online, or d365-sales:<subscription ID>)
bulk_claims-column-customer_contact_name = The customer contact's name
bulk_claims-column-customer_contact_job_title = The customer contact's job title
bulk_claims-column-customer_contact_email = The customer contact's email address (the opt-out email goes there)
bulk_claims-column-customer_language = The language the customer contact reads: en or ja
bulk_claims-column-technical_contact_name = The technical contact's name (Dynamics 365 products only; otherwise empty)
bulk_claims-column-technical_contact_job_title = The technical contact's job title (Dynamics 365 products only)
bulk_claims-column-technical_contact_email = The technical contact's email address (Dynamics 365 products only)
bulk_claims-column-company_contact_name = Your company's contact's name
bulk_claims-column-company_contact_email = Your company's contact's email address
bulk_claims-column-seller_name = The seller's name (revenue association only; otherwise empty)
bulk_claims-column-customer_name = The customer's organisation name (revenue association only)
bulk_claims-column-solution_name = The solution's name (revenue association only)
bulk_claims-column-comments = Comments for the reviewers (optional)
flash-drafts_imported = The drafts were created. Open each one to add its proof of execution, then submit it.
flash-drafts_already_imported = This file was already imported from that form: its drafts are listed below, and none were made twice.
