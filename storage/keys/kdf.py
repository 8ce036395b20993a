"""From a passphrase: the hash that checks it (argon2-cffi's PasswordHasher) and the officer's
key that wraps the team key (argon2id raw, with the account's own salt). Both cost what the
policy's [security.argon2] says; a hash made with a lower cost is re-made at the next sign-in."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import Type, hash_secret_raw

from housing_tui.reference.policy import Argon2Cost

KEY_BYTES = 32


def officer_key(passphrase: str, salt: bytes, cost: Argon2Cost) -> bytes:
    """The officer's key-encryption key: 256 bits of argon2id."""
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_kib,
        parallelism=cost.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class PassphraseHash:
    """Hashing and checking passphrases at the policy's cost."""

    def __init__(self, cost: Argon2Cost) -> None:
        self._hasher = PasswordHasher(
            time_cost=cost.time_cost,
            memory_cost=cost.memory_kib,
            parallelism=cost.parallelism,
            type=Type.ID,
        )

    def make(self, passphrase: str) -> str:
        return self._hasher.hash(passphrase)

    def matches(self, stored: str, passphrase: str) -> bool:
        try:
            return self._hasher.verify(stored, passphrase)
        except (VerificationError, InvalidHashError):
            return False

    def outdated(self, stored: str) -> bool:
        """Made at another cost than the policy's now: to be re-made at this sign-in."""
        return self._hasher.check_needs_rehash(stored)
