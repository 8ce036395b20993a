"""Wrapping one key with another: AES-256-GCM, a fresh 96-bit nonce each time, and what the
key is for as associated data, so that a wrapped key copied into another place (another
officer's account) does not unwrap there."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


class KeyDoesNotFit(Exception):
    """The wrapping key is not the one this was wrapped with, or the wrapped text was changed."""


def wrap(key: bytes, wrapping_key: bytes, purpose: str) -> str:
    """`key`, encrypted and authenticated under `wrapping_key`, as text for keys.json."""
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(wrapping_key).encrypt(nonce, key, purpose.encode("utf-8"))
    return base64.b64encode(nonce + sealed).decode("ascii")


def unwrap(wrapped: str, wrapping_key: bytes, purpose: str) -> bytes:
    """The key `wrap` sealed; KeyDoesNotFit if `wrapping_key` or `purpose` is not the one used,
    or if the text was changed."""
    try:
        raw = base64.b64decode(wrapped.encode("ascii"), validate=True)
        return AESGCM(wrapping_key).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], purpose.encode("utf-8")
        )
    except (InvalidTag, ValueError) as error:
        raise KeyDoesNotFit from error
