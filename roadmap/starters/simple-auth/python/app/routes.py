"""Routes one request: (status, body, headers), testable without a socket."""
from dataclasses import dataclass

from .config import Config


@dataclass
class Deps:
    store: object
    config: Config


def error(status: int, message: str, headers=None):
    return status, {"error": message}, headers or {}


def route(deps: Deps, method: str, path: str, body, headers=None):
    """headers: the request's headers (Cookie and X-Forwarded-Proto are the ones the milestones need)."""
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        deps.store.ping()
        return 200, {"status": "ok"}, {}
    # Registration milestone: POST /register {"email", "password"}: check both, hash the password
    # (bcrypt is installed), store the user, answer 201 {"id", "email"}; 409 for a taken email.
    # Login milestone: POST /login sets the session cookie; GET /me and POST /logout read it.
    # Lockout milestone: count failed logins per email in POST /login (deps.config).
    return error(404, f"no route for {method} {path}")
