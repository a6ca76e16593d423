"""Routes one request: (status, body), testable without a socket."""
import json
import re
import sys
from dataclasses import dataclass
from urllib.parse import unquote

from .store import StoreUnavailable

ACCOUNT = re.compile(r"^/accounts/([^/]+)$")


@dataclass
class Deps:
    store: object


def error(status: int, message: str):
    return status, {"error": message}


def route(deps: Deps, method: str, path: str, body, headers=None):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        try:
            deps.store.ping()
            return 200, {"status": "ok"}
        except Exception:
            return error(503, "database unreachable")
    account = ACCOUNT.match(path)
    if method == "GET" and account:
        account_id = unquote(account.group(1))
        return 200, {"id": account_id, "balance": deps.store.balance(account_id)}
    # enqueue milestone: POST /jobs (202 with the new job's id) and GET /jobs/{id}.
    # retries milestone: GET /dead-letters. idempotent milestone: the Idempotency-Key header of POST /jobs.
    return error(404, f"no route for {method} {path}")


def respond(deps: Deps, method: str, path: str, body, headers=None):
    """route() with its failures answered: 503 when the database does not answer, 500 for anything else."""
    try:
        return route(deps, method, path, body, headers or {})
    except Exception as exc:
        print(json.dumps({"level": "error", "msg": "request failed", "error": repr(exc)}), file=sys.stderr, flush=True)
        if isinstance(exc, StoreUnavailable):
            return error(503, "the database is unavailable, try again later")
        return error(500, "something went wrong on our side")
