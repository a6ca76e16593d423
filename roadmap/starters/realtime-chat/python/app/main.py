import asyncio
import json
import os
import sys
from datetime import datetime, timezone

from .chat import Chat
from .messages import PgMessageStore
from .server import start


async def run() -> None:
    port = int(os.environ.get("PORT", "3000"))
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        print(json.dumps({"level": "error", "msg": "DATABASE_URL is not set; copy .env.example to .env or export it"}), file=sys.stderr)
        sys.exit(1)
    store = await PgMessageStore.connect(database_url)
    chat = Chat(store)
    # Two-instances milestone: connect to Redis (REDIS_URL) here and subscribe before listening.
    server = await start(port, store, chat)
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    await server.serve_forever()


def main() -> None:
    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
