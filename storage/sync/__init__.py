"""Offline-first sync: every change is an operation in a per-device log; laptops exchange
operations through a team store (a folder on the network drive, or PostgreSQL) and merge them
field by field. `docs/sync.md` explains the design; `engine.sync` is the entry point."""
