# 顧客のページとメール: テナントの関連付け一覧、関連付けの終了、顧客の関連付けの説明ページ、
# リマインダー、読み違えようのない期限。

format-end_of_day = { $day } { $time }

mail_kind-partner_ended_by_customer = パートナー: 顧客による関連付けの終了
mail_kind-customer_reminder = 顧客: オプトアウト期限前のリマインダー

mail-partner_ended_by_customer-subject = 顧客が関連付けを終了しました: { $claim }
mail-partner_ended_by_customer-intro = 顧客は、{ $domain } に関する正式な関連付け「{ $claim }」を終了しました。この関連付けは正式なものではなくなり、このワークロードは再び要求できるようになりました。

customer-about_link = 顧客の関連付けとは
customer-mail-about_link = 顧客の関連付けとは

customer-reminder-subject = リマインダー: { $partner } が { $programme } における貴社の担当パートナーとしての登録を求めています
customer-reminder-intro = { $programme } プログラムにおける貴社 ({ $domain }) の担当パートナー (Partner of Record) として登録されるよう { $partner } から要求があったことを先日お知らせいたしました。{ $at } まで、引き続きオプトアウトできます。

customer-opt_out-closed_body = オプトアウト期間は { $at } に終了したか、要求が終了しています。この要求に同意されていなかった場合は、プログラム チームにお問い合わせください。
customer-opt_out-ended_heading = オプトアウト期間は終了しました
customer-opt_out-more_heading = パートナーの関連付けについて
customer-opt_out-tenant_view_link = 貴社テナントのパートナー関連付けをすべて表示

customer-link-title-unknown = リンクを認識できません
customer-link-title-refused = このリンクは使用できなくなりました
customer-link-refused_heading = このリンクではパートナーの関連付けを表示できなくなりました
customer-link-refused_body = メールのリンクは一定期間のみ、また送信先の要求で貴方が顧客の連絡先である間のみ有効です。関連付けは表示されません。必要な場合は、パートナーまたはプログラム チームに新しいメールを依頼してください。

customer-tenant-title = 貴社テナントのパートナー関連付け
customer-tenant-heading = 貴社テナントのパートナー関連付け
customer-tenant-intro = 貴社 ({ $domain }) のパートナーとして登録されている、または登録を求めているすべてのパートナーです。
customer-tenant-tenant_id = テナント ID: { $tenant }
customer-tenant-lifetime = このリンクの有効期限は { $at } までです。
customer-tenant-empty = 貴社テナントにはパートナーの関連付けがありません。
customer-tenant-caption = 貴社テナントのパートナー関連付け
customer-tenant-since = 開始
customer-tenant-until = 終了
customer-tenant-status = 状態
customer-tenant-actions = 操作
customer-tenant-no_end = 終了日なし
customer-tenant-ended = 終了済み
customer-tenant-action-end = { $partner } との関連付けを終了
customer-tenant-action-opt_out = { $partner } の要求からオプトアウト
customer-tenant-back = メールに記載された要求に戻る
customer-tenant-done_heading = 完了しました
customer-tenant-done_body = { $partner } は、これらのワークロードについて貴社と関連付けられなくなりました。パートナーには通知済みです。

customer-end-title-end = このパートナーとの関連付けを終了
customer-end-title-opt_out = この要求からオプトアウト
customer-end-title-none = パートナーの関連付け
customer-end-explain-end = { $partner } は、これらのワークロードの担当パートナーではなくなり、使用状況データを閲覧できなくなります。パートナーには理由とともに通知されます。
customer-end-explain-opt_out = { $partner } は、これらのワークロードについて貴社の担当パートナーとして登録されません。パートナーには理由とともに通知されます。
customer-end-reason = 理由 (必須)
customer-end-reason_hint = パートナーに、この理由とともに通知されます。要求の履歴にも記録されます。
customer-end-reason_required = 関連付けを終了する理由を入力してください
customer-end-button-end = 関連付けを終了
customer-end-button-opt_out = オプトアウト
customer-end-nothing = この関連付けは終了しています。これ以上の操作は必要ありません。
customer-end-back = 貴社テナントのパートナー関連付けの一覧に戻る

customer-about-title = 顧客の関連付けとは
customer-about-heading = 顧客の関連付けとは
customer-about-intro = 顧客の関連付け (カスタマーアソシエーション) は、どのパートナーが Microsoft クラウドのワークロードについて貴社を支援したか (購入前のアドバイスや利用の支援など) を記録するものです。Microsoft はこれに基づいてパートナーに報奨を支払います。Partner of Record とも呼ばれます。
customer-about-gets_heading = パートナーが得るもの
customer-about-gets = 関連付けられたワークロードの、月ごとの使用状況とシート数のデータのみです:
customer-about-gets_users = 月間アクティブ ユーザー数
customer-about-gets_units = 有料ユニット数 (シート数)
customer-about-not_heading = パートナーが得ないもの
customer-about-not_access = 貴社のテナント、ユーザー、管理機能へのアクセス権は付与されません。
customer-about-not_data = 貴社のデータ、ドキュメント、メール、ファイルは一切共有されません。
customer-about-not_cost = お支払いの金額や Microsoft との契約は変わりません。
customer-about-decide_heading = オプトアウトまたは終了の方法
customer-about-window = パートナーが関連付けを求めると、貴社の連絡先にメールでお知らせします。そのメールのリンクから、5 営業日以内にオプトアウトできます。承諾される場合、お手続きは不要です。
customer-about-end_any_time = その後も、同じリンクから貴社テナントのパートナー関連付けをすべて確認でき、いつでも理由を添えていずれかを終了できます。パートナーには通知されます。
customer-about-link = リンクが使用できなくなった場合は、パートナーまたはプログラム チームに新しいメールを依頼してください。
customer-tenant-own_claim_only = このリンクは貴社の登録ドメイン以外のアドレスに送信されたため、送信対象の要求のみを表示します。貴社ドメインのアドレスに送信されたリンクでは、テナント上のすべてのパートナーとの関連付けが表示されます。
customer-tenant-unchanged = { $partner } との関連付けに関するご依頼は実行できませんでした。その間に状態が変わりました (オプトアウト期間の終了など)。現在の状態は以下の一覧でご確認ください。
