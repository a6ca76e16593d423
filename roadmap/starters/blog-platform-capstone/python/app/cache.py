"""The cache in front of the home page. For now it is only pinged by GET /health."""
import redis


class MemoryCache:
    """For unit tests."""

    def ping(self) -> None:
        pass


class RedisCache:
    """Redis through redis-py.

    Milestone "performance": get, set and drop, so that GET /posts is read from Redis and every
    write of a post drops the cached list.
    """

    def __init__(self, url: str):
        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2, decode_responses=True)
        self.client.ping()

    def ping(self) -> None:
        self.client.ping()

    def close(self) -> None:
        self.client.close()
