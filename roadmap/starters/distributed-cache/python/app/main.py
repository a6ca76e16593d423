import json
import sys
from datetime import datetime, timezone

from .config import load_config
from .routes import make_node
from .server import make_server


def main() -> None:
    config = load_config()
    server = make_server(config.port, make_node(config))
    # One JSON object per line: log collectors parse it without rules.
    print(json.dumps({"level": "info", "msg": "listening", "node": config.node_id, "peers": len(config.nodes),
                      "port": config.port, "time": datetime.now(timezone.utc).isoformat()}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()
        sys.exit(0)


if __name__ == "__main__":
    main()
