import json
import threading
import urllib.error
import urllib.request

from app.counts import MemoryCounts
from app.routes import Deps, route
from app.server import make_server
from app.stream import MemoryLog


def deps(**overrides):
    values = {"counts": MemoryCounts(), "log": MemoryLog(), **overrides}
    return Deps(**values)


def down():
    raise ConnectionError("connection refused")


def test_health_answers_200_while_both_answer():
    status, body = route(deps(), "GET", "/health", None)
    assert status == 200
    assert body == {"status": "ok", "checks": {"postgresql": "ok", "redis": "ok"}}


def test_health_answers_503_with_an_error_naming_the_service_that_does_not_answer():
    for name, field, broken in [("postgresql", "counts", MemoryCounts()), ("redis", "log", MemoryLog())]:
        broken.ping = down
        status, body = route(deps(**{field: broken}), "GET", "/health", None)
        assert status == 503, name
        assert body["failed"] == [name]
        assert name in body["error"]


def test_over_http_a_failing_service_answers_503_json_and_a_bad_body_400():
    broken = MemoryCounts()
    broken.ping = down
    server = make_server(0, deps(counts=broken))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for path, data, expected in [("/health", None, 503), ("/nowhere", b"{not json", 400), ("/nowhere", None, 404)]:
            try:
                urllib.request.urlopen(urllib.request.Request(base + path, data=data), timeout=5)
                raise AssertionError(f"{path} answered 2xx")
            except urllib.error.HTTPError as err:
                assert err.code == expected, path
                assert "json" in err.headers["Content-Type"]
                assert isinstance(json.loads(err.read())["error"], str)
    finally:
        server.shutdown()
        server.server_close()


def test_counts_add_up_per_type_and_minute():
    counts = MemoryCounts()
    counts.add([("click", 60000, 2)])
    counts.add([("click", 60000, 3), ("view", 60000, 1)])
    assert counts.rows == {("click", 60000): 5, ("view", 60000): 1}
