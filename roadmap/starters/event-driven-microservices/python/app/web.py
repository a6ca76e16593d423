"""What both services share: JSON logging, settings, the health answer and the HTTP server."""
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 16 * 1024
_pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="health")


def logger(service: str):
    def log(entry: dict) -> None:
        print(json.dumps({"time": datetime.now(timezone.utc).isoformat(), "service": service, **entry}, default=str), flush=True)
    return log


def required(name: str, log) -> str:
    value = os.environ.get(name)
    if not value:
        log({"level": "error", "msg": f"{name} is not set; copy .env.example to .env or export it"})
        sys.exit(1)
    return value


def health(checks: dict):
    """200 when every check passes; 503 naming the ones that fail. A check that hangs fails after 2.5 s."""
    futures = {name: _pool.submit(check) for name, check in checks.items()}
    results = {}
    for name, future in futures.items():
        try:
            future.result(timeout=2.5)
            results[name] = "ok"
        except Exception as err:  # noqa: BLE001 - any failure means unavailable
            results[name] = f"unavailable: {err or type(err).__name__}"
    failed = [name for name, state in results.items() if state != "ok"]
    return (503 if failed else 200), {"status": "unavailable" if failed else "ok", "failed": failed, "checks": results}, {}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def make_server(port: int, route, log=lambda entry: None) -> ThreadingHTTPServer:
    """Serves `route(method, path, body) -> (status, body, headers)`: a body that is not JSON answers 400;
    anything `route` raises means a backing service failed (PostgreSQL, Kafka) and answers 503."""

    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True

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
                    status, payload, headers = route(self.command, self.path.split("?", 1)[0], body)
                except Exception as err:  # noqa: BLE001 - a service the request needs failed
                    log({"level": "error", "msg": "request failed", "method": self.command, "path": self.path, "error": str(err)})
                    status, payload, headers = 503, {"error": "a service the request needs is unavailable; try again"}, {}
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

    return Server(("0.0.0.0", port), Handler)
