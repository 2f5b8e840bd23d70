# The customer's language (wizard step 5, the claim's details) and the Excel export.

customer_language-legend = Which language does the customer contact read?
customer_language-name-en = English
customer_language-name-ja = Japanese
draft-customer_language-unknown = Choose English or Japanese
claim-field-customer_language = Customer's language
associations-export_excel = Export for Excel (UTF-8 with BOM)
