# 顧客の言語 (ウィザードの手順 5、要求の詳細) と Excel 用のエクスポート。

customer_language-legend = 顧客の連絡先に使用する言語
customer_language-name-en = English
customer_language-name-ja = 日本語
draft-customer_language-unknown = English または日本語を選択してください
claim-field-customer_language = 顧客の言語
associations-export_excel = Excel 用にエクスポート (BOM 付き UTF-8)
