"""Starts the real entry point against the services in DATABASE_URL and REDIS_URL
(docker compose up -d db redis) and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

from app.counts import PgCounts
from app.stream import RedisLog

for _name in ("DATABASE_URL", "REDIS_URL"):
    if not os.environ.get(_name):
        raise RuntimeError(f"{_name} must be set for the integration tests (see .env.example)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env={**os.environ, "PORT": str(port)}, stdout=subprocess.DEVNULL)
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


def test_the_server_starts_and_its_health_reports_both_services():
    proc, port = start_server()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as res:
            assert (res.status, json.loads(res.read())) == (200, {"status": "ok", "checks": {"postgresql": "ok", "redis": "ok"}})
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_counts_add_up_in_postgresql_each_write_pausing_the_delay():
    counts = PgCounts(os.environ["DATABASE_URL"], 200)
    try:
        type_ = f"it-{uuid.uuid4()}"
        started = time.monotonic()
        counts.add([(type_, 60000, 2)])
        assert time.monotonic() - started >= 0.19, "the write did not pause"
        counts.add([(type_, 60000, 3)])
        with counts.pool.connection() as conn:
            row = conn.execute("SELECT count FROM minute_counts WHERE type = %s AND minute = 60000", (type_,)).fetchone()
        assert row[0] == 5
    finally:
        counts.close()


def test_redis_answers_and_a_stream_entry_is_appended_and_read_back():
    log = RedisLog(os.environ["REDIS_URL"])
    try:
        stream = f"it-{uuid.uuid4()}"
        log.client.xadd(stream, {"batch": "[]"})
        assert [fields for _, fields in log.client.xrange(stream)] == [{"batch": "[]"}]
        log.client.delete(stream)
    finally:
        log.close()
