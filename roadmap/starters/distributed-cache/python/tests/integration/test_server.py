"""Starts the real entry point, as `start` in starter.json does, and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env={**os.environ, "PORT": str(port), "NODE_ID": "a", "NODES": f"a=http://127.0.0.1:{port}"}, stdout=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 10
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1) as res:
                if res.status == 200:
                    break
        except OSError:
            pass
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 10 s")
        time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=5)


def request(method: str, url: str, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as res:
        return res.status, json.loads(res.read())


def test_running_node_answers_health(base_url):
    assert request("GET", f"{base_url}/health") == (200, {"status": "ok"})


def test_a_value_goes_in_and_comes_back_out(base_url):
    assert request("PUT", f"{base_url}/cache/color", {"value": "blue"}) == (200, {"key": "color", "value": "blue"})
    assert request("GET", f"{base_url}/cache/color") == (200, {"key": "color", "value": "blue"})
