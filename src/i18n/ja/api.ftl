## JSON API の問題の詳細 (/api/v1)。

api-problem-unauthorized = 有効な API トークンが必要です。「Authorization: Bearer <トークン>」として送信してください。トークンはアカウントの API トークン ページで作成できます。
api-problem-not_found = このアドレスには、お客様がアクセスできるものはありません。
api-problem-forbidden = お客様のアカウントではこの操作を使用できません。
api-problem-bad_request = このままではリクエストを処理できません。
api-problem-internal = ポータルはリクエストに応答できませんでした。
api-problem-reference = 再び発生した場合は、プログラム チームに次の参照番号をお伝えください: { $reference }
api-problem-read_only = このトークンは読み取り専用です。要求を変更するには、読み取りと書き込みのトークンを作成してください。
api-problem-rate_limited = このトークンからのリクエストが多すぎます。
api-problem-retry_after = { $seconds } 秒後にもう一度お試しください。トークンごとに 1 分あたりのリクエスト数には上限があります。
