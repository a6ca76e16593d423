"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP."""
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

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


def location(port: int, code: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", f"/{code}")
    res = conn.getresponse()
    return res.status, res.getheader("Location")


def test_link_redirects_and_survives_a_restart():
    proc, port = start_server()
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/links", data=json.dumps({"url": "https://example.com/docs"}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=5) as res:
            assert res.status == 201
            code = json.loads(res.read())["code"]
        assert location(port, code) == (302, "https://example.com/docs")
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    proc, port = start_server()
    try:
        assert location(port, code) == (302, "https://example.com/docs")
    finally:
        proc.terminate()
        proc.wait(timeout=5)
