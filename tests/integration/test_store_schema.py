"""The per-user registry that forget() walks must cover every table holding a user id."""

from __future__ import annotations

from sqlalchemy import Column

from bot.store.schema import USER_COLUMNS, forget_order, metadata, users


def _refers_to_user(column: Column[object]) -> bool:
    """The users key itself, a foreign key to it, a column named like one or marked as one."""
    pointing = any(fk.column is users.c.id for fk in column.foreign_keys)
    marked = bool(column.info.get("holds_user_id"))
    return column is users.c.id or pointing or marked or column.name.endswith("user_id")


def test_every_user_column_is_registered_for_forget() -> None:
    found = {
        f"{table.name}.{column.name}"
        for table in metadata.tables.values()
        for column in table.columns
        if _refers_to_user(column)
    }
    registered = {f"{column.table.name}.{column.name}" for column in USER_COLUMNS}
    assert found == registered, "add the table's user column to schema.USER_COLUMNS"


def test_foreign_keys_to_users_cascade_on_delete() -> None:
    for table in metadata.tables.values():
        for fk in table.foreign_keys:
            if fk.column is users.c.id:
                assert (fk.ondelete or "").upper() == "CASCADE", f"{table.name}.{fk.parent.name}"


def test_forget_deletes_from_users_last() -> None:
    order = forget_order()
    assert sorted(order, key=str) == sorted(USER_COLUMNS, key=str)
    assert order[-1] is users.c.id
