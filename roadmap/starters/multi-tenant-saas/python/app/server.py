import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import Deps, route
from .store import DatabaseError

MAX_BODY = 16 * 1024


def failure(exc: Exception):
    """The answer to an error raised while routing: 503 when PostgreSQL failed, else 500."""
    if isinstance(exc, DatabaseError):
        return 503, {"error": "the database is unavailable; try again shortly"}, {"Retry-After": "5"}
    print(json.dumps({"level": "error", "msg": "request failed", "error": repr(exc)}), file=sys.stderr, flush=True)
    return 500, {"error": "something went wrong on our side"}, {}


def make_server(port: int, deps: Deps) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                if length > MAX_BODY:
                    raise ValueError("body too large")
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
            except ValueError:
                status, payload, headers = 400, {"error": "the body must be JSON of at most 16 KiB"}, {}
            else:
                try:
                    status, payload, headers = route(deps, self.command, self.path, body, self.headers)
                except Exception as exc:
                    status, payload, headers = failure(exc)
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("0.0.0.0", port), Handler)
