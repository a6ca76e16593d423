import asyncio
import json
import os
import sys
from datetime import datetime, timezone

import uvicorn

from .server import make_app
from .store import PgStore


async def main() -> None:
    port = int(os.environ.get("PORT", "3000"))
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print(json.dumps({"level": "error", "msg": "DATABASE_URL is not set; copy .env.example to .env or export it"}), file=sys.stderr)
        sys.exit(1)
    store = PgStore(database_url)
    await store.open()
    config = uvicorn.Config(make_app(store), host="0.0.0.0", port=port, log_level="warning", lifespan="off")
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        await uvicorn.Server(config).serve()
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
