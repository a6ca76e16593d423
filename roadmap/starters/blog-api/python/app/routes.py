"""Routes one request: (status, body), testable without a socket."""
import json
import re
import sys


class BadRequest(Exception):
    """A request the client got wrong: it answers 400 with this message."""


POST_PATH = re.compile(r"^/posts/([^/]+)$")


def text(body, field: str) -> str:
    """A non-empty string field of the body, or a BadRequest naming it."""
    value = body.get(field) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value:
        raise BadRequest(f"'{field}' must be a non-empty string")
    return value


def post_id(raw: str):
    """A post id from the path: digits only and within PostgreSQL's bigint, else no post can have it."""
    return int(raw) if re.fullmatch(r"\d{1,15}", raw) and int(raw) > 0 else None


def route(store, method: str, url: str, body):
    """A store error is not caught here: answer() turns it into 503."""
    path = url.split("?", 1)[0]
    if method == "GET" and path == "/health":
        store.ping()
        return 200, {"status": "ok"}
    if method == "POST" and path == "/posts":
        return 201, store.create(text(body, "title"), text(body, "body"))
    # Milestone "posts": GET /posts (newest first, limit and cursor) goes here.
    # Milestone "search": GET /posts?q=... too.
    match = POST_PATH.match(path)
    if match and method == "GET":
        pid = post_id(match.group(1))
        post = store.find(pid) if pid is not None else None
        return (200, post) if post else (404, {"error": f"no post with id {match.group(1)}"})
    # Milestone "posts": PATCH and DELETE /posts/{id}.
    # Milestone "comments": POST and GET /posts/{id}/comments, GET /comments/{id}.
    return 404, {"error": f"no route for {method} {path}"}


def answer(store, method: str, url: str, read):
    """400 for the client's mistakes; any other error comes from the database: 503, never a crash."""
    try:
        return route(store, method, url, read())
    except BadRequest as err:
        return 400, {"error": str(err)}
    except Exception as err:  # noqa: BLE001 - every other failure is the database's
        print(json.dumps({"level": "error", "msg": "database error", "error": repr(err)}), file=sys.stderr, flush=True)
        return 503, {"error": "the database is unavailable; try again later"}
