import re

from app.cache import MemoryCache
from app.events import MemoryEvents
from app.items import MemoryItemStore
from app.routes import Deps, route


def deps(**overrides):
    values = {"store": MemoryItemStore(), "cache": MemoryCache(), "events": MemoryEvents(), **overrides}
    return Deps(**values)


def down():
    raise ConnectionError("connection refused")


def test_health_answers_200_while_all_three_answer():
    status, body, _ = route(deps(), "GET", "/health", None)
    assert status == 200
    assert body == {"status": "ok", "checks": {"postgresql": "ok", "redis": "ok", "kafka": "ok"}}


def test_health_answers_503_and_names_the_service_that_does_not_answer():
    for name, field, broken in [("postgresql", "store", MemoryItemStore()), ("redis", "cache", MemoryCache()),
                                ("kafka", "events", MemoryEvents())]:
        broken.ping = down
        status, body, _ = route(deps(**{field: broken}), "GET", "/health", None)
        assert status == 503, name
        assert body["failed"] == [name]


def test_created_item_can_be_read_back():
    d = deps()
    status, item, _ = route(d, "POST", "/items", {"name": "first"})
    assert status == 201
    assert item["name"] == "first"
    assert re.fullmatch(r"[0-9a-f-]{36}", item["id"])
    status, read, _ = route(d, "GET", f"/items/{item['id']}", None)
    assert (status, read) == (200, item)


def test_missing_or_empty_name_answers_400():
    for body in [None, {}, {"name": ""}, {"name": 42}, {"name": "x" * 201}]:
        assert route(deps(), "POST", "/items", body)[0] == 400, body


def test_unknown_item_malformed_id_and_unknown_route_answer_404():
    assert route(deps(), "GET", "/items/00000000-0000-4000-8000-000000000000", None)[0] == 404
    assert route(deps(), "GET", "/items/not-an-id", None)[0] == 404
    assert route(deps(), "GET", "/nowhere", None)[0] == 404
