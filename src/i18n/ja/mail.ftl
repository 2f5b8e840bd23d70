# メール。{placeholders} には src/mail と src/service/notify.rs が値を入れます。
mail-greeting = { $name } 様
mail-signature = 顧客の関連付けプログラム チーム
mail-closing_time = { $instant } ({ $zone })
mail-product_with_subscription = { $product }（サブスクリプション { $subscription }）

mail-fact-partner = パートナー
mail-fact-programme = プログラム
mail-fact-domain = 貴社のドメイン
mail-fact-tenant = ディレクトリ (テナント) ID
mail-fact-products = 製品とワークロード
mail-fact-opt_out_until = オプトアウト期限
mail-fact-reviewer_comment = プログラム チームからの依頼内容
mail-fact-reason = 理由
mail-fact-explanation = 説明
mail-fact-customer_reason = 顧客からの理由

mail-customer-subject = { $partner } が { $programme } における貴社の担当パートナーとしての登録を求めています
mail-customer-intro = { $partner } から、{ $programme } プログラムにおける貴社 ({ $domain }) の担当パートナー (Partner of Record) として登録されるよう要求がありました。この要求は確認済みです。有効になる前にお知らせいたします。
mail-customer-benefit = 承諾された場合、{ $partner } は、これらの製品に関する貴社の使用状況データ（月ごとの月間アクティブ ユーザー数と有料ユニット数）を閲覧できるようになります。貴社のテナント、データ、ユーザーへのアクセス権が付与されることはありません。
mail-customer-nothing_to_do = 承諾される場合、お手続きは不要です。
mail-customer-deadline = 同意されない場合は、{ $at } までオプトアウトできます。期限を過ぎると、関連付けは正式なものとなります。
mail-customer-opt_out_link = 要求の確認またはオプトアウト

mail-partner-open_claim = ポータルで要求を開く

mail-partner_action_required-subject = 対応が必要です: { $claim }
mail-partner_action_required-intro = プログラム チームは、{ $domain } に関する要求「{ $claim }」について、追加情報を必要としています。
mail-partner_action_required-due = { $at } までに、依頼された内容を変更して要求を再送信してください。再送信されない場合、要求は却下されます。

mail-partner_rejected-subject = 要求が却下されました: { $claim }
mail-partner_rejected-intro = { $domain } に関する要求「{ $claim }」は却下されました。
mail-partner_rejected-dispute = この却下に対しては、{ $at } まで 1 回だけ異議を申し立てることができます。
mail-partner_rejected-final = この決定は最終的なものです。

mail-partner_official-subject = 関連付けが正式に成立しました: { $claim }
mail-partner_official-intro = 顧客のオプトアウト期間が終了し、{ $domain } に関する要求「{ $claim }」は正式な関連付けとなりました。ポータルで、この関連付けに関する顧客の使用状況データを確認できるようになりました。

mail-partner_opted_out-subject = 顧客がオプトアウトしました: { $claim }
mail-partner_opted_out-intro = 顧客は、{ $domain } に関する要求「{ $claim }」からオプトアウトしました。この要求は終了しました。

mail-partner_message-subject = 要求に関する新しいメッセージ: { $claim }
mail-partner_message-intro = プログラム チームから、{ $domain } に関する要求「{ $claim }」についてメッセージが届きました。
mail-fact-message = メッセージ

mail_kind-partner_message = パートナー: プログラム チームからのメッセージ
mail_kind-customer_validated = 顧客: 要求の確認
mail_kind-partner_action_required = パートナー: 要対応
mail_kind-partner_rejected = パートナー: 要求の却下
mail_kind-partner_official = パートナー: 関連付けの正式な成立
mail_kind-partner_opted_out = パートナー: 顧客のオプトアウト

mail-user_invitation-subject = 顧客の関連付けポータルへの招待
mail-user_invitation-intro = 管理者が、顧客の関連付けポータルのアカウントを作成しました。パスワードを設定して、利用を開始してください。
mail-user_invitation-link = パスワードの設定
mail-password_reset-subject = 顧客の関連付けポータルの新しいパスワードを設定してください
mail-password_reset-intro = 管理者から、新しいパスワードを設定するためのリンクが送信されました。
mail-password_reset-link = 新しいパスワードの設定
mail-account_link-expires = このリンクは { $at } まで、1 回だけ使用できます。
mail-account_link-not_you = このメールに心当たりがない場合は、破棄してください。
mail_kind-user_invitation = ユーザー: 招待
mail_kind-password_reset = ユーザー: 新しいパスワードのリンク
