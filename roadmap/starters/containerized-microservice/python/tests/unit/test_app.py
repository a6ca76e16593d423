import pytest

from app.config import load_config
from app.routes import ItemStore, route


def test_health_answers_ok():
    assert route(ItemStore(), "GET", "/health", None) == (200, {"status": "ok"}, {})


def test_created_item_can_be_read_back():
    store = ItemStore()
    status, item, headers = route(store, "POST", "/items", {"name": " first "})
    assert status == 201
    assert item == {"id": 1, "name": "first"}
    assert headers["Location"] == "/items/1"
    assert route(store, "GET", "/items/1", None)[1] == {"id": 1, "name": "first"}


@pytest.mark.parametrize("body", [{"name": ""}, None, {"name": 42}, {"name": "x" * 101}])
def test_invalid_bodies_answer_400(body):
    assert route(ItemStore(), "POST", "/items", body)[0] == 400


def test_unknown_item_answers_404():
    assert route(ItemStore(), "GET", "/items/99", None)[0] == 404


def test_port_comes_from_the_environment_and_is_checked():
    assert load_config({"PORT": "8081"}).port == 8081
    with pytest.raises(ValueError, match="PORT must be a TCP port"):
        load_config({"PORT": "eighty"})
