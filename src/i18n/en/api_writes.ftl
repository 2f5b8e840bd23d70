## The JSON API's write operations and staff operations (/api/v1): problem titles and details.

api_writes-problem-malformed = The request's body is not the JSON this operation takes.
api_writes-problem-malformed_at = The JSON could not be read at line { $line }, column { $column }.
api_writes-problem-invalid = Some fields need correcting: each error says which and why.
api_writes-problem-conflict = The claim does not allow this now.
api_writes-problem-locked = The claim's status does not allow this part of it to change.
api_writes-problem-idempotency_key = The Idempotency-Key header must be 1 to 255 visible characters.
api_writes-problem-idempotency_key_reused = This Idempotency-Key was already used for a different request. Use a new key for a new request.
api_writes-problem-idempotency_key_running = A request with this Idempotency-Key is still being processed. Try again in a moment.
api_writes-problem-too_large = The request is larger than this operation accepts.
