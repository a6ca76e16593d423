"""The event log: a Redis stream. For now it is only pinged by GET /health.

The ingest milestone appends each accepted batch with XADD before answering 202, and a consumer
group (XGROUP CREATE ... MKSTREAM, XREADGROUP, XACK) counts the entries: an entry read but not
acknowledged when the process dies stays pending, and is read again (XREADGROUP with id 0) after a
restart.
"""
import redis

# The Redis stream accepted events go to, and the consumer group that counts them.
STREAM = "{{name}}-events"
GROUP = "{{name}}-counter"


class MemoryLog:
    """For unit tests."""

    def ping(self) -> None:
        pass


class RedisLog:
    """A Redis stream through redis-py."""

    def __init__(self, url: str):
        self.url = url
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, decode_responses=True)
        self.client.ping()

    def ping(self) -> None:
        self.client.ping()

    def close(self) -> None:
        self.client.close()
