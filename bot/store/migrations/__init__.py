"""Alembic migrations for the store; run by bot.store.engine.migrate, not by the alembic CLI."""
