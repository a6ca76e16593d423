"""Uses the real Redis named by REDIS_URL (docker compose up -d redis)."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
import redis

from app.buckets import RedisBuckets
from app.config import load_config
from app.gateway import Deps
from app.server import make_server

if not os.environ.get("REDIS_URL"):
    raise RuntimeError("REDIS_URL must be set for the integration tests (see .env.example)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_the_gateway_starts_on_redis_answers_health_and_stops_on_sigterm():
    port = free_port()
    child = subprocess.Popen([sys.executable, "-m", "app.main"], env={**os.environ, "PORT": str(port)})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                assert fetch(f"http://127.0.0.1:{port}/health") == (200, {"status": "ok"})
                break
            except (urllib.error.URLError, ConnectionError):
                if child.poll() is not None:
                    pytest.fail(f"the gateway exited with code {child.returncode}")
                if time.monotonic() > deadline:
                    pytest.fail("the gateway did not answer /health within 30 s")
                time.sleep(0.1)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=10) == 0
    finally:
        child.kill()


def test_with_redis_gone_the_gateway_answers_503_with_a_json_error():
    buckets = RedisBuckets(os.environ["REDIS_URL"])
    buckets.client.close()
    # As when Redis goes away: the same client settings, at an address where nothing listens.
    buckets.client = redis.Redis(host="127.0.0.1", port=free_port(), socket_timeout=2, socket_connect_timeout=2)
    server = make_server(0, Deps(load_config(os.environ), buckets), host="127.0.0.1")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        status, body = fetch(f"http://127.0.0.1:{server.server_address[1]}/health")
        assert status == 503
        assert "Redis" in body["error"]
    finally:
        server.shutdown()
        server.server_close()
