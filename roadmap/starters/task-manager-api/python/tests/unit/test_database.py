"""A database that is down answers 503 with a JSON error: worth retrying, unlike a bug (500)."""
import json
import threading
import urllib.error
import urllib.request

import psycopg

from app.routes import Deps
from app.server import make_server
from app.store import MemoryStore


class DownStore(MemoryStore):
    def find_user_by_email(self, email):
        raise psycopg.OperationalError("connection failed: Connection refused")


def test_a_request_that_needs_the_database_while_it_is_down_answers_503():
    server = make_server(0, Deps(DownStore(), "unit-test-secret-that-is-32-chars-long"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        body = json.dumps({"email": "a@example.com", "password": "secret-password"}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{server.server_address[1]}/auth/login", data=body, method="POST")
        try:
            urllib.request.urlopen(request, timeout=5)
            raise AssertionError("expected 503")
        except urllib.error.HTTPError as err:
            assert err.code == 503
            assert "database" in json.loads(err.read())["error"]
    finally:
        server.shutdown()
        server.server_close()
