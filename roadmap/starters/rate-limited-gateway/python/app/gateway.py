"""Handles one request: (status, headers, body) out of (method, path, headers, body), testable without a socket."""
import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from .config import Config


@dataclass
class Deps:
    config: Config
    buckets: object


@dataclass
class Request:
    method: str
    target: str  # the path with its query string, as it came
    headers: list  # (name, value) pairs, as they came
    body: bytes


def reply(status: int, payload, headers=None):
    return status, [("Content-Type", "application/json"), *(headers or [])], json.dumps(payload).encode()


def handle(deps: Deps, req: Request):
    url = urlsplit(req.target)
    if req.method == "GET" and url.path == "/health":
        deps.buckets.ping()  # raises while Redis is down: the server answers 503
        return reply(200, {"status": "ok"})
    if url.path.startswith("/api/"):
        service, _, rest = url.path[len("/api/"):].partition("/")
        # Milestone 3 (auth): answer 401 here unless X-API-Key is one of config.api_keys or the
        #   Authorization: Bearer token is an HS256 JWT signed with config.jwt_secret that has not expired.
        # Milestone 4 (limits): take a token from the caller's bucket in Redis; 429 with Retry-After when empty.
        # Milestone 2 (routing): find service in config.upstreams (404 when it is not there) and forward
        #   the request to it as "/" + rest + the query, with its method, headers and body; send the
        #   upstream's status, headers and body back (502 when the upstream does not answer).
        return reply(404, {"error": f"no upstream for {url.path} yet: forwarding is the routing milestone"})
    return reply(404, {"error": f"no route for {req.method} {url.path}"})
