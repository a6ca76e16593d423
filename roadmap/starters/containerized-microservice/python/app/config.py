"""Configuration comes from the environment (twelve-factor), with defaults for local runs."""
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    port: int
    service_name: str


def load_config(env=None) -> Config:
    env = os.environ if env is None else env
    raw = env.get("PORT", "3000")
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ValueError(f"PORT must be a TCP port, not {raw!r}")
    return Config(port=int(raw), service_name=env.get("SERVICE_NAME", "{{name}}"))
