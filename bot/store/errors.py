"""The store's one error the rest of the bot handles: the database cannot be used right now."""


class StoreUnavailable(Exception):
    """The database cannot be reached or opened; str() is a one-line message for the user."""
