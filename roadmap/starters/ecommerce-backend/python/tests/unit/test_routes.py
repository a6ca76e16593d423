"""The routes without a socket or a database: a memory store, and one that fails like a lost database."""
import json

from app.routes import answer
from app.store import MemoryStore


def send(store, method, path, body=None, headers=None):
    raw = json.dumps(body).encode() if body is not None else b""
    return answer(store, method, path, headers or {}, raw)


class DownStore:
    """Every call fails as a refused connection does."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise OSError("connection refused: 127.0.0.1:5432")
        return fail


def test_health_answers_200_while_the_store_answers():
    assert send(MemoryStore(), "GET", "/health")[0] == 200


def test_a_database_error_answers_503_with_a_json_error_on_every_route():
    for method, path, body in [("GET", "/health", None), ("GET", "/products", None), ("GET", "/products/x", None),
                               ("POST", "/products", {"name": "Mug", "priceCents": 1250, "stock": 3})]:
        status, payload, _ = send(DownStore(), method, path, body)
        assert status == 503, f"{method} {path}"
        assert isinstance(payload["error"], str)


def test_post_products_answers_201_with_the_product_which_get_returns():
    store = MemoryStore()
    status, product, _ = send(store, "POST", "/products", {"name": "Mug", "priceCents": 1250, "stock": 3})
    assert status == 201
    assert product == {"id": product["id"], "name": "Mug", "priceCents": 1250, "stock": 3}
    assert send(store, "GET", f"/products/{product['id']}")[:2] == (200, product)
    assert send(store, "GET", "/products")[1] == [product]


def test_zero_is_accepted_and_a_fraction_negative_text_or_boolean_answers_400():
    store = MemoryStore()
    assert send(store, "POST", "/products", {"name": "Sticker", "priceCents": 0, "stock": 0})[0] == 201
    for bad in [{"priceCents": 100, "stock": 1}, {"name": "", "priceCents": 100, "stock": 1},
                {"name": "Mug", "priceCents": 12.5, "stock": 1}, {"name": "Mug", "priceCents": -1, "stock": 1},
                {"name": "Mug", "priceCents": "100", "stock": 1}, {"name": "Mug", "priceCents": True, "stock": 1},
                {"name": "Mug", "priceCents": 100, "stock": -1}, {"name": "Mug", "priceCents": 100, "stock": 1.5}]:
        status, payload, _ = send(store, "POST", "/products", bad)
        assert status == 400, bad
        assert isinstance(payload["error"], str)
    assert len(store.products) == 1


def test_an_unknown_product_or_route_answers_404_and_a_body_that_is_not_json_400():
    store = MemoryStore()
    assert send(store, "GET", "/products/nope")[0] == 404
    assert send(store, "GET", "/nowhere")[0] == 404
    assert answer(store, "POST", "/products", {}, b"{not json")[0] == 400
