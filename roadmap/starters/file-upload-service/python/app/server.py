import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import route


class Body:
    """The request body as a stream: read(n) never reads past Content-Length, so a route can stream it."""

    def __init__(self, rfile, length: int):
        self.rfile = rfile
        self.left = length

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.rfile.read(n) if n > 0 else b""
        self.left -= len(data)
        return data

    def drain(self) -> None:
        """Reads whatever the route left, so the connection can carry the next request."""
        while self.left > 0 and self.read(64 * 1024):
            pass


def make_server(port: int, store, config) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self):
            body = Body(self.rfile, int(self.headers.get("Content-Length") or 0))
            try:
                status, payload = route(store, config, self.command, self.path, self.headers, body)
            except Exception as err:  # a store that fails mid-request is the machine's state, not the client's mistake
                status, payload = 503, {"error": f"the object store failed: {err}"}
            body.drain()
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

        def log_message(self, *args):
            pass

    return ThreadingHTTPServer(("0.0.0.0", port), Handler)
