"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
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


def get_json(port: int, path: str):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as res:
        return res.status, json.loads(res.read())


def test_a_product_is_stored_in_postgresql_and_still_there_after_a_restart():
    proc, port = start_server()
    try:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/products", data=json.dumps({"name": "Mug", "priceCents": 1250, "stock": 3}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=5) as res:
            assert res.status == 201
            product_id = json.loads(res.read())["id"]
    finally:
        proc.terminate()
        proc.wait(timeout=5)
    proc, port = start_server()
    try:
        assert get_json(port, f"/products/{product_id}") == (200, {"id": product_id, "name": "Mug", "priceCents": 1250, "stock": 3})
        assert any(p["id"] == product_id for p in get_json(port, "/products")[1])
    finally:
        proc.terminate()
        proc.wait(timeout=5)
