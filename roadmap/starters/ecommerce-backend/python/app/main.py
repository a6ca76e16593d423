import json
import os
import sys
from datetime import datetime, timezone

from .server import make_server
from .store import PgStore


def main() -> None:
    port = int(os.environ.get("PORT", "3000"))
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print(json.dumps({"level": "error", "msg": "DATABASE_URL is not set; copy .env.example to .env or export it"}), file=sys.stderr)
        sys.exit(1)
    # How long a charge takes: a stand-in for the payment provider's round trip (payments milestone).
    raw_delay = os.environ.get("PAYMENT_DELAY_MS") or "0"
    if not raw_delay.isdigit():
        print(json.dumps({"level": "error", "msg": f"PAYMENT_DELAY_MS must be a whole number of milliseconds, not {raw_delay!r}"}), file=sys.stderr)
        sys.exit(1)
    options = {"payment_delay_ms": int(raw_delay)}
    server = make_server(port, PgStore(database_url), options)
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": port,
                      "paymentDelayMs": options["payment_delay_ms"], "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


if __name__ == "__main__":
    main()
