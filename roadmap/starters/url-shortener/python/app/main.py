import json
import os
import sys
from datetime import datetime, timezone

from .links import PgLinkStore
from .server import make_server


def main() -> None:
    port = int(os.environ.get("PORT", "3000"))
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print(json.dumps({"level": "error", "msg": "DATABASE_URL is not set; copy .env.example to .env or export it"}), file=sys.stderr)
        sys.exit(1)
    try:
        slow_query_ms = float(os.environ.get("SLOW_QUERY_MS") or 0)
    except ValueError:
        slow_query_ms = -1
    if slow_query_ms < 0:
        print(json.dumps({"level": "error", "msg": f"SLOW_QUERY_MS must be a number of milliseconds, not {os.environ.get('SLOW_QUERY_MS')!r}"}), file=sys.stderr)
        sys.exit(1)
    base_url = os.environ.get("BASE_URL", f"http://localhost:{port}")
    server = make_server(port, PgLinkStore(database_url, slow_query_ms), base_url)
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


if __name__ == "__main__":
    main()
