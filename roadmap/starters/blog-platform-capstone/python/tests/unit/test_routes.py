import json
import threading
import urllib.error
import urllib.request

from app.auth import hash_password, sign_token, verify_password, verify_token
from app.cache import MemoryCache
from app.routes import Deps, route
from app.server import make_server
from app.store import MemoryStore

SECRET = "unit-test-secret-that-is-32-chars-long"


def deps(**overrides):
    values = {"store": MemoryStore(), "cache": MemoryCache(), "jwt_secret": SECRET, **overrides}
    return Deps(**values)


def down(*_args):
    raise ConnectionError("connection refused")


def test_health_answers_200_while_postgresql_and_redis_answer():
    status, body, _ = route(deps(), "GET", "/health", None)
    assert status == 200
    assert body == {"status": "ok", "checks": {"postgresql": "ok", "redis": "ok"}}


def test_health_answers_503_and_names_the_service_that_does_not_answer():
    for name, field, broken in [("postgresql", "store", MemoryStore()), ("redis", "cache", MemoryCache())]:
        broken.ping = down
        status, body, _ = route(deps(**{field: broken}), "GET", "/health", None)
        assert status == 503, name
        assert body["failed"] == [name]


def test_get_posts_answers_the_20_newest_first():
    store = MemoryStore()
    store.posts = [{"id": i, "title": f"t{i}", "body": "b", "author": "ada", "createdAt": "x"} for i in range(1, 22)]
    status, body, _ = route(deps(store=store), "GET", "/posts", None)
    assert status == 200
    assert [len(body), body[0]["id"], body[-1]["id"]] == [20, 21, 2]


def test_an_unknown_route_answers_404():
    assert route(deps(), "GET", "/nowhere", None)[0] == 404


def test_a_database_that_fails_answers_503_with_a_json_error_and_bad_json_400():
    store = MemoryStore()
    store.list_posts = down
    server = make_server(0, deps(store=store))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        try:
            urllib.request.urlopen(f"{base}/posts", timeout=5)
            raise AssertionError("expected 503")
        except urllib.error.HTTPError as err:
            assert err.code == 503
            assert isinstance(json.loads(err.read())["error"], str)
        request = urllib.request.Request(f"{base}/posts", data=b"{not json", method="POST")
        try:
            urllib.request.urlopen(request, timeout=5)
            raise AssertionError("expected 400")
        except urllib.error.HTTPError as err:
            assert err.code == 400
    finally:
        server.shutdown()
        server.server_close()


def test_passwords_are_hashed_and_tokens_carry_the_user_id():
    stored = hash_password("long-enough")
    assert "long-enough" not in stored
    assert verify_password("long-enough", stored)
    assert not verify_password("wrong-password", stored)
    assert verify_token(sign_token(7, SECRET), SECRET) == 7
    assert verify_token(sign_token(7, SECRET), SECRET + "-other") is None
