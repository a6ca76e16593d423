"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

DATABASE_URL = os.environ.get("DATABASE_URL")
if not DATABASE_URL:
    raise RuntimeError("DATABASE_URL must point at a PostgreSQL database for the integration tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


@pytest.fixture
def start():
    procs = []

    def start_server(database_url: str) -> int:
        """Starts the server and waits until it answers /health at all (200 or 503)."""
        port = free_port()
        procs.append(subprocess.Popen([sys.executable, "-m", "app.main"], env={**os.environ, "PORT": str(port), "DATABASE_URL": database_url},
                                      stdout=subprocess.DEVNULL))
        deadline = time.time() + 10
        while True:
            try:
                get(port, "/health")
                return port
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("the server did not answer /health within 10 s")
            time.sleep(0.1)

    yield start_server
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=5)


def test_health_answers_200_with_status_ok_against_the_real_database(start):
    port = start(DATABASE_URL)
    assert get(port, "/health") == (200, {"status": "ok"})
    assert get(port, "/nothing")[0] == 404


def test_with_the_database_down_health_answers_503_with_a_json_error_instead_of_hanging(start):
    # A port nothing listens on: the connection is refused at once.
    port = start(f"postgres://todo:todo@127.0.0.1:{free_port()}/todo")
    started = time.time()
    status, body = get(port, "/health")
    assert status == 503
    assert isinstance(body["error"], str)
    assert time.time() - started < 5
