"""Where the callers' rate-limit buckets live. For now it is only pinged by GET /health; milestone 4
(limits) adds a method that takes one token from a caller's bucket in Redis."""
import redis

# Every Redis key of this gateway starts with it, so several apps can share one Redis.
KEY_PREFIX = "{{name}}:"


class MemoryBuckets:
    """For unit tests."""

    def ping(self) -> None:
        pass


class RedisBuckets:
    """Redis through redis-py."""

    def __init__(self, url: str):
        # Short timeouts: while Redis is down, a request fails within 2 s (a 503) instead of hanging.
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, decode_responses=True)
        self.client.ping()

    def ping(self) -> None:
        self.client.ping()

    def close(self) -> None:
        self.client.close()
