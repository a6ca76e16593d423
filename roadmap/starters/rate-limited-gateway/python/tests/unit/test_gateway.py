import json

import pytest

from app.buckets import MemoryBuckets
from app.config import ConfigError, load_config, parse_upstreams
from app.gateway import Deps, Request, handle

CONFIG = load_config({"REDIS_URL": "redis://unused", "UPSTREAMS": "users=http://127.0.0.1:1", "API_KEYS": "a, b",
                      "RATE_LIMIT": "5", "RATE_WINDOW_SECONDS": "10"})


def deps(**overrides):
    return Deps(**{"config": CONFIG, "buckets": MemoryBuckets(), **overrides})


def get(d, target):
    status, _, body = handle(d, Request("GET", target, [], b""))
    return status, json.loads(body)


def test_health_answers_200_with_status_ok():
    assert get(deps(), "/health") == (200, {"status": "ok"})


def test_health_raises_while_redis_does_not_answer_so_the_server_answers_503():
    broken = MemoryBuckets()

    def down():
        raise ConnectionError("connection refused")

    broken.ping = down
    with pytest.raises(ConnectionError):
        handle(deps(buckets=broken), Request("GET", "/health", [], b""))


def test_a_path_outside_api_answers_404_with_a_json_error():
    status, body = get(deps(), "/nowhere")
    assert status == 404
    assert isinstance(body["error"], str)


def test_the_configuration_reads_upstreams_api_keys_and_the_limits():
    assert CONFIG.upstreams == {"users": "http://127.0.0.1:1"}
    assert CONFIG.api_keys == ["a", "b"]
    assert (CONFIG.rate_limit, CONFIG.rate_window_seconds) == (5, 10)
    assert parse_upstreams("") == {}


def test_a_wrong_setting_stops_the_start_with_its_name():
    with pytest.raises(ConfigError, match="REDIS_URL"):
        load_config({})
    with pytest.raises(ConfigError, match="RATE_LIMIT"):
        load_config({"REDIS_URL": "redis://x", "RATE_LIMIT": "0"})
    with pytest.raises(ConfigError, match="UPSTREAMS"):
        parse_upstreams("users")
