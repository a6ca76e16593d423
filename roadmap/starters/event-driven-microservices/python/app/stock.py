"""The stock service: reserves stock for the orders it hears about. Run it with `python -m app.stock`."""
import os
import re
import signal
import sys
import threading
from dataclasses import dataclass
from urllib.parse import unquote

from psycopg_pool import ConnectionPool

from .kafka import Subscriber
from .web import health, logger, make_server, required

STOCK_PATH = re.compile(r"^/stock/([^/]+)$")


class MemoryStockStore:
    """For unit tests: the same contract, in memory."""

    def __init__(self):
        self.stock = {}

    def reserved(self, sku: str) -> int:
        return self.stock.get(sku, 0)

    def ping(self) -> None:
        pass


class PgStockStore:
    """The stock service's own table; it never reads the order service's."""

    def __init__(self, url: str):
        self.pool = ConnectionPool(url, min_size=1, max_size=10, kwargs={"autocommit": True, "connect_timeout": 5},
                                   timeout=5, open=True)
        try:
            self.pool.wait(timeout=10)
            with self.pool.connection() as conn:
                conn.execute("CREATE TABLE IF NOT EXISTS stock (sku text PRIMARY KEY, reserved integer NOT NULL DEFAULT 0)")
        except Exception:
            self.pool.close()
            raise

    # Milestone "events": reserve(sku, quantity) adds to the sku's row (INSERT ... ON CONFLICT DO UPDATE).
    # Milestone "outbox": apply each eventId once: record it (a table with the eventId as primary key)
    # in the same transaction as the reservation, and skip an eventId already recorded.

    def reserved(self, sku: str) -> int:
        with self.pool.connection() as conn:
            row = conn.execute("SELECT reserved FROM stock WHERE sku = %s", (sku,)).fetchone()
            return row[0] if row else 0

    def ping(self) -> None:
        with self.pool.connection(timeout=2) as conn:
            conn.execute("SELECT 1")

    def close(self) -> None:
        self.pool.close()


@dataclass
class Deps:
    store: object
    ping_kafka: object
    joined: object  # joined() -> bool: the consumer group gave this service its partition


def consumer_joined(deps: Deps):
    def check():
        if not deps.joined():
            raise RuntimeError("still joining the consumer group")
    return check


def route(deps: Deps, method: str, path: str, _body):
    """One request: (status, body, headers)."""
    if method == "GET" and path == "/health":
        return health({"postgresql": deps.store.ping, "kafka": deps.ping_kafka, "consumer": consumer_joined(deps)})
    match = STOCK_PATH.match(path)
    if match and method == "GET":
        sku = unquote(match.group(1))
        return 200, {"sku": sku, "reserved": deps.store.reserved(sku)}, {}
    # Milestone "contracts": GET /dead-letters lists the events that broke the contract.
    return 404, {"error": f"no route for {method} {path}"}, {}


def main() -> None:
    log = logger("{{name}}-stock")
    port = int(os.environ.get("PORT", "3001"))
    database_url = required("DATABASE_URL", log)
    brokers = required("KAFKA_BROKERS", log)
    try:
        store = PgStockStore(database_url)
        subscriber = Subscriber(brokers, "{{name}}-stock", "{{name}}-stock")
    except Exception as err:  # noqa: BLE001 - say which service, then stop
        log({"level": "error", "msg": f"cannot reach PostgreSQL at DATABASE_URL or Kafka at KAFKA_BROKERS: {err}"})
        sys.exit(1)

    # The consumer: one member of the group '{{name}}-stock'. For now it only logs what arrives.
    # Milestone "events": parse the OrderPlaced event and reserve its quantity for its sku.
    # Milestone "contracts": validate it against contracts/order-placed.schema.json first (jsonschema is
    # installed); one that breaks it goes to the dead letters and is not applied.
    def handle(value: bytes) -> None:
        log({"level": "info", "msg": "event received", "event": value.decode("utf-8", "replace")})

    subscriber.start(handle, lambda err: log({"level": "warn", "msg": "consumer", "error": str(err)}))
    deps = Deps(store, subscriber.ping, lambda: subscriber.joined)
    server = make_server(port, lambda method, path, body: route(deps, method, path, body), log)

    def stop(signum, _frame):
        log({"level": "info", "msg": "shutting down", "signal": signal.Signals(signum).name})
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log({"level": "info", "msg": "listening", "port": port})
    server.serve_forever()
    server.server_close()
    subscriber.close()
    store.close()


if __name__ == "__main__":
    main()
