import json
import os
import signal
import sys
import threading
from datetime import datetime, timezone

from .config import ConfigError, read_config
from .server import make_server
from .storage import S3FileStore


def main() -> None:
    try:
        config = read_config(os.environ)
    except ConfigError as err:
        print(json.dumps({"level": "error", "msg": str(err)}), file=sys.stderr)
        sys.exit(1)
    store = S3FileStore(config)
    try:
        store.ensure_bucket()
    except Exception as err:  # a store that is down now may be up later: /health answers 503 until then
        print(json.dumps({"level": "warn", "msg": f"could not make sure bucket {config.s3_bucket} exists: {err}"}), file=sys.stderr)
    server = make_server(config.port, store, config)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(json.dumps({"level": "info", "msg": "listening", "service": "{{name}}", "port": config.port,
                      "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
