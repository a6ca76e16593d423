"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

from app.routes import Deps, respond
from app.store import PgStore

DATABASE_URL = os.environ.get("DATABASE_URL")
if not DATABASE_URL:
    raise RuntimeError("DATABASE_URL must point at a PostgreSQL database for the integration tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env={**os.environ, "PORT": str(port)}, stdout=subprocess.DEVNULL)
    deadline = time.time() + 10
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as res:
                if res.status == 200:
                    return proc, f"http://127.0.0.1:{port}"
        except OSError:
            pass
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 10 s")
        time.sleep(0.1)


def call(method: str, url: str, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=5) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def stop(proc):
    proc.terminate()
    proc.wait(timeout=5)


def test_the_server_answers_health_and_keeps_balances_in_postgresql_across_a_restart():
    account = f"it-{uuid.uuid4()}"
    proc, base = start_server()
    try:
        assert call("GET", f"{base}/health")[0] == 200
        assert call("GET", f"{base}/accounts/{account}") == (200, {"id": account, "balance": 0})
        PgStore(DATABASE_URL).credit(account, 5)
    finally:
        stop(proc)
    proc, base = start_server()
    try:
        assert call("GET", f"{base}/accounts/{account}") == (200, {"id": account, "balance": 5})
    finally:
        stop(proc)


def test_a_database_that_does_not_answer_gives_503_with_a_json_error_within_the_connect_timeout():
    store = PgStore.__new__(PgStore)  # skip the schema: this database is never reachable
    store.url = "postgresql://nobody:nothing@127.0.0.1:1/none"
    started = time.time()
    status, body = respond(Deps(store=store), "GET", "/accounts/ada", None, {})
    assert status == 503 and isinstance(body["error"], str)
    assert respond(Deps(store=store), "GET", "/health", None, {})[0] == 503
    assert time.time() - started < 5
