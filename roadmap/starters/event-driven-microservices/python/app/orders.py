"""The order service: stores orders in PostgreSQL. Run it with `python -m app.orders`."""
import json
import os
import re
import signal
import sys
import threading
import uuid
from dataclasses import dataclass

from psycopg_pool import ConnectionPool

from .kafka import Publisher
from .web import health, logger, make_server, required

# Order ids are UUIDs; anything else can never be an order.
ID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
SKU_PATTERN = re.compile(r"^[A-Za-z0-9-]{1,64}$")
ORDER_PATH = re.compile(r"^/orders/([^/]+)$")


class MemoryOrderStore:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.orders = {}

    def create(self, sku: str, quantity: int) -> dict:
        order = {"id": str(uuid.uuid4()), "sku": sku, "quantity": quantity}
        self.orders[order["id"]] = order
        return dict(order)

    def find(self, order_id: str):
        order = self.orders.get(order_id)
        return dict(order) if order else None

    def ping(self) -> None:
        pass


class PgOrderStore:
    """Orders in PostgreSQL."""

    def __init__(self, url: str):
        self.pool = ConnectionPool(url, min_size=1, max_size=10, kwargs={"autocommit": True, "connect_timeout": 5},
                                   timeout=5, open=True)
        try:
            self.pool.wait(timeout=10)
            with self.pool.connection() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS orders ("
                    " id uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
                    " sku text NOT NULL,"
                    " quantity integer NOT NULL,"
                    " created_at timestamptz NOT NULL DEFAULT now())"
                )
        except Exception:
            self.pool.close()
            raise

    # Milestone "events": once the order is stored, publish OrderPlaced {eventId, orderId, sku, quantity}.
    # Milestone "outbox": write the order and an outbox row in ONE transaction (`with conn.transaction():`)
    # and let the relay publish it.
    def create(self, sku: str, quantity: int) -> dict:
        with self.pool.connection() as conn:
            row = conn.execute("INSERT INTO orders (sku, quantity) VALUES (%s, %s) RETURNING id::text, sku, quantity",
                               (sku, quantity)).fetchone()
            return {"id": row[0], "sku": row[1], "quantity": row[2]}

    def find(self, order_id: str):
        with self.pool.connection() as conn:
            row = conn.execute("SELECT id::text, sku, quantity FROM orders WHERE id = %s", (order_id,)).fetchone()
            return {"id": row[0], "sku": row[1], "quantity": row[2]} if row else None

    def ping(self) -> None:
        with self.pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")

    def close(self) -> None:
        self.pool.close()


@dataclass
class Deps:
    store: object
    publish: object  # publish(key: str, value: bytes): to the order-placed topic
    ping_kafka: object
    test_hooks: bool = False


def valid_order(body):
    if not isinstance(body, dict):
        return None
    sku, quantity = body.get("sku"), body.get("quantity")
    if not isinstance(sku, str) or not SKU_PATTERN.match(sku):
        return None
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 100:
        return None
    return sku, quantity


def route(deps: Deps, method: str, path: str, body):
    """One request: (status, body, headers)."""
    if method == "GET" and path == "/health":
        return health({"postgresql": deps.store.ping, "kafka": deps.ping_kafka})
    if method == "POST" and path == "/orders":
        order = valid_order(body)
        if order is None:
            return 400, {"error": 'send JSON like {"sku": "ABC-1", "quantity": 2}: a sku of 1 to 64 letters, digits '
                                  'or hyphens, a whole quantity from 1 to 100'}, {}
        created = deps.store.create(*order)
        return 201, created, {"Location": f"/orders/{created['id']}"}
    match = ORDER_PATH.match(path)
    if match and method == "GET":
        order_id = match.group(1)
        order = deps.store.find(order_id) if ID_PATTERN.match(order_id) else None
        return (200, order, {}) if order else (404, {"error": f"no order {order_id}"}, {})
    # Milestone "outbox": POST /orders/{id}/republish marks the order's outbox row unsent again (202).
    # A test hook for the contract checks: publishes the body as it is, keyed by its sku.
    if method == "POST" and path == "/test/events" and deps.test_hooks:
        sku = body.get("sku") if isinstance(body, dict) else None
        deps.publish(sku if isinstance(sku, str) else "none", json.dumps(body).encode())
        return 202, {"published": True}, {}
    return 404, {"error": f"no route for {method} {path}"}, {}


def main() -> None:
    log = logger("{{name}}-orders")
    port = int(os.environ.get("PORT", "3000"))
    database_url = required("DATABASE_URL", log)
    brokers = required("KAFKA_BROKERS", log)
    try:
        store = PgOrderStore(database_url)
        publisher = Publisher(brokers, "{{name}}-orders")
    except Exception as err:  # noqa: BLE001 - say which service, then stop
        log({"level": "error", "msg": f"cannot reach PostgreSQL at DATABASE_URL or Kafka at KAFKA_BROKERS: {err}"})
        sys.exit(1)
    deps = Deps(store, publisher.publish, publisher.ping, os.environ.get("TEST_HOOKS") == "1")
    server = make_server(port, lambda method, path, body: route(deps, method, path, body), log)

    def stop(signum, _frame):
        log({"level": "info", "msg": "shutting down", "signal": signal.Signals(signum).name})
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log({"level": "info", "msg": "listening", "port": port})
    server.serve_forever()
    server.server_close()
    publisher.close()
    store.close()


if __name__ == "__main__":
    main()
