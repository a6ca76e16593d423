import re

from app.links import MemoryLinkStore, new_code
from app.routes import route

BASE = "http://sho.rt"


def test_codes_are_seven_base62_characters():
    assert all(re.fullmatch(r"[0-9A-Za-z]{7}", new_code()) for _ in range(100))


def test_health_follows_the_store():
    assert route(MemoryLinkStore(), BASE, "GET", "/health", None)[0] == 200

    class Down(MemoryLinkStore):
        def ping(self):
            raise OSError("down")

    assert route(Down(), BASE, "GET", "/health", None)[0] == 503


def test_shortened_code_redirects():
    store = MemoryLinkStore()
    status, body, _ = route(store, BASE, "POST", "/links", {"url": "https://example.com/a?b=c"})
    assert status == 201
    assert body["short"] == f"{BASE}/{body['code']}"
    assert route(store, BASE, "GET", f"/{body['code']}", None) == (302, None, {"Location": "https://example.com/a?b=c"})


def test_unknown_code_and_missing_url():
    store = MemoryLinkStore()
    assert route(store, BASE, "GET", "/abcdefg", None)[0] == 404
    assert route(store, BASE, "POST", "/links", {})[0] == 400
