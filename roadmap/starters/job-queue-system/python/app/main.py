import json
import os
import signal
import sys
from datetime import datetime, timezone

from .config import load_config
from .routes import Deps
from .server import make_server
from .store import PgStore
from .worker import Worker


def _stop(*_):
    # SIGTERM ends serve_forever the way Ctrl-C does, so the worker stops too.
    raise KeyboardInterrupt


def main() -> None:
    try:
        config = load_config(os.environ)
    except ValueError as exc:
        print(json.dumps({"level": "error", "msg": str(exc)}), file=sys.stderr)
        sys.exit(1)
    store = PgStore(config.database_url)
    server = make_server(config.port, Deps(store=store))
    # The worker runs inside this process: one server, one worker, one database.
    worker = Worker(store, config.max_attempts, config.retry_base_ms)
    worker.start()
    signal.signal(signal.SIGTERM, _stop)
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": config.port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        worker.stop()
        server.server_close()


if __name__ == "__main__":
    main()
