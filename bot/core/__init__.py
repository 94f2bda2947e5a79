"""Conversation core: events in, Replies out; knows nothing of Telegram or the terminal."""
