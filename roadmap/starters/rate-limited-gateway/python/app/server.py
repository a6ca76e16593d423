import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .gateway import Request, handle

MAX_BODY = 1024 * 1024


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default of 5 drops connections in bursts


def make_server(port: int, deps, log=lambda entry: None, host: str = "0.0.0.0") -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: without this, Nagle's algorithm can hold the
        # body back until the client acknowledges the headers, adding tens of milliseconds.
        disable_nagle_algorithm = True

        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                status, headers, data = 413, [("Content-Type", "application/json")], b'{"error": "the body is over 1 MiB"}'
                self.close_connection = True
            else:
                req = Request(self.command, self.path, list(self.headers.items()), self.rfile.read(length) if length else b"")
                try:
                    status, headers, data = handle(deps, req)
                except Exception as err:  # noqa: BLE001 - Redis down or slow: say so instead of crashing
                    log({"level": "error", "msg": "request failed", "method": self.command, "path": self.path, "error": str(err)})
                    payload = {"error": "a service the gateway needs (Redis) is unavailable; try again"}
                    status, headers, data = 503, [("Content-Type", "application/json")], json.dumps(payload).encode()
            self.send_response(status)
            for key, value in headers:
                if key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

        def log_message(self, *args):
            pass

    return Server((host, port), Handler)
