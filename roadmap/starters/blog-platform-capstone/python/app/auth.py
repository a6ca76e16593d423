"""Password hashing (scrypt from the standard library) and login tokens (HS256 JWTs with PyJWT)."""
import base64
import hashlib
import hmac
import os
import time

import jwt

TOKEN_LIFETIME_SECONDS = 3600


def _scrypt(password: str, salt: bytes, length: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=length)


def hash_password(password: str) -> str:
    """scrypt with a random salt, kept as "scrypt$<salt>$<hash>" (base64): never the password itself."""
    salt = os.urandom(16)
    digest = _scrypt(password, salt, 64)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    parts = stored.split("$")
    if len(parts) != 3 or parts[0] != "scrypt":
        return False
    expected = base64.b64decode(parts[2])
    actual = _scrypt(password, base64.b64decode(parts[1]), len(expected))
    return hmac.compare_digest(actual, expected)  # constant time: no hints from how long a comparison took


def sign_token(user_id: int, secret: str) -> str:
    """A signed HS256 JWT whose subject is the user's id."""
    now = int(time.time())
    return jwt.encode({"sub": str(user_id), "iat": now, "exp": now + TOKEN_LIFETIME_SECONDS}, secret, algorithm="HS256")


def verify_token(token: str, secret: str):
    """The user id of a valid token; None for a wrong signature, another algorithm, an expired or a malformed token."""
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["exp", "sub"]})
        user_id = int(claims["sub"])
    except (jwt.InvalidTokenError, ValueError):
        return None
    return user_id if user_id > 0 else None
