"""The keys that protect this laptop's data, and signing in with them (docs/security.md).

- The team key (32 random bytes, one per team) is wrapped, for each officer, by a key derived
  from their passphrase (argon2id): any officer of the team can unwrap it, and a changed
  passphrase re-wraps it only.
- The database key (32 random bytes, one per laptop) is wrapped by the team key; it opens the
  SQLCipher database.
- keys.json in the data folder holds both wrapped, with a mirror of every account, so that
  signing in works before the database is open.

`sign_in` turns a passphrase into `Unlocked`: the officer, their role, the team key and the
database key, which the app holds in memory (and the team store will use, issue 16 item 4).
"""

from storage.keys.kdf import PassphraseHash, officer_key
from storage.keys.keyring import (
    KEYS_FILE_NAME,
    Account,
    KeyRing,
    KeysFileError,
    LaptopKey,
)
from storage.keys.session import (
    DATABASE_KEY,
    Credentials,
    SignedIn,
    SignInRefused,
    Unlocked,
    credentials_for,
    new_key,
    officer_signing_key,
    public_text,
    sign_in,
)
from storage.keys.wrapping import KeyDoesNotFit, unwrap, wrap

__all__ = [
    "DATABASE_KEY",
    "Credentials",
    "SignedIn",
    "KEYS_FILE_NAME",
    "Account",
    "KeyDoesNotFit",
    "KeyRing",
    "KeysFileError",
    "LaptopKey",
    "PassphraseHash",
    "SignInRefused",
    "Unlocked",
    "credentials_for",
    "new_key",
    "officer_key",
    "officer_signing_key",
    "public_text",
    "sign_in",
    "unwrap",
    "wrap",
]
