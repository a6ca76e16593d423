import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import BadRequest, answer

MAX_BODY = 64 * 1024


def make_server(port: int, store) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _read_json(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise BadRequest("the body must be at most 64 KiB")
            raw = self.rfile.read(length) if length else b""
            try:
                return json.loads(raw) if raw else None
            except ValueError:
                raise BadRequest("the body must be JSON") from None

        def _handle(self):
            status, payload = answer(store, self.command, self.path, self._read_json)
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            if payload is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = _handle

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("0.0.0.0", port), Handler)
