## JSON API の書き込み操作とスタッフ操作 (/api/v1): 問題のタイトルと詳細。

api_writes-problem-malformed = リクエストの本文が、この操作で使用できる JSON ではありません。
api_writes-problem-malformed_at = { $line } 行目、{ $column } 列目で JSON を読み取れませんでした。
api_writes-problem-invalid = 修正が必要な項目があります。各エラーに項目と理由が示されています。
api_writes-problem-conflict = この申請では、現在この操作を行うことはできません。
api_writes-problem-locked = 申請のステータスにより、この部分は変更できません。
api_writes-problem-idempotency_key = Idempotency-Key ヘッダーは 1 ～ 255 文字の表示可能な文字である必要があります。
api_writes-problem-idempotency_key_reused = この Idempotency-Key は別のリクエストで既に使用されています。新しいリクエストには新しいキーを使用してください。
api_writes-problem-idempotency_key_running = この Idempotency-Key のリクエストはまだ処理中です。しばらくしてから再試行してください。
api_writes-problem-too_large = リクエストが、この操作で受け付けられるサイズを超えています。
