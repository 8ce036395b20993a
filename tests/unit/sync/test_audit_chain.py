"""The audit trail's chains verify on both laptops after they sync through a real team folder:
the rows the merge writes ("sync-create", "sync-update") and the sync run itself join each
laptop's own chain."""

from __future__ import annotations

from storage.audit import verify_audit_trail
from tests.unit.sync.laptops import sync_until_quiet


def test_the_chains_verify_on_both_laptops_after_a_sync(laptops) -> None:
    ann, ben, store, ledger = laptops
    clients = ann.add_clients(ledger, 3)
    sync_until_quiet([ann, ben], store)
    ben.edit(ledger, clients, "surname")
    ann.edit(ledger, clients[:1], "phone")
    sync_until_quiet([ann, ben], store)
    for laptop in (ann, ben):
        found = verify_audit_trail(laptop.db)
        assert found.intact, found.breaks
        with laptop.db.engine.connect() as connection:
            actions = {
                action for (action,) in connection.exec_driver_sql("SELECT action FROM audit_event")
            }
        assert {"sync-run", "sync-update"} <= actions
    assert ann.path != ben.path
