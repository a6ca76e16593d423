"""Routes one request to (status, body), testable without a socket."""


def route(store, method: str, path: str, body):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        try:
            store.ping()
            return 200, {"status": "ok"}
        except Exception:
            return 503, {"error": "the database is unreachable"}
    # Items milestone: POST /items, GET /items, PATCH /items/{id} and DELETE /items/{id} go here.
    # Validation milestone: check the title and done of `body` before they reach the store.
    return 404, {"error": f"no route for {method} {path}"}
