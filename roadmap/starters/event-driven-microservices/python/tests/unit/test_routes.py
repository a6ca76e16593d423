import json
import threading
import urllib.error
import urllib.request

from app.orders import Deps as OrderDeps, MemoryOrderStore, route as order_route
from app.stock import Deps as StockDeps, MemoryStockStore, route as stock_route
from app.web import make_server


def orders(store=None, test_hooks=False):
    published = []
    deps = OrderDeps(store or MemoryOrderStore(), lambda key, value: published.append((key, json.loads(value))), lambda: None, test_hooks)
    return (lambda method, path, body: order_route(deps, method, path, body)), published


def over(route, method, path, body=None):
    """Serves `route` on a free port for one request: (status, JSON body)."""
    server = make_server(0, route)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(f"http://127.0.0.1:{server.server_address[1]}{path}", data=data, method=method)
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                return res.status, json.loads(res.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read())
    finally:
        server.shutdown()
        server.server_close()


def test_an_order_is_stored_and_read_back():
    route, _ = orders()
    status, order, headers = route("POST", "/orders", {"sku": "ABC-1", "quantity": 2})
    assert status == 201 and order["sku"] == "ABC-1" and order["quantity"] == 2
    assert headers["Location"] == f"/orders/{order['id']}"
    assert route("GET", f"/orders/{order['id']}", None)[:2] == (200, order)
    assert route("GET", "/orders/00000000-0000-4000-8000-000000000000", None)[0] == 404
    assert route("GET", "/orders/not-an-id", None)[0] == 404


def test_the_edges_of_sku_and_quantity():
    route, _ = orders()
    for body in ({"sku": "a", "quantity": 1}, {"sku": "x" * 64, "quantity": 100}):
        assert route("POST", "/orders", body)[0] == 201, body
    bad = [{"sku": "a", "quantity": 0}, {"sku": "a", "quantity": 101}, {"sku": "a", "quantity": 1.5},
           {"sku": "a", "quantity": "2"}, {"sku": "a", "quantity": True}, {"sku": "", "quantity": 1},
           {"sku": "x" * 65, "quantity": 1}, {"sku": "a b", "quantity": 1}, None]
    for body in bad:
        assert route("POST", "/orders", body)[0] == 400, body


def test_the_test_hook_publishes_the_body_as_it_is_only_when_enabled():
    off, _ = orders()
    assert off("POST", "/test/events", {"sku": "A"})[0] == 404
    on, published = orders(test_hooks=True)
    event = {"eventId": "e1", "orderId": "o1", "sku": "A", "quantity": "three"}
    assert on("POST", "/test/events", event)[0] == 202
    assert published == [("A", event)]


def test_a_database_that_fails_answers_503_with_a_json_error():
    store = MemoryOrderStore()

    def broken(*_args):
        raise OSError("connection refused")

    store.create = broken
    route, _ = orders(store)
    assert over(route, "POST", "/orders", {"sku": "A", "quantity": 1}) == (503, {"error": "a service the request needs is unavailable; try again"})
    assert over(route, "POST", "/orders", b"{not json")[0] == 400


def test_the_stock_service_answers_0_and_is_healthy_once_its_consumer_joined():
    joined = [False]
    store = MemoryStockStore()
    deps = StockDeps(store, lambda: None, lambda: joined[0])
    assert stock_route(deps, "GET", "/stock/ABC-1", None)[:2] == (200, {"sku": "ABC-1", "reserved": 0})
    assert stock_route(deps, "GET", "/health", None)[0] == 503
    joined[0] = True
    assert stock_route(deps, "GET", "/health", None)[0] == 200

    def broken(_sku):
        raise OSError("connection refused")

    store.reserved = broken
    assert over(lambda m, p, b: stock_route(deps, m, p, b), "GET", "/stock/ABC-1")[0] == 503
