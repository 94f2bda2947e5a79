"""The leaf every layer speaks through: the Reply model, the message catalogue, HTML escaping
and Telegram's limits. It imports nothing else of the bot."""
