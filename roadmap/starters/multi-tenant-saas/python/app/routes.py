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
    """headers: the request's headers (Cookie is the one the milestones need)."""
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        deps.store.ping()
        return 200, {"status": "ok"}, {}
    # Single sign-on milestone: GET /login redirects to the provider (discovery, PKCE with S256,
    # state and nonce), GET /callback exchanges the code and verifies the ID token (PyJWT is
    # installed: PyJWKClient reads the provider's JWKS), then starts a session whose tenant is the
    # token's `tenant` claim; GET /me answers who is signed in.
    # Tenants milestone: /notes and /notes/{id} for the signed-in user's tenant only (store.py).
    # Quotas milestone: count each tenant's requests to /notes and its notes (deps.config).
    return error(404, f"no route for {method} {path}")
