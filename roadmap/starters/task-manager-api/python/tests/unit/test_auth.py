import time

import jwt
import pytest

from app.auth import hash_password, sign_token, verify_password, verify_token
from app.config import load_config

SECRET = "unit-test-secret-that-is-32-chars-long"


def test_passwords_are_hashed_salted_and_only_the_right_one_verifies():
    stored = hash_password("correct horse")
    assert "correct horse" not in stored
    assert stored != hash_password("correct horse")
    assert verify_password("correct horse", stored)
    assert not verify_password("wrong horse", stored)


def test_token_carries_the_user_id_and_is_refused_with_another_secret_or_tampered():
    token = sign_token(42, SECRET)
    assert verify_token(token, SECRET) == 42
    assert verify_token(token, SECRET + "-other") is None
    head, _, sig = token.split(".")
    assert verify_token(f"{head}.eyJzdWIiOiIxIn0.{sig}", SECRET) is None
    assert verify_token("not-a-token", SECRET) is None


def test_expired_and_unsigned_tokens_are_refused():
    past = int(time.time()) - 120
    assert verify_token(jwt.encode({"sub": "42", "exp": past}, SECRET, algorithm="HS256"), SECRET) is None
    assert verify_token(jwt.encode({"sub": "42", "exp": past + 7200}, None, algorithm="none"), SECRET) is None


def test_configuration_comes_from_the_environment_and_names_what_is_missing():
    config = load_config({"PORT": "8080", "DATABASE_URL": "postgres://x", "JWT_SECRET": SECRET, "RATE_LIMIT_PER_MINUTE": "30"})
    assert (config.port, config.database_url, config.jwt_secret, config.rate_limit_per_minute) == (8080, "postgres://x", SECRET, 30)
    assert load_config({"DATABASE_URL": "postgres://x", "JWT_SECRET": SECRET}).port == 3000
    with pytest.raises(ValueError, match="DATABASE_URL is not set; JWT_SECRET must be set to at least 32 characters"):
        load_config({"JWT_SECRET": "short"})
