"""The Telegram adapter: the only package that imports python-telegram-bot.

app.py builds and runs the bot; polling.py and webhook.py receive updates and confirm them only
once handled; intake.py decides what an update asks of the core; pipeline.py handles it once
and commits the reply with the state it depends on; render.py turns Replies into Bot API calls;
postman.py and delivery.py send them, paced and retried per chat.
"""
