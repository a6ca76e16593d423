import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from .routes import Node, route

MAX_BODY = 64 * 1024


def make_server(port: int, node: Node) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.1 keeps a caller's connection open between requests.
        protocol_version = "HTTP/1.1"

        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            try:
                if length > MAX_BODY:
                    raise ValueError("body too large")
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                status, payload = route(node, self.command, unquote(self.path), body, self.headers)
            except ValueError:
                status, payload = 400, {"error": "the body must be JSON of at most 64 KiB"}
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        def log_message(self, *args):
            pass  # one line a request would drown the node's own log

    return ThreadingHTTPServer(("0.0.0.0", port), Handler)
