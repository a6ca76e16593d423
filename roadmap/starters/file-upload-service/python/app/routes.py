"""Routes one request: (status, body). Uploads are streams, so a route gets the request's headers and
body stream (`body.read(n)`, see server.py) instead of a parsed body."""


def route(store, config, method: str, path: str, headers, body):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        try:
            store.ping()
            return 200, {"status": "ok"}
        except Exception as err:  # any failure of the store: it is down or the bucket is missing
            return 503, {"error": f"the object store is unreachable: {err}"}
    # Upload milestone: POST /files reads the multipart/form-data body (python-multipart is installed),
    # streams the "file" field to the store under an id you make, and answers 201 with {"id", "size"};
    # files over config.max_upload_bytes answer 413. Content checks milestone: look at the first bytes (415).
    # Signed links milestone: GET /files/{id} answers 200 with {"url"}, a link signed for
    # config.signed_url_seconds seconds, or 404.
    return 404, {"error": f"no route for {method} {path}"}
