"""The Telegram adapter: the only package that imports python-telegram-bot.

app.py builds and runs the Application, handlers.py maps updates to the assistant,
render.py turns Replies into messages and keyboards, inline.py answers inline queries,
webhook.py serves Telegram's webhook and /healthz.
"""
