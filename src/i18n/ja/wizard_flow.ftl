# 要求の作成後に続くウィザードの手順、顧客のテナントで選択できる製品 (選択できない理由)、
# 顧客の関連付けの一覧の保存済みビュー。

wizard_flow-save_and_return = 保存して要求に戻る
wizard_flow-files_hint = PDF、PNG、JPEG、Word (.docx)、Excel (.xlsx)、テキスト (.txt) のファイルを、1 ファイルあたり { $limit } MB までアップロードできます。
wizard_flow-drag_hint = このボックスにファイルをドラッグすることもできます。
wizard_flow-continue_uploads = [続行] を選択すると、選択したファイルをアップロードしてから次の手順に進みます。

wizard_flow-unavailable_heading = この顧客について選択できない製品
wizard_flow-unavailable_hint = プログラムの次の製品は、記載の理由により、この顧客については要求できません。

draft-products-unavailable-csp = クラウド ソリューション プロバイダー (CSP) 経由で購入されています。Co-op 要求を使用してください。
draft-products-unavailable-already_yours = 貴社が既に保有しています。この顧客について、正式な関連付けまたは処理中の要求があります。
draft-products-unavailable-held_elsewhere = この顧客について、別のパートナーが既に正式な関連付けを持っています。
draft-products-unavailable-no_subscription = この顧客のテナントには、この製品のサブスクリプションがありません。

wizard_flow-contact-customer = 顧客の連絡先
wizard_flow-contact-technical = 技術担当者
wizard_flow-contact-company = 自社の連絡先
wizard_flow-contact_error = { $contact }: { $message }

associations-views-label = 保存済みビュー
associations-views-all = すべての要求
associations-views-needs_action = 対応が必要
associations-views-waiting_customer = 顧客の応答待ち
associations-views-official = 正式
associations-views-ending_soon = 60 日以内に終了
associations-views-count = { $count } 件
