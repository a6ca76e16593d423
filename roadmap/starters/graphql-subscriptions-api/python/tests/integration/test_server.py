"""Starts the real entry point against the PostgreSQL in DATABASE_URL and talks to it over HTTP and WebSocket."""
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from websockets.asyncio.client import connect

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
    deadline = time.time() + 15
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as res:
                if res.status == 200:
                    return proc, port
        except OSError:
            pass
        if time.time() > deadline:
            proc.kill()
            raise RuntimeError("the server did not answer /health within 15 s")
        time.sleep(0.1)


def gql(port: int, query: str, variables=None):
    data = json.dumps({"query": query, "variables": variables}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=data, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as res:
        return res.status, json.loads(res.read())


def test_an_author_is_kept_in_postgresql_across_a_restart():
    proc, port = start_server()
    try:
        status, body = gql(port, "mutation ($n: String!) { createAuthor(name: $n) { id } }", {"n": "Grace"})
        assert status == 200
        author_id = body["data"]["createAuthor"]["id"]
    finally:
        proc.terminate()
        proc.wait(10)
    proc, port = start_server()
    try:
        assert gql(port, "query ($id: ID!) { author(id: $id) { name } }", {"id": author_id}) == (200, {"data": {"author": {"name": "Grace"}}})
    finally:
        proc.terminate()
        proc.wait(10)


def test_graphql_speaks_graphql_ws_on_the_graphql_transport_ws_subprotocol():
    proc, port = start_server()

    async def handshake():
        async with connect(f"ws://127.0.0.1:{port}/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            return json.loads(await asyncio.wait_for(ws.recv(), 5))

    try:
        assert asyncio.run(handshake())["type"] == "connection_ack"
    finally:
        proc.terminate()
        proc.wait(10)
