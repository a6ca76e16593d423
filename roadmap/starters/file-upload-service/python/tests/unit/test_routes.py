import io

import pytest

from app.config import ConfigError, read_config
from app.routes import route
from app.server import Body
from app.storage import MemoryFileStore

ENV = {"S3_ENDPOINT": "http://127.0.0.1:1", "S3_ACCESS_KEY_ID": "k", "S3_SECRET_ACCESS_KEY": "s", "S3_BUCKET": "b",
       "MAX_UPLOAD_BYTES": "100", "SIGNED_URL_SECONDS": "5"}
CONFIG = read_config(ENV)


def call(store, method, path, data=b"", headers=None):
    return route(store, CONFIG, method, path, headers or {}, Body(io.BytesIO(data), len(data)))


def test_settings_come_from_the_environment_with_defaults():
    assert (CONFIG.max_upload_bytes, CONFIG.signed_url_seconds, CONFIG.s3_region) == (100, 5, "us-east-1")
    assert read_config({**ENV, "MAX_UPLOAD_BYTES": ""}).max_upload_bytes == 10 * 1024 * 1024
    with pytest.raises(ConfigError, match="MAX_UPLOAD_BYTES"):
        read_config({**ENV, "MAX_UPLOAD_BYTES": "ten"})
    with pytest.raises(ConfigError, match="S3_ENDPOINT is not set"):
        read_config({})


def test_health_answers_200_while_the_store_answers_and_503_with_a_json_error_when_not():
    store = MemoryFileStore()
    assert call(store, "GET", "/health") == (200, {"status": "ok"})
    store.down = True
    status, body = call(store, "GET", "/health")
    assert status == 503 and "unreachable" in body["error"]


def test_an_unknown_path_answers_404_with_a_json_error():
    status, body = call(MemoryFileStore(), "GET", "/nothing")
    assert status == 404 and isinstance(body["error"], str)


def test_the_body_stream_stops_at_content_length():
    body = Body(io.BytesIO(b"hello, and the next request"), 5)
    assert body.read(3) + body.read() == b"hello"
    assert body.read() == b""
