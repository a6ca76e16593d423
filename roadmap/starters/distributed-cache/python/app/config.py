"""Configuration comes from the environment (twelve-factor), with defaults for a node running alone."""
import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Peer:
    id: str
    url: str


@dataclass(frozen=True)
class Config:
    port: int
    # This node's name (NODE_ID); the ring is built from names, never from addresses.
    node_id: str
    # Every node of the cluster, this one included (NODES); empty when the node runs alone.
    nodes: list = field(default_factory=list)
    # The most keys this node holds (MAX_KEYS).
    max_keys: int = 1000


def parse_nodes(text) -> list:
    """Reads NODES: `a=http://127.0.0.1:41001,b=http://127.0.0.1:41002`."""
    if not text or not text.strip():
        return []
    peers = []
    for pair in text.split(","):
        node_id, sep, url = pair.partition("=")
        if not sep or not node_id.strip():
            raise ValueError(f"NODES must be id=url pairs joined by commas, not {pair!r}")
        peers.append(Peer(node_id.strip(), url.strip().rstrip("/")))
    return peers


def load_config(env=None) -> Config:
    env = os.environ if env is None else env
    raw = env.get("PORT", "3000")
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ValueError(f"PORT must be a TCP port, not {raw!r}")
    max_keys = env.get("MAX_KEYS", "1000")
    if not max_keys.isdigit() or int(max_keys) < 1:
        raise ValueError(f"MAX_KEYS must be a whole number of at least 1, not {max_keys!r}")
    return Config(port=int(raw), node_id=env.get("NODE_ID", "solo"), nodes=parse_nodes(env.get("NODES")), max_keys=int(max_keys))
