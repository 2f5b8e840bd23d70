# 表示言語: すべてのページの言語の切り替え、アカウント ページ、招待の言語。

language-switch-label = 表示言語
language-switch-submit = 変更
language-browser = ブラウザーの言語を使用する

account-title = アカウント
account-name = 名前
account-email = メール アドレス
account-role = ロール
account-organisation = パートナー組織
account-no_organisation = なし (プログラム チーム)
account-language-legend = ページとメールの言語
account-language-hint = ポータルのページと、ポータルから送信されるメールはこの言語で表示されます。
account-language-error = 言語を選択してください
account-save = 保存
flash-account_saved = アカウントの設定を保存しました。

admin-users-language = 招待とアカウントの言語
admin-users-language_hint = 招待メールはこの言語で送信されます。ユーザーが別の言語を選択するまで、ポータルもこの言語で表示されます。
admin-changes-user-language_changed = 言語の変更
