"""Starts the real entry point against the S3 store in S3_ENDPOINT and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

for name in ("S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_BUCKET"):
    if not os.environ.get(name):
        raise RuntimeError(f"{name} must be set for the integration tests (see .env.example)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def start_server(**env):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env={**os.environ, **env, "PORT": str(port)}, stdout=subprocess.DEVNULL)
    deadline = time.time() + 10
    while True:
        try:
            get(f"http://127.0.0.1:{port}/health")
            return proc, port
        except OSError:
            pass
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 10 s")
        time.sleep(0.1)


def stop(proc):
    proc.terminate()
    proc.wait(timeout=5)


def test_health_answers_200_with_the_real_store():
    proc, port = start_server()
    try:
        status, body = get(f"http://127.0.0.1:{port}/health")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
    finally:
        stop(proc)


def test_health_answers_503_with_a_json_error_when_the_store_is_down():
    proc, port = start_server(S3_ENDPOINT=f"http://127.0.0.1:{free_port()}")
    try:
        status, body = get(f"http://127.0.0.1:{port}/health")
        assert status == 503 and "store" in json.loads(body)["error"]
    finally:
        stop(proc)
