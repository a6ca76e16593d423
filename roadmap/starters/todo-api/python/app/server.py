import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import route

MAX_BODY = 16 * 1024


class BadJson(ValueError):
    pass


def read_json(handler) -> object:
    """The parsed JSON body, or None when there is none."""
    length = int(handler.headers.get("Content-Length") or 0)
    if length > MAX_BODY:
        raise BadJson("the body is over 16 KiB")
    raw = handler.rfile.read(length) if length else b""
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise BadJson("the body is not valid JSON") from None


def make_server(port: int, store, handle=route) -> ThreadingHTTPServer:
    """The HTTP server around `handle` (the router; tests pass one that fails)."""

    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            try:
                status, payload = handle(store, self.command, self.path, read_json(self))
            except BadJson as err:
                status, payload = 400, {"error": str(err)}
            except Exception as err:
                # Anything else a route raises comes from the database: say so with 503 instead of a 500.
                print(json.dumps({"level": "error", "msg": "database error", "error": str(err)}), file=sys.stderr, flush=True)
                status, payload = 503, {"error": "the database is unavailable; try again later"}
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _handle

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("0.0.0.0", port), Handler)
