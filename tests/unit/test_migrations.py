"""Migrations: a new database is at head, every step goes up and down, older databases are
brought up to date at open without losing data, and the models match the migrations."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel, create_engine

import storage.tables  # noqa: F401  (registers every table on SQLModel.metadata)
from storage import migrations
from storage.database import Database
from storage.migrations import alembic_config, downgrade_to, upgrade_to

MODEL_TABLES = {"officer", "client", "case", "case_note", "audit_event"}


def _engine(path: Path) -> sa.Engine:
    return create_engine(f"sqlite:///{path}")


def _script(engine: sa.Engine) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config(engine))


def _revisions_base_to_head(engine: sa.Engine) -> list[str]:
    """Every revision id, oldest first (the history is linear)."""
    return [revision.revision for revision in reversed(list(_script(engine).walk_revisions()))]


def _current(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_history_is_linear_with_one_head(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "x.sqlite3")
    script = _script(engine)
    assert len(script.get_heads()) == 1
    # Start-up skips Alembic when the database is at HEAD, so HEAD must name the real head.
    assert script.get_current_head() == migrations.HEAD
    assert len(script.get_bases()) == 1


def test_a_new_database_is_at_head(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "housing.sqlite3")
    try:
        head = _script(db.engine).get_current_head()
        with db.engine.connect() as connection:
            versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        assert versions == [(head,)]
        assert _tables(db.engine) >= MODEL_TABLES
    finally:
        db.close()


def test_opening_twice_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / "housing.sqlite3"
    Database.open(path).close()
    db = Database.open(path)
    try:
        head = _script(db.engine).get_current_head()
        assert _current(db.engine) == head
    finally:
        db.close()


def test_every_step_goes_up_and_down_and_up_again(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "steps.sqlite3")
    revisions = _revisions_base_to_head(engine)
    assert revisions, "no migrations"
    for revision in revisions:  # one step at a time from base
        upgrade_to(engine, revision)
        assert _current(engine) == revision
    assert _tables(engine) >= MODEL_TABLES
    for previous in reversed(["base", *revisions[:-1]]):  # one step at a time down to base
        downgrade_to(engine, previous)
        assert _current(engine) == (None if previous == "base" else previous)
    assert _tables(engine) == set()
    upgrade_to(engine, "head")
    assert _current(engine) == revisions[-1]
    assert _tables(engine) >= MODEL_TABLES
    engine.dispose()


# --- older databases -----------------------------------------------------------------------------


def _dummy(column: dict) -> object:
    """A value a column of this type will take, for a row inserted with plain SQL."""
    kind = column["type"]
    if isinstance(kind, sa.Boolean):
        return 0
    if isinstance(kind, sa.Integer):
        return 1
    if isinstance(kind, sa.DateTime):
        return "2025-06-01 09:00:00.000000"
    if isinstance(kind, sa.Date):
        return "1990-04-03"
    if isinstance(kind, sa.Numeric):
        return 1
    length = getattr(kind, "length", None) or 100
    return "x"[:length]


def _insert_a_row_in_every_table(engine: sa.Engine) -> dict[str, tuple[str, object]]:
    """One row per table, with plain SQL, parents before children; returns table -> (key
    column, key). Casework tables are keyed by a text `id`; sync bookkeeping has its own keys."""
    inspector = sa.inspect(engine)
    tables = _tables(engine)
    ids: dict[str, str] = {}
    keys: dict[str, tuple[str, object]] = {}
    pending = sorted(tables)
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        while pending:
            progressed = False
            for table in list(pending):
                foreign_keys = inspector.get_foreign_keys(table)
                if any(fk["referred_table"] not in ids for fk in foreign_keys):
                    continue
                values: dict[str, object] = {}
                columns = inspector.get_columns(table)
                key = inspector.get_pk_constraint(table)["constrained_columns"][0]
                for column in columns:
                    if column["nullable"] and column["name"] != key:
                        continue
                    values[column["name"]] = _dummy(column)
                if isinstance(values[key], str):
                    values[key] = f"{table[:20]}-0000-0000-0000-000000000001"[:36]
                for fk in foreign_keys:
                    for local, remote in zip(
                        fk["constrained_columns"], fk["referred_columns"], strict=True
                    ):
                        assert remote == "id"
                        values[local] = ids[fk["referred_table"]]
                names = ", ".join(f'"{name}"' for name in values)
                marks = ", ".join(f":{name}" for name in values)
                connection.execute(
                    sa.text(f'INSERT INTO "{table}" ({names}) VALUES ({marks})'), values
                )
                ids[table] = values[key]  # type: ignore[assignment]
                keys[table] = (key, values[key])
                pending.remove(table)
                progressed = True
            assert progressed, f"cannot order inserts for {pending}"
    return keys


def _rows_survive(engine: sa.Engine, keys: dict[str, tuple[str, object]]) -> None:
    with engine.connect() as connection:
        for table, (key, value) in keys.items():
            found = connection.execute(
                sa.text(f'SELECT "{key}" FROM "{table}" WHERE "{key}" = :key'), {"key": value}
            ).all()
            assert found == [(value,)], table


def _previous_revisions(tmp_path: Path) -> list[str]:
    revisions = _revisions_base_to_head(_engine(tmp_path / "probe.sqlite3"))
    return ["base", *revisions[:-1]]


def test_upgrade_from_the_previous_schema_keeps_its_rows(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "previous.sqlite3")
    revisions = _revisions_base_to_head(engine)
    previous = revisions[-2] if len(revisions) > 1 else "base"
    if previous != "base":
        upgrade_to(engine, previous)
    assert _current(engine) == (None if previous == "base" else previous)
    ids = _insert_a_row_in_every_table(engine)  # nothing to insert into at base
    upgrade_to(engine, "head")
    assert _current(engine) == revisions[-1]
    assert _tables(engine) >= MODEL_TABLES
    _rows_survive(engine, ids)
    engine.dispose()


def test_a_database_from_an_older_app_is_migrated_at_open_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    for number, revision in enumerate(_previous_revisions(tmp_path)):
        path = tmp_path / f"older-{number}.sqlite3"
        engine = _engine(path)
        if revision != "base":
            upgrade_to(engine, revision)
        ids = _insert_a_row_in_every_table(engine)
        engine.dispose()
        if revision == "base":
            # Nothing was ever written: SQLite left a 0-byte file, which Database.open refuses
            # to turn into a new database (test_bad_starts). Before any revision, no file.
            assert path.stat().st_size == 0
            path.unlink()

        db = Database.open(path)
        try:
            assert _current(db.engine) == _script(db.engine).get_current_head()
            assert _tables(db.engine) >= MODEL_TABLES
            _rows_survive(db.engine, ids)
        finally:
            db.close()


def test_rows_inserted_with_plain_sql_survive_reopening_at_head(tmp_path: Path) -> None:
    """The generic plain-SQL insert used above really writes a row in every table (so the
    upgrade tests are not vacuous once there is more than one revision)."""
    path = tmp_path / "head.sqlite3"
    engine = _engine(path)
    upgrade_to(engine, "head")
    ids = _insert_a_row_in_every_table(engine)
    assert set(ids) == _tables(engine) >= MODEL_TABLES
    engine.dispose()
    db = Database.open(path)
    try:
        _rows_survive(db.engine, ids)
    finally:
        db.close()


def test_a_database_written_with_plain_sql_at_head_reads_back_through_the_app(
    tmp_path: Path,
) -> None:
    """Data written by the current schema (as another copy of the app or an older build
    would) is kept when the app opens the file again, and reads back through the models."""
    from storage.clients import get_client
    from storage.officers import get_officer

    path = tmp_path / "head.sqlite3"
    engine = _engine(path)
    upgrade_to(engine, "head")
    stamp = {
        "created_at": "2025-06-01 09:00:00.000000",
        "updated_at": "2025-06-01 09:00:00.000000",
        "created_by": None,
        "updated_by": None,
        "version": 1,
        "deleted_at": None,
    }
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO officer (id, name, initials, created_at, updated_at, created_by, "
                "updated_by, version, deleted_at) VALUES ('o1', 'Old Officer', 'OO', "
                ":created_at, :updated_at, :created_by, :updated_by, :version, :deleted_at)"
            ),
            stamp,
        )
        connection.execute(
            sa.text(
                "INSERT INTO client (id, forenames, surname, date_of_birth, surname_key, "
                "forenames_key, postcode_key, created_at, updated_at, created_by, updated_by, "
                "version, deleted_at) VALUES ('c1', 'Jo', 'Bloggs', '1990-04-03', 'bloggs', "
                "'jo', '', :created_at, :updated_at, :created_by, :updated_by, :version, "
                ":deleted_at)"
            ),
            stamp,
        )
    engine.dispose()

    db = Database.open(path)
    try:
        officer = get_officer(db, "o1")
        assert officer is not None and officer.name == "Old Officer"
        client = get_client(db, "c1")
        assert client is not None
        assert client.full_name == "Jo Bloggs"
        assert client.date_of_birth == date(1990, 4, 3)
        with db.reading() as session:
            from storage.tables import Client

            stored = session.get(Client, "c1")
            assert stored.created_at == datetime.fromisoformat("2025-06-01T09:00:00+00:00")
    finally:
        db.close()


# --- models and migrations agree -----------------------------------------------------------------


def _differences(engine: sa.Engine, metadata: sa.MetaData) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_the_models_match_the_migrations(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "compare.sqlite3")
    upgrade_to(engine, "head")
    assert _differences(engine, SQLModel.metadata) == []
    engine.dispose()


def test_a_table_change_without_a_migration_would_be_caught(tmp_path: Path) -> None:
    """The comparison above is not vacuous: a column added to a model shows up."""
    engine = _engine(tmp_path / "compare.sqlite3")
    upgrade_to(engine, "head")
    changed = sa.MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["client"].append_column(sa.Column("shoe_size", sa.Integer, nullable=True))
    differences = _differences(engine, changed)
    assert any(
        difference[0] == "add_column" and difference[3].name == "shoe_size"
        for difference in differences
    ), differences
    engine.dispose()


def test_0019_gives_a_case_with_its_main_duty_notified_the_main_duty_status(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path / "main_duty.sqlite3")
    upgrade_to(engine, "0018")
    keys = _insert_a_row_in_every_table(engine)
    case_id, application_id = keys["case"][1], keys["homelessness_application"][1]

    def status() -> str:
        with engine.connect() as connection:
            return connection.execute(
                sa.text('SELECT status FROM "case" WHERE id = :id'), {"id": case_id}
            ).scalar_one()

    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE \"case\" SET status = 'open', deleted_at = NULL"))
        connection.execute(
            sa.text(
                "UPDATE homelessness_application SET outcome = 'main_duty', "
                "notified_on = '2026-11-24', review_outcome = NULL, deleted_at = NULL "
                "WHERE id = :id"
            ),
            {"id": application_id},
        )
    upgrade_to(engine, "0019")
    assert status() == "main_duty"
    downgrade_to(engine, "0018")
    assert status() == "open"
    # Overturned on review: the main duty is not owed, the case stays open.
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE homelessness_application SET review_outcome = 'overturned'")
        )
    upgrade_to(engine, "0019")
    assert status() == "open"
    engine.dispose()
