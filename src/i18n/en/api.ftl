## The JSON API's problem details (/api/v1).

api-problem-unauthorized = A valid API token is required: send it as "Authorization: Bearer <token>". Tokens are made on your account's API tokens page.
api-problem-not_found = There is nothing at this address for you.
api-problem-forbidden = Your account may not use this operation.
api-problem-bad_request = The request cannot be used as it is.
api-problem-internal = The portal could not answer the request.
api-problem-reference = If it happens again, give the programme team this reference: { $reference }.
api-problem-read_only = This token is read only: make a read-and-write token to change claims.
api-problem-rate_limited = This token has made too many requests.
api-problem-retry_after = Ask again in { $seconds ->
        [one] one second
       *[other] { $seconds } seconds
    }; each token may make a limited number of requests per minute.
