"""Alembic revision scripts, applied in order by bot.store.engine.migrate."""
