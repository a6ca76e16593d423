"""The outbox relay: publishes what the order service wrote to its outbox. Run it with `python -m app.relay`.

It has no HTTP server; verify starts it beside the two services and may stop it alone.
"""
import os
import signal
import sys
import threading

from psycopg_pool import ConnectionPool

from .kafka import Publisher
from .web import logger, required


def relay_once(pool: ConnectionPool, publisher: Publisher) -> int:
    """Milestone "outbox": read the unsent outbox rows in the order they were written, publish each (keyed
    by its sku) and mark it sent only once Kafka has it. Returns how many it published."""
    return 0


def main() -> None:
    log = logger("{{name}}-relay")
    database_url = required("DATABASE_URL", log)
    brokers = required("KAFKA_BROKERS", log)
    poll_s = int(os.environ.get("RELAY_POLL_MS") or 200) / 1000
    pool = ConnectionPool(database_url, min_size=1, max_size=2, kwargs={"autocommit": True, "connect_timeout": 5},
                          timeout=5, open=True)
    try:
        publisher = Publisher(brokers, "{{name}}-relay")
    except Exception as err:  # noqa: BLE001 - say which service, then stop
        log({"level": "error", "msg": f"cannot reach Kafka at KAFKA_BROKERS: {err}"})
        sys.exit(1)
    stopping = threading.Event()

    def stop(signum, _frame):
        log({"level": "info", "msg": "shutting down", "signal": signal.Signals(signum).name})
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log({"level": "info", "msg": "relay running", "pollMs": poll_s * 1000})
    while not stopping.is_set():
        try:
            relay_once(pool, publisher)
        except Exception as err:  # noqa: BLE001 - the outbox may not exist yet, or a service is down: try again
            log({"level": "warn", "msg": "relay round failed", "error": str(err)})
        stopping.wait(poll_s)
    publisher.close()
    pool.close()


if __name__ == "__main__":
    main()
