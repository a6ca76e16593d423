import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .routes import route

# The largest body read: the live milestone sends batches of about 1 MB.
MAX_BODY = 2 * 1024 * 1024


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default of 5 drops connections in bursts


def make_server(port: int, deps, log=lambda entry: None) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        # Headers and body go out in two writes: without this, Nagle's algorithm can hold the
        # body back until the client acknowledges the headers, adding tens of milliseconds.
        disable_nagle_algorithm = True

        def _handle(self):
            # Milestone "live": GET /live keeps this connection open as a text/event-stream, here.
            length = int(self.headers.get("Content-Length") or 0)
            try:
                if length > MAX_BODY:
                    raise ValueError("body too large")
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
            except ValueError:
                status, payload = 400, {"error": "the body must be JSON of at most 2 MiB"}
            else:
                try:
                    status, payload = route(deps, self.command, self.path, body)
                except Exception as err:  # noqa: BLE001 - a service the request needs failed
                    log({"level": "error", "msg": "request failed", "method": self.command, "path": self.path, "error": str(err)})
                    status, payload = 503, {"error": "a service the request needs is unavailable; try again"}
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        def log_message(self, *args):
            pass

    return Server(("0.0.0.0", port), Handler)
