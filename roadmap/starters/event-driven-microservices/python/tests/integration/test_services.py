"""Starts the two services against DATABASE_URL and KAFKA_BROKERS (docker compose up -d db kafka)."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

for _name in ("DATABASE_URL", "KAFKA_BROKERS"):
    if not os.environ.get(_name):
        raise RuntimeError(f"{_name} must be set for the integration tests (see .env.example)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(module: str):
    """Starts one service and waits for its /health (the stock service's waits for its consumer group)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", module], env={**os.environ, "PORT": str(port)}, stdout=subprocess.DEVNULL)
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=3) as res:
                if res.status == 200:
                    return proc, f"http://127.0.0.1:{port}"
        except OSError:
            pass
        if proc.poll() is not None:
            raise RuntimeError(f"{module} exited with code {proc.returncode}")
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError(f"{module} did not answer /health within 60 s")
        time.sleep(0.1)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as res:
        return res.status, json.loads(res.read())


def test_an_order_is_stored_and_the_stock_service_answers_for_its_sku():
    orders, orders_url = start("app.orders")
    stock, stock_url = start("app.stock")
    try:
        assert get_json(f"{orders_url}/health")[1]["checks"] == {"postgresql": "ok", "kafka": "ok"}
        sku = f"it-{uuid.uuid4().hex[:8]}"
        req = urllib.request.Request(f"{orders_url}/orders", data=json.dumps({"sku": sku, "quantity": 3}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=5) as res:
            assert res.status == 201
            order = json.loads(res.read())
        assert get_json(f"{orders_url}/orders/{order['id']}") == (200, {"id": order["id"], "sku": sku, "quantity": 3})
        status, level = get_json(f"{stock_url}/stock/{sku}")
        assert status == 200 and level["sku"] == sku
    finally:
        for proc in (orders, stock):
            proc.terminate()
            proc.wait(timeout=10)
