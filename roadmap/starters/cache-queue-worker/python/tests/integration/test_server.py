"""Starts the real entry point against the services in DATABASE_URL, REDIS_URL and KAFKA_BROKERS
(docker compose up -d db redis kafka) and talks to it over HTTP."""
import json
import os
import queue
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

from app.events import KafkaEvents

for _name in ("DATABASE_URL", "REDIS_URL", "KAFKA_BROKERS"):
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


def stop(proc):
    proc.terminate()
    proc.wait(timeout=10)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as res:
        return res.status, json.loads(res.read())


def test_health_and_an_item_that_survives_a_restart():
    proc, port = start_server()
    try:
        assert get_json(f"http://127.0.0.1:{port}/health") == (200, {"status": "ok", "checks": {"postgresql": "ok", "redis": "ok", "kafka": "ok"}})
        req = urllib.request.Request(f"http://127.0.0.1:{port}/items", data=json.dumps({"name": "integration"}).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=5) as res:
            assert res.status == 201
            item = json.loads(res.read())
        assert item["name"] == "integration"
    finally:
        stop(proc)
    proc, port = start_server()
    try:
        status, read = get_json(f"http://127.0.0.1:{port}/items/{item['id']}")
        assert (status, read["id"], read["name"]) == (200, item["id"], "integration")
    finally:
        stop(proc)


def test_an_event_published_to_kafka_reaches_a_worker():
    events = KafkaEvents(os.environ["KAFKA_BROKERS"], "integration-test")
    received = queue.Queue()
    sent = {"eventId": str(uuid.uuid4()), "type": "test.ping", "itemId": str(uuid.uuid4())}
    # A group of its own, so that it reads the topic from the start and misses nothing.
    events.start_worker(f"integration-test-{uuid.uuid4()}", received.put, lambda err: None)
    try:
        events.publish(sent)
        deadline = time.time() + 30
        while True:
            event = received.get(timeout=max(0.1, deadline - time.time()))
            if event["eventId"] == sent["eventId"]:
                break
        assert event == sent
    finally:
        events.close()
