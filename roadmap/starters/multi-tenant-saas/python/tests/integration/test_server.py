"""Starts the real entry point against the PostgreSQL in DATABASE_URL (and the OpenID Connect
provider in OIDC_ISSUER) and talks to it over HTTP."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

if not os.environ.get("DATABASE_URL") or not os.environ.get("OIDC_ISSUER"):
    raise RuntimeError("DATABASE_URL and OIDC_ISSUER must point at PostgreSQL and the OpenID Connect provider for the integration tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app.main"], env={"OIDC_CLIENT_ID": "saas-app", "OIDC_CLIENT_SECRET": "saas-app-secret", **os.environ, "PORT": str(port)}, stdout=subprocess.DEVNULL)
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


def call(method: str, url: str):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=5) as res:
            return res.status, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def test_the_server_creates_its_tables_answers_health_from_postgresql_and_404_with_json_elsewhere():
    proc, base = start_server()
    try:
        assert call("GET", f"{base}/health") == (200, {"status": "ok"})
        status, body = call("GET", f"{base}/nowhere")
        assert status == 404 and isinstance(body["error"], str)
    finally:
        proc.terminate()
        proc.wait(timeout=5)


def test_the_provider_publishes_its_discovery_document_with_pkce_s256():
    status, doc = call("GET", os.environ["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration")
    assert status == 200 and doc["code_challenge_methods_supported"] == ["S256"]
