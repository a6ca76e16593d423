"""Calls between nodes of the cluster, over HTTP."""
import json
import urllib.error
import urllib.request

# How long a node waits for a peer before it counts it as down.
PEER_TIMEOUT_S = 2


def call_peer(base_url: str, method: str, path: str, body=None, headers=None):
    """One HTTP call to another node; returns (status, body).

    A peer that does not answer (stopped, unreachable, too slow) gives 503 with a JSON error, so a
    caller can try the next holder of a key, and a client never sees a crash or a hang.
    """
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{base_url}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=PEER_TIMEOUT_S) as res:
            raw = res.read()
            return res.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        return err.code, json.loads(raw) if raw else None
    except (OSError, ValueError) as err:
        return 503, {"error": f"the node at {base_url} did not answer {method} {path}: {err}"}
