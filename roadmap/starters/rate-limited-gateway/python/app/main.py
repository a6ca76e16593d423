import json
import os
import signal
import sys
import threading
from datetime import datetime, timezone

from .buckets import RedisBuckets
from .config import ConfigError, load_config
from .gateway import Deps
from .server import make_server


def log(entry: dict) -> None:
    print(json.dumps({"time": datetime.now(timezone.utc).isoformat(), "service": "{{name}}", **entry}, default=str), flush=True)


def main() -> None:
    try:
        config = load_config(os.environ)
    except ConfigError as err:
        log({"level": "error", "msg": str(err)})
        sys.exit(1)
    try:
        buckets = RedisBuckets(config.redis_url)
    except Exception as err:  # noqa: BLE001 - say which service, then stop
        log({"level": "error", "msg": f"cannot reach Redis at REDIS_URL: {err}"})
        sys.exit(1)

    server = make_server(config.port, Deps(config, buckets), log)

    # On SIGTERM or Ctrl-C: stop taking requests, then close Redis.
    def stop(signum, _frame):
        log({"level": "info", "msg": "shutting down", "signal": signal.Signals(signum).name})
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log({"level": "info", "msg": "listening", "port": config.port, "upstreams": list(config.upstreams)})
    server.serve_forever()
    server.server_close()
    buckets.close()


if __name__ == "__main__":
    main()
