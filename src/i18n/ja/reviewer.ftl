# レビュー担当者のページ (issue 17): 競合する要求、製品名、キューの検索・並べ替え・
# レビュー目標、配信ページの「今すぐ送信」。

review-competing-heading = 競合する要求
review-competing-hint = この要求のキー (同じプログラム、顧客テナント、ワークロードまたはサブスクリプション) に対する、ほかの進行中の要求 (送信済み、要対応、顧客の確認待ち、異議申し立て中、正式) です。正式になれるのはこのうち 1 件だけです。
review-competing-none = この要求のキーに対する、ほかの進行中の要求はありません。
review-competing-caption = この要求のキーに対するほかの要求 ({ $n } 件)
review-competing-summary = この要求のキーに対する、ほかの進行中の要求が { $n } 件あります。下の「競合する要求」をご覧ください。
review-competing-key = 共通のキー
review-key-workload = { $programme }: { $product }
review-key-subscription = { $programme }: { $product } (サブスクリプション { $subscription })
review-registry-subscriptions_caption = レジストリにある顧客テナントのサブスクリプション
review-queue-competing = 競合あり
review-queue-overdue = 期限超過
review-queue-target = レビュー目標: { $n } 営業日。これより長く待っている要求には「期限超過」と表示されます。
review-filters-hint = 検索はキューとすべての要求の一覧の両方に適用されます。並べ替えはキューに、その他の絞り込みはすべての要求の一覧に適用されます。
review-search-label = 検索
review-search-hint = 要求名、パートナー名、顧客のドメインの一部、またはテナント ID
review-sort-label = キューの並び順
review-sort-oldest = 古い順
review-sort-newest = 新しい順
admin-registry-tenants_caption = レジストリのテナント (名前順)
deliveries-send_now = 今すぐ送信
flash-delivery_sent_now = 次回の配信処理でメールを送信します。
admin-changes-delivery-sent_now = メールを今すぐ送信
admin-changes-delivery-retried = 失敗したメールを再試行
flash-delivery_unchanged = このメールは変更されませんでした。ページの表示後に送信中になったか、送信済みです。現在の状態は一覧で確認できます。
