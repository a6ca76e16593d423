import json
import os
import signal
import sys
import threading
from datetime import datetime, timezone

from .counts import PgCounts
from .routes import Deps
from .server import make_server
from .stream import RedisLog


def log(entry: dict) -> None:
    print(json.dumps({"time": datetime.now(timezone.utc).isoformat(), "service": "{{name}}", **entry}, default=str), flush=True)


def required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        log({"level": "error", "msg": f"{name} is not set; copy .env.example to .env or export it"})
        sys.exit(1)
    return value


def connect(what: str, open_it):
    try:
        return open_it()
    except Exception as err:  # noqa: BLE001 - say which service, then stop
        log({"level": "error", "msg": f"cannot reach {what}: {err}"})
        sys.exit(1)


def main() -> None:
    port = int(os.environ.get("PORT", "3000"))
    database_url = required("DATABASE_URL")
    redis_url = required("REDIS_URL")
    try:
        delay_ms = float(os.environ.get("AGGREGATE_DELAY_MS") or 0)
    except ValueError:
        delay_ms = -1
    if delay_ms < 0:
        log({"level": "error", "msg": f"AGGREGATE_DELAY_MS must be a number of milliseconds, not {os.environ.get('AGGREGATE_DELAY_MS')!r}"})
        sys.exit(1)

    counts = connect("PostgreSQL at DATABASE_URL", lambda: PgCounts(database_url, delay_ms))
    events = connect("Redis at REDIS_URL", lambda: RedisLog(redis_url))

    # Milestone "ingest": start the counter here, a thread that reads the stream in the consumer group,
    # writes counts with counts.add, then acknowledges what it wrote.

    server = make_server(port, Deps(counts, events), log)

    # On SIGTERM or Ctrl-C: stop taking requests, close the connections.
    def stop(signum, _frame):
        log({"level": "info", "msg": "shutting down", "signal": signal.Signals(signum).name})
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log({"level": "info", "msg": "listening", "port": port})
    server.serve_forever()
    server.server_close()
    events.close()
    counts.close()


if __name__ == "__main__":
    main()
