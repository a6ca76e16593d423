"""The service's settings, read once from the environment; a wrong value stops the start with a clear message."""
from dataclasses import dataclass
from urllib.parse import urlsplit


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    port: int
    s3_endpoint: str
    s3_access_key: str
    s3_secret_key: str
    s3_bucket: str
    s3_region: str
    max_upload_bytes: int  # MAX_UPLOAD_BYTES: the largest file accepted, in bytes
    signed_url_seconds: int  # SIGNED_URL_SECONDS: how long a signed download link is valid


def _required(env, name: str) -> str:
    value = env.get(name)
    if not value:
        raise ConfigError(f"{name} is not set; copy .env.example to .env or export it")
    return value


def _whole(env, name: str, fallback: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return fallback
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def read_config(env) -> Config:
    endpoint = _required(env, "S3_ENDPOINT")
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"S3_ENDPOINT must be a URL such as http://127.0.0.1:7070, not {endpoint!r}")
    return Config(
        port=_whole(env, "PORT", 3000),
        s3_endpoint=endpoint,
        s3_access_key=_required(env, "S3_ACCESS_KEY_ID"),
        s3_secret_key=_required(env, "S3_SECRET_ACCESS_KEY"),
        s3_bucket=_required(env, "S3_BUCKET"),
        s3_region=env.get("S3_REGION") or "us-east-1",
        max_upload_bytes=_whole(env, "MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
        signed_url_seconds=_whole(env, "SIGNED_URL_SECONDS", 300),
    )
