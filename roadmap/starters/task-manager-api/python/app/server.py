import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import Deps, route
from .store import DatabaseUnavailable

MAX_BODY = 16 * 1024


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
                    status, payload, headers = route(deps, self.command, self.path, body, self.headers.get("Authorization"))
                except DatabaseUnavailable as exc:
                    print(json.dumps({"level": "error", "msg": "database unavailable", "error": repr(exc)}), file=sys.stderr, flush=True)
                    status, payload, headers = 503, {"error": "the database is unavailable; try again shortly"}, {}
                except Exception as exc:
                    print(json.dumps({"level": "error", "msg": "request failed", "error": repr(exc)}), file=sys.stderr, flush=True)
                    status, payload, headers = 500, {"error": "something went wrong on our side"}, {}
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
