"""Routes one request: (status, body, headers), testable without a socket.

A store error is not caught here: answer() turns it into 503 with a JSON error.
"""
import json
import re
import sys
from urllib.parse import unquote

PRODUCT_PATH = re.compile(r"^/products/([^/]+)$")


def is_count(value) -> bool:
    """A whole number, 0 or more; JSON true is not a number, though Python counts bool as int."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def product_problem(body):
    if not isinstance(body, dict):
        return 'send JSON like {"name": "Mug", "priceCents": 1250, "stock": 3}'
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        return "name must be non-empty text"
    if not is_count(body.get("priceCents")):
        return "priceCents must be a whole number of cents, 0 or more"
    if not is_count(body.get("stock")):
        return "stock must be a whole number, 0 or more"
    return None


def route(store, method: str, path: str, headers, body, options=None):
    path = path.split("?", 1)[0]
    if method == "GET" and path == "/health":
        store.ping()
        return 200, {"status": "ok"}, {}
    if method == "POST" and path == "/products":
        problem = product_problem(body)
        if problem:
            return 400, {"error": problem}, {}
        return 201, store.create_product(body["name"], body["priceCents"], body["stock"]), {}
    if method == "GET" and path == "/products":
        return 200, store.list_products(), {}
    match = PRODUCT_PATH.match(path)
    if match and method == "GET":
        product = store.find_product(unquote(match.group(1)))
        if product:
            return 200, product, {}
        return 404, {"error": f"no product {match.group(1)}"}, {}
    # Catalog milestone: POST /carts, POST /carts/{id}/items, GET /carts/{id}.
    # Orders milestone: POST /carts/{id}/checkout, GET /orders/{id}.
    # Payments milestone: POST /orders/{id}/payments with an Idempotency-Key header.
    return 404, {"error": f"no route for {method} {path}"}, {}


def answer(store, method: str, path: str, headers, raw: bytes, options=None):
    """Answers one request: 400 for a body that is not JSON, 503 when the database fails."""
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        return 400, {"error": "the body must be JSON of at most 16 KiB"}, {}
    try:
        return route(store, method, path, headers, body, options)
    except Exception as err:  # a database error: connection refused, timeout, lost connection
        print(json.dumps({"level": "error", "msg": "database error", "error": str(err)}), file=sys.stderr, flush=True)
        return 503, {"error": "the database is unavailable; try again shortly"}, {}
