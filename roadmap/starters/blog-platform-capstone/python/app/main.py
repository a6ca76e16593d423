import json
import os
import signal
import sys
import threading
from datetime import datetime, timezone

from .cache import RedisCache
from .routes import Deps
from .server import make_server
from .store import PgStore


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
    jwt_secret = required("JWT_SECRET")
    if len(jwt_secret) < 32:
        log({"level": "error", "msg": "JWT_SECRET must be at least 32 characters"})
        sys.exit(1)
    try:
        slow_query_ms = float(os.environ.get("SLOW_QUERY_MS") or 0)
    except ValueError:
        slow_query_ms = -1
    if slow_query_ms < 0:
        log({"level": "error", "msg": f"SLOW_QUERY_MS must be a number of milliseconds, not {os.environ.get('SLOW_QUERY_MS')!r}"})
        sys.exit(1)

    store = connect("PostgreSQL at DATABASE_URL", lambda: PgStore(database_url, slow_query_ms))
    cache = connect("Redis at REDIS_URL", lambda: RedisCache(redis_url))
    server = make_server(port, Deps(store, cache, jwt_secret), log)

    # On SIGTERM (a deploy replacing this container) or Ctrl-C: stop taking requests, close the connections.
    def stop(signum, _frame):
        log({"level": "info", "msg": "shutting down", "signal": signal.Signals(signum).name})
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log({"level": "info", "msg": "listening", "port": port})
    server.serve_forever()
    server.server_close()
    cache.close()
    store.close()


if __name__ == "__main__":
    main()
