"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

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
                    return proc, port
        except OSError:
            pass
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 10 s")
        time.sleep(0.1)


def call(port: int, method: str, path: str, data: bytes = None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=5) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_a_post_is_kept_in_postgresql_across_a_restart():
    proc, port = start_server()
    try:
        status, post = call(port, "POST", "/posts", json.dumps({"title": "Hello", "body": "Kept in PostgreSQL"}).encode())
        assert status == 201
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    proc, port = start_server()
    try:
        assert call(port, "GET", f"/posts/{post['id']}") == (200, post)
        status, payload = call(port, "POST", "/posts", b'{"title": ')
        assert status == 400 and isinstance(payload["error"], str)
    finally:
        proc.terminate()
        proc.wait(timeout=5)
