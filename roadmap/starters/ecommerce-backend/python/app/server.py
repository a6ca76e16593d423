import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import answer

MAX_BODY = 16 * 1024


def make_server(port: int, store, options=None) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                status, payload, headers = 400, {"error": "the body must be JSON of at most 16 KiB"}, {}
            else:
                raw = self.rfile.read(length) if length else b""
                status, payload, headers = answer(store, self.command, self.path, self.headers, raw, options)
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

    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    server.daemon_threads = True
    return server
