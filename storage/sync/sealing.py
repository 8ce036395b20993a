"""Sealing what a laptop writes to the team store: encrypted with the team key and signed by
the laptop that wrote it (docs/security.md, "The team store").

Every batch, snapshot and acknowledgement is framed as before (`ops.frame`: a magic line, a
JSON header, the body, a SHA-256 that tells a bad copy from a good one), but

* the body is AES-256-GCM under the team key, with the header (what the bytes are: kind,
  team, device, sequence numbers, signer) as associated data: bytes renamed, moved to another
  device's folder or given another header do not decrypt;
* the header names the enrolled laptop that wrote it (`signer`) and carries its Ed25519
  signature of the header and the encrypted body. Whether the signer is enrolled is decided
  by the receiver against its device register (`storage.sync.devices`), when it merges.

Someone who can write to the share but has no team key cannot make bytes that open; an
officer who has the team key but no enrolled laptop cannot make a signature that verifies.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from storage.sync.ops import DamagedBatch, frame, unframe

_NONCE_BYTES = 12
_NOT_SIGNED = ("length", "sha256", "signature")


class Refused(ValueError):
    """Whole bytes (their checksum matches) that must not be used: not sealed with this team's
    key, or not signed by an enrolled laptop of the team. `str()` says which."""


@dataclass(frozen=True)
class Signed:
    """What a signature covers and the signature, kept with what was opened so that the
    receiver checks it against its device register when it is about to merge."""

    signer: str
    message: bytes = field(repr=False)
    signature: bytes = field(repr=False)


@dataclass(frozen=True)
class TeamSeal:
    """This laptop's keys for the team store, held in memory only: the team key, and the
    laptop's own signing key with its id in the device register. `public_keys` are the
    enrolled laptops' (the register, and those pinned when this laptop joined), kept up to
    date by the sync as enrolments arrive."""

    team_key: bytes = field(repr=False)
    signer: str
    signing_key: Ed25519PrivateKey = field(repr=False)
    public_keys: dict[str, bytes] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    """Laptops an admin has revoked: what they sign is no longer believed."""

    def seal(self, magic: bytes, header: dict[str, Any], plain: bytes) -> bytes:
        """`plain` encrypted and signed, framed with `header` (which must say what it is)."""
        described = {**header, "signer": self.signer, "nonce": _b64(os.urandom(_NONCE_BYTES))}
        bound = _canonical(described)
        sealed = AESGCM(self.team_key).encrypt(_unb64(described["nonce"]), plain, bound)
        signature = self.signing_key.sign(bound + b"\n" + sealed)
        return frame(magic, {**described, "signature": _b64(signature)}, sealed)

    def open(self, magic: bytes, data: bytes) -> tuple[dict[str, Any], bytes, Signed]:
        """The header, the plain body, and the signature still to check (`verify`).
        `DamagedBatch` if the bytes are not whole; `Refused` if they do not open with the team
        key (written without it, or changed and checksummed again)."""
        header, sealed = unframe(magic, data)
        described = {k: v for k, v in header.items() if k not in _NOT_SIGNED}
        bound = _canonical(described)
        try:
            signer = str(described["signer"])
            nonce = _unb64(str(described["nonce"]))
            signature = _unb64(str(header["signature"]))
            plain = AESGCM(self.team_key).decrypt(nonce, sealed, bound)
        except (KeyError, ValueError, InvalidTag) as error:
            raise Refused(
                "it was not written with this team's key (forged, or from another team)"
            ) from error
        return described, plain, Signed(signer, bound + b"\n" + sealed, signature)

    def verify(self, signed: Signed) -> None:
        """`Refused` unless an enrolled laptop signed it."""
        public = self.public_keys.get(signed.signer)
        if public is None:
            raise Refused(self.not_believed(signed.signer))
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signed.signature, signed.message)
        except (InvalidSignature, ValueError) as error:
            raise Refused(
                f"its signature is not laptop {signed.signer[:8]}'s (forged or changed)"
            ) from error

    def not_believed(self, signer: str) -> str:
        """Why a laptop that is not in `public_keys` is not believed."""
        if signer in self.revoked:
            return f"it was signed by laptop {signer[:8]}, which an admin has revoked"
        return f"it was signed by laptop {signer[:8]}, which is not enrolled"


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_of(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _canonical(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


__all__ = ["DamagedBatch", "Refused", "Signed", "TeamSeal", "new_signing_key", "public_key_of"]
