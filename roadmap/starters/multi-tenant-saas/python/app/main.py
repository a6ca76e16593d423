import json
import os
import sys
from datetime import datetime, timezone

from .config import load_config
from .routes import Deps
from .server import make_server
from .store import PgStore


def main() -> None:
    try:
        config = load_config(os.environ)
    except ValueError as exc:
        print(json.dumps({"level": "error", "msg": str(exc)}), file=sys.stderr)
        sys.exit(1)
    server = make_server(config.port, Deps(store=PgStore(config.database_url), config=config))
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": config.port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


if __name__ == "__main__":
    main()
