"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP and a WebSocket."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from websockets.sync.client import connect

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


def test_health_and_a_websocket_that_answers_a_frame_that_is_not_json_with_an_error():
    proc, port = start_server()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as res:
            assert json.loads(res.read()) == {"status": "ok"}
        with connect(f"ws://127.0.0.1:{port}/ws?room=lobby", open_timeout=5) as ws:
            ws.send("not JSON")
            assert json.loads(ws.recv(timeout=5))["type"] == "error"
            ws.send("{still not")
            assert json.loads(ws.recv(timeout=5))["type"] == "error"
    finally:
        proc.terminate()
        proc.wait(timeout=5)
