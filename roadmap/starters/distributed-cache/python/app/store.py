"""What one node holds itself, in memory."""
import threading


class Store:
    # Milestone "GET and SET with TTL": take a ttl (seconds) and forget the key once it has passed;
    # hold at most max_keys keys and evict the least recently used (a get is a use too).
    def __init__(self, max_keys: int):
        self.max_keys = max_keys
        self._values = {}
        # The server answers requests on several threads at once.
        self._lock = threading.Lock()

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._values[key] = value

    def get(self, key: str):
        with self._lock:
            return self._values.get(key)

    def keys(self) -> list:
        """The keys held here (milestone "Consistent hashing": GET /keys lists them)."""
        with self._lock:
            return list(self._values)
