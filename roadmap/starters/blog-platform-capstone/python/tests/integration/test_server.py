"""Starts the real entry point against the services in DATABASE_URL and REDIS_URL
(docker compose up -d db redis) and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from app.cache import RedisCache
from app.store import PgStore

for _name in ("DATABASE_URL", "REDIS_URL"):
    if not os.environ.get(_name):
        raise RuntimeError(f"{_name} must be set for the integration tests (see .env.example)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    env = {**os.environ, "PORT": str(port), "JWT_SECRET": os.environ.get("JWT_SECRET") or "integration-test-secret-of-32-characters"}
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env=env, stdout=subprocess.DEVNULL)
    deadline = time.time() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=3) as res:
                if res.status == 200:
                    return proc, port
        except OSError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 30 s")
        time.sleep(0.1)


def test_health_reports_both_services_and_get_posts_answers_a_list():
    proc, port = start_server()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as res:
            assert json.loads(res.read()) == {"status": "ok", "checks": {"postgresql": "ok", "redis": "ok"}}
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/posts", timeout=5) as res:
            assert res.status == 200
            assert isinstance(json.loads(res.read()), list)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_home_page_query_waits_slow_query_ms_and_redis_answers():
    store = PgStore(os.environ["DATABASE_URL"], 150)
    cache = RedisCache(os.environ["REDIS_URL"])
    try:
        started = time.perf_counter()
        assert isinstance(store.list_posts(), list)
        assert time.perf_counter() - started >= 0.145, "the list query sleeps SLOW_QUERY_MS"
        cache.ping()
    finally:
        cache.close()
        store.close()
