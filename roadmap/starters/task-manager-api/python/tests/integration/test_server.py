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

DATABASE_URL = os.environ.get("DATABASE_URL")
if not DATABASE_URL:
    raise RuntimeError("DATABASE_URL must point at a PostgreSQL database for the integration tests")
JWT_SECRET = os.environ.get("JWT_SECRET") or "integration-test-secret-of-32-characters"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    env = {**os.environ, "PORT": str(port), "JWT_SECRET": JWT_SECRET}
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env=env, stdout=subprocess.DEVNULL)
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


def call(method: str, url: str, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers), timeout=5) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def stop(proc):
    proc.terminate()
    proc.wait(timeout=5)


def test_user_registers_logs_in_and_keeps_tasks_across_a_restart():
    credentials = {"email": f"it-{uuid.uuid4()}@example.com", "password": "integration-password"}
    proc, base = start_server()
    try:
        assert call("POST", f"{base}/auth/register", credentials)[0] == 201
        assert call("POST", f"{base}/auth/register", credentials)[0] == 409
        status, body = call("POST", f"{base}/auth/login", credentials)
        assert status == 200
        token = body["token"]
        status, task = call("POST", f"{base}/tasks", {"title": "Survive a restart"}, token)
        assert status == 201
        assert call("GET", f"{base}/tasks")[0] == 401
    finally:
        stop(proc)
    proc, base = start_server()
    try:
        assert call("GET", f"{base}/tasks", token=token) == (200, [{"id": task["id"], "title": "Survive a restart", "done": False}])
    finally:
        stop(proc)
