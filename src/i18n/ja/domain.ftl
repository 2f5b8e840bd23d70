# domain モジュールが生成するすべてのキーの日本語テキスト。`key = text` 形式。{name} には
# Web 層が値を入れます。フィールドのメッセージは、何をすればよいかを伝える書き方にします。

# ---- フォームに入力する値 ------------------------------------------------------------------
value-mpn_id-required = MPN ID を入力してください
value-mpn_id-not_digits = MPN ID は数字のみで入力してください（例: 1234567）
value-mpn_id-wrong_length = MPN ID は 6 ～ 10 桁で入力してください
value-tenant_id-required = ディレクトリ (テナント) ID を入力してください
value-tenant_id-invalid = ディレクトリ (テナント) ID を正しい形式で入力してください（例: 72f988bf-86f1-41af-91ab-2d7cd011db47）
value-subscription_id-required = サブスクリプション ID を入力してください
value-subscription_id-invalid = サブスクリプション ID を正しい形式で入力してください（例: 0b1f6471-1bf0-4dda-aec3-111122223333）
value-domain_name-required = 顧客のドメイン名を入力してください
value-domain_name-too_long = ドメイン名は { $max } 文字以内で入力してください
value-domain_name-has_scheme = ドメイン名は http:// や https:// を付けずに入力してください（例: contoso.com）
value-domain_name-has_path = ドメイン名のみを入力し、スラッシュとそれ以降の部分は含めないでください（例: contoso.com）
value-domain_name-has_port = ドメイン名はコロンやポート番号を付けずに入力してください（例: contoso.com）
value-domain_name-has_at = メール アドレスではなく、ドメイン名を入力してください（例: contoso.com）
value-domain_name-has_spaces = ドメイン名にはスペースを含めないでください
value-domain_name-invalid_characters = ドメイン名には英字、数字、ハイフン、ドットのみを使用してください（例: contoso.com）
value-domain_name-empty_label = ドメイン名の先頭や末尾にドットを付けたり、ドットを 2 つ続けたりしないでください
value-domain_name-single_label = ドットを含む完全なドメイン名を入力してください（例: contoso.com）
value-domain_name-label_too_long = ドメイン名のドットで区切られた各部分は { $max } 文字以内で入力してください
value-domain_name-label_hyphen = ドメイン名の各部分の先頭や末尾にハイフンを使用しないでください
value-domain_name-numeric_top_level = IP アドレスではなく、ドメイン名を入力してください（例: contoso.com）
value-email-required = メール アドレスを入力してください
value-email-too_long = メール アドレスは { $max } 文字以内で入力してください
value-email-missing_at = メール アドレスを正しい形式で入力してください（例: name@example.com）
value-email-multiple_at = メール アドレスに含める @ は 1 つだけにしてください
value-email-local_part_invalid = メール アドレスを正しい形式で入力してください（例: name@example.com）
value-email-local_part_too_long = メール アドレスの @ より前の部分は { $max } 文字以内で入力してください
value-email-domain_invalid = メール アドレスの @ より後の部分は、ドメイン名の形式で入力してください（例: name@example.com）
value-claim_name-required = 要求名を入力してください
value-claim_name-too_short = 要求名は { $min } 文字以上で入力してください
value-claim_name-too_long = 要求名は { $max } 文字以内で入力してください
value-person_name-required = 氏名を入力してください
value-person_name-too_long = 氏名は { $max } 文字以内で入力してください
value-job_title-required = 役職を入力してください
value-job_title-too_long = 役職は { $max } 文字以内で入力してください
value-organisation_name-required = 名前を入力してください
value-organisation_name-too_long = 名前は { $max } 文字以内で入力してください
value-solution_name-required = ISV 製品/ソリューションの名前を入力してください
value-solution_name-too_long = 製品/ソリューションの名前は { $max } 文字以内で入力してください
value-comment-required = コメントを入力してください
value-comment-too_long = コメントは { $max } 文字以内で入力してください
value-comment-control_characters = コメントには、改行とタブ以外の特殊文字を含めないでください
value-text-too_short = { $min } 文字以上で入力してください
value-text-control_characters = 改行などの特殊文字を削除してください
search-too_long = 検索語は { $max } 文字以内で入力してください

# ---- プログラムとアクティビティのページ ----------------------------------------------------
solution_area-microsoft_365 = Microsoft 365
solution_area-business_applications = Business Applications
activity-pre_sales = 販売前
activity-usage = 使用状況
activity-revenue_association = 収益の関連付け
activity-guidance-pre_sales = 顧客が Business Applications を購入する前に助言を行った場合は、販売前 (OSA: Online Services Advisory) を選択してください。
activity-guidance-usage = 顧客が既に保有しているワークロードの使用を促進している場合は、使用状況 (OSU: Online Services Usage) を選択してください。
activity-guidance-revenue_association = 貴社のソリューションが顧客の Business Applications の収益に貢献していることを記録する場合は、収益の関連付けを選択してください。インセンティブの対象にはなりません。
programme-osa = Online Services Advisory (OSA)
programme-osu_m365 = Online Services Usage (Microsoft 365)
programme-osu_bizapps = Online Services Usage (Business Applications)
programme-revenue_association = 収益の関連付け
claim_type-customer_association = 顧客の関連付け（OSA、OSU、または収益の関連付け）
other_programme-csp = クラウド ソリューション プロバイダー (CSP)
other_programme-managed_reseller = マネージド リセラー
other_programme-hosting = ホスティング
other_programme-surface = Surface
programme-claim_type-required = 要求の種類を選択してください
programme-solution_area-required = ソリューションの区分を選択してください
programme-activity-required = アクティビティを選択してください
programme-microsoft_365_usage_only = Microsoft 365 の要求の対象は使用状況のみです。使用状況を選択するか、ソリューションの区分として Business Applications を選択してください

# ---- ウィザード ------------------------------------------------------------------------------
draft-location-required = パートナーの場所の MPN ID を選択してください
draft-location-unknown = 一覧から MPN ID を選択してください
draft-tenant-not_found = このディレクトリ (テナント) ID が見つかりません。確認して、もう一度お試しください
draft-domain-not_in_tenant = このドメイン名は、指定したディレクトリ (テナント) ID のテナントに属していません。両方を確認して、もう一度お試しください
draft-programme-location_not_enrolled = 選択したパートナーの場所は、このプログラムに登録されていません。別のアクティビティを選択するか、前のステップに戻って別の場所を選択してください
draft-products-required = 製品を 1 つ以上選択してください
draft-products-unknown = 一覧から製品を選択してください
draft-products-refused-csp = この製品は選択できません。クラウド ソリューション プロバイダー (CSP) 経由で購入されています
draft-products-refused-already_yours = この製品は選択できません。貴社がこの顧客について既に保有しています
draft-products-refused-held_elsewhere = この製品は選択できません。別のパートナーが既に正式な関連付けを持っています
draft-products-refused-no_subscription = この製品は選択できません。顧客のテナントにこの製品のサブスクリプションがありません
draft-subscription-required = この製品の要求の対象となるサブスクリプションを選択してください
draft-subscription-not_found = 一覧からサブスクリプションを選択してください
draft-subscription-csp = クラウド ソリューション プロバイダー (CSP) 経由で購入したサブスクリプションは、ここでは要求できません。代わりに Co-op 要求を使用してください
draft-subscription-ended = このサブスクリプションは終了しています。有効なサブスクリプションを選択してください
draft-subscription-none = この顧客には、この製品について要求できる有効なサブスクリプションがありません
draft-subscription-only_csp = この顧客がこの製品について保有しているのは、クラウド ソリューション プロバイダー (CSP) 経由で購入したサブスクリプションのみです。代わりに Co-op 要求を使用してください
missing-location_and_customer = パートナーの場所、ドメイン名、ディレクトリ ID
missing-programme = ソリューションの区分とアクティビティ
missing-claim_name = 要求名
missing-products = 製品
missing-customer_contact = 顧客の連絡先
missing-technical_contact = 顧客の技術担当者
missing-company_contact = 会社の連絡先
missing-revenue_association_details = Dynamics ソリューション販売者名、顧客名、ISV ソリューションの名前
missing-proof_of_execution = 実行の証拠 (PoE)
channel-volume_licensing = ボリューム ライセンス
channel-web_direct = Web 直販
channel-csp = クラウド ソリューション プロバイダー (CSP)

# ---- 要求の状態、操作、履歴 ------------------------------------------------------------------
status-draft = 下書き
status-submitted = 送信済み
status-action_required = 要対応
status-rejected = 却下
status-disputed = 異議申し立て中
status-pending_customer = 顧客の確認待ち
status-opted_out = オプトアウト済み
status-official = 正式
status-expired = 期限切れ
status-withdrawn = 取り下げ済み
action-submit = 請求の送信
action-ask_for_information = 追加情報の依頼
action-resubmit = 要求の再送信
action-validate = 検証
action-reject = 却下
action-dispute = 却下への異議申し立て
action-decide_dispute = 異議申し立ての判定
action-opt_out = オプトアウト
action-close_window = オプトアウト期間の終了
action-expire = 期限切れ
action-withdraw = 要求の取り下げ
action-time_out_action_required = 未回答による却下
action-end_by_customer = 関連付けを終了
actor-partner = パートナー
actor-reviewer = レビュー担当者
actor-administrator = 管理者
actor-customer_link = 顧客
actor-system = 顧客の関連付けポータル
rejection_reason-insufficient_proof_of_execution = 実行の証拠 (PoE) が不十分
rejection_reason-customer_declined = 顧客による辞退
rejection_reason-partner_request = パートナーの依頼による
rejection_reason-workload_already_associated = ワークロードが別のパートナーに関連付け済み
rejection_reason-no_partner_response = 5 営業日以内にパートナーからの回答なし
rejection_reason-other = その他
reason-information_requested = 追加情報の依頼
reason-dispute_raised = 却下への異議申し立て
reason-dispute_accepted = 異議申し立ての承認
reason-dispute_declined = 異議申し立ての却下
reason-customer_opted_out = 顧客によるオプトアウト
reason-customer_ended = 顧客による終了
transition-not_allowed_for_actor = この操作を行う権限がありません
transition-not_your_claim = この要求を変更する権限がありません
transition-final_status = この要求は変更できなくなりました
transition-wrong_status = この要求の状態が変わったため、この操作は実行できなくなりました。ページを更新して、現在の状態を確認してください
transition-missing_proof_of_execution = 要求を送信する前に、実行の証拠 (PoE) のファイルを 1 つ以上アップロードしてください
transition-incomplete = 要求を送信する前に、未完了の { $count } 項目を完了してください
transition-dispute_already_used = この却下には既に異議が申し立てられています。異議申し立ては 1 つの要求につき 1 回のみです
transition-dispute_window_closed = 却下への異議申し立ては 30 日以内に限り行えます
transition-window_closed = この関連付けのオプトアウト期間は終了しました
transition-window_still_open = オプトアウト期間がまだ終了していないため、顧客は引き続きオプトアウトできます
transition-not_due_yet = まだ期限に達していません
transition-answer_overdue = 回答期限が過ぎたため、この要求は再送信できなくなりました
transition-reason_not_choosable = 別の理由を選択してください。この理由は、パートナーが期限内に回答しなかった場合にポータルが自動的に設定するものです
transition-reason_text_required = 要求を却下する理由の説明を入力してください

# ---- 営業日カレンダー ----------------------------------------------------------------------
calendar-no_working_weekdays = 少なくとも 1 つの曜日を営業日にする必要があります
calendar-search_limit_reached = 今後 { $days } 日間に営業日が見つかりませんでした。休日カレンダーを確認してください
calendar-out_of_range = 日付が範囲外です

# ---- 排他性 ----------------------------------------------------------------------------------
exclusivity-no_products = 製品を 1 つ以上選択してください
exclusivity-subscription_missing = すべての製品についてサブスクリプションを選択してください
exclusivity-conflict = このワークロードは既に別のパートナーに関連付けられています
exclusivity-conflict_own = 貴社は、このワークロードについて既に正式な関連付けを持っています

# ---- ロール (common カタログと同じキーとテキスト) -----------------------------------------
role-partner = インセンティブ管理者
role-reviewer = レビュー担当者
role-administrator = 管理者

evidence_kind-pdf = PDF
evidence_kind-png = PNG 画像
evidence_kind-jpeg = JPEG 画像
evidence_kind-docx = Word 文書
evidence_kind-xlsx = Excel ブック
evidence_kind-text = テキスト ファイル
evidence-unsupported_type = PDF、PNG、JPEG、Word (.docx)、Excel (.xlsx)、テキスト (.txt) のいずれかのファイルを選択してください
evidence-empty = 選択したファイルは空です
evidence-too_large = { $limit } MB 未満のファイルを選択してください
evidence-no_file = ファイルを選択してください
evidence-too_many_files = 一度にアップロードできるファイルは { $max } 個までです

# 休日カレンダー (管理)
holidays-date_required = 日付を入力してください
holidays-date_invalid = 日付は YYYY-MM-DD の形式で入力してください（例: 2026-12-25）
holidays-name_required = 休日の名前を入力してください
holidays-name_too_long = 名前は { $max } 文字以内で入力してください
holidays-duplicate = この日付が複数回記載されています
holidays-too_many_lines = 一覧は { $max } 行以内にしてください
holidays-nothing_to_import = 一覧に休日がありません
holidays-no_working_days = 少なくとも 1 つの曜日を営業日にする必要があります
holidays-unknown_day = 一覧から曜日を選択してください
weekday-mon = 月曜日
weekday-tue = 火曜日
weekday-wed = 水曜日
weekday-thu = 木曜日
weekday-fri = 金曜日
weekday-sat = 土曜日
weekday-sun = 日曜日

# アカウント
password-too_short = パスワードは { $min } 文字以上にしてください
password-too_long = パスワードは { $max } 文字以内にしてください

# 製品カタログ (管理)
product-id_required = 製品の ID を入力してください
product-id_invalid = 英小文字、数字、単独のハイフンのみを使用し、{ $max } 文字以内で入力してください（例: d365-sales）
product-id_taken = この ID は別の製品で使用されています
product-name_required = 製品の名前を入力してください
product-name_too_long = 名前は 1 行で、{ $max } 文字以内で入力してください
product-area_required = ソリューションの区分を選択してください
product-dynamics_area = Dynamics 365 製品に指定できるのは、Business Applications の製品のみです
product-status_required = 製品を提供中にするか、提供終了にするかを選択してください

# パートナー組織 (管理)
partner-country_invalid = 国は英字 2 文字のコードで入力してください（例: DE、US）
partner-mpn_taken = この MPN ID は別の場所で使用されています
partner-unknown_programme = 一覧からプログラムを選択してください
tenant-product_required = 製品を選択してください
tenant-product_unknown = カタログから製品を選択してください
tenant-channel_required = サブスクリプションの購入方法を選択してください
tenant-date_invalid = 日付は YYYY-MM-DD の形式で入力してください（例: 2026-07-01）
tenant-month_invalid = 月は YYYY-MM の形式で入力してください（例: 2026-10）
tenant-ends_before_start = 終了日には開始日以降の日付を指定してください
tenant-count_invalid = 0 ～ { $max } の整数を入力してください
tenant-tenant_taken = このディレクトリ ID のテナントは既にレジストリに登録されています
tenant-subscription_taken = この ID のサブスクリプションは既にレジストリに登録されています
tenant-domain_taken = このドメインは別のテナントに属しています
account-role_required = ユーザーのロールを選択してください
account-organisation_required = ユーザーが所属するパートナー組織を選択してください
account-last_administrator = このユーザーは最後の有効な管理者です。先に別のユーザーを管理者にしてください
account-email_taken = このメール アドレスのユーザーは既に存在します
account-passwords_differ = 2 つのパスワードが一致しません

# テナント レジストリの CSV インポート (管理)
import-wrong_header = 1 行目には、この種類のファイル用に定められたヘッダーを記載してください
import-field_count = この行には { $expected } 個のフィールドが必要です
import-field_too_long = { $column } フィールドが { $max } 文字を超えています
import-value = { $column } フィールドの値が無効です
import-required = { $column } フィールドが空です
import-date_invalid = { $column } フィールドが所定の形式の日付ではありません
import-number_invalid = { $column } フィールドには 0 以上の整数を指定してください
import-channel_unknown = チャネルには volume_licensing、web_direct、csp のいずれかを指定してください
import-ends_before_start = 終了日 (ends_on) が開始日 (starts_on) より前です
import-tenant_unknown = このテナントはレジストリに登録されていません
import-product_unknown = この製品はカタログに登録されていません
import-duplicate = この行は前の行と重複しています
import-domain_taken = このドメインは別のテナントに属しています
import-not_text = UTF-8 のテキスト (CSV) ファイルではありません
import-empty = ファイルが空です
import_kind-tenants = テナント
import_kind-domains = 確認済みドメイン
import_kind-subscriptions = サブスクリプション
import_kind-usage = 月間使用状況
