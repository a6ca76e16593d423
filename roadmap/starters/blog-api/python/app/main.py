import json
import os
import sys
from datetime import datetime, timezone

from .posts import PgPostStore
from .server import make_server


def main() -> None:
    port = int(os.environ.get("PORT", "3000"))
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print(json.dumps({"level": "error", "msg": "DATABASE_URL is not set; copy .env.example to .env or export it"}), file=sys.stderr)
        sys.exit(1)
    server = make_server(port, PgPostStore(database_url))
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


if __name__ == "__main__":
    main()
