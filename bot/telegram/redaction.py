"""Secrets out of the logs: the bot token and the webhook secret become *** in every record.

At DEBUG, python-telegram-bot logs each API call with its parameters (setWebhook's
secret_token among them) and httpx logs URLs that contain the bot token. ``install`` masks
such secrets in every record that reaches a handler.

A filter on a logger sees only the records logged on that very logger, not those of its
children ('telegram.ext.ExtBot' propagating through 'telegram'); a filter on a handler sees
every record the handler emits. So the filter goes on the handlers: those of the root logger
and of the libraries' loggers as they are when ``install`` runs. Call it after logging is
configured (a handler added later is not covered), and again with any secret made later,
such as a generated webhook secret: the secrets accumulate in one filter.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

MASK = "***"
# Loggers of the libraries that log secrets; their own handlers (if any) get the filter too,
# and so do records logged on them directly, whatever handler they reach.
LOGGERS = ("telegram", "telegram.ext", "httpx", "httpcore", "tornado", "apscheduler")


class SecretFilter(logging.Filter):
    """Replaces each secret by *** in a record's message, arguments and exception text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets: list[str] = []
        self.add(secrets)

    def add(self, secrets: Iterable[str | None]) -> None:
        """Mask these too (None and empty values are ignored)."""
        for secret in secrets:
            if secret and secret not in self.secrets:
                self.secrets.append(secret)
        self.secrets.sort(key=len, reverse=True)  # a secret inside a longer one: longer first

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let the handler report it as logging does
            return True
        masked = self.mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:  # the traceback's text, formatted once
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.mask(record.exc_text)
        if record.stack_info:
            record.stack_info = self.mask(record.stack_info)
        return True


_filter = SecretFilter()


def install(secrets: Iterable[str | None]) -> None:
    """Mask these secrets in the logs from now on (see the module docstring for where)."""
    _filter.add(secrets)
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in LOGGERS)]
    for logger in loggers:
        for handler in logger.handlers:
            if _filter not in handler.filters:
                handler.addFilter(_filter)
        if _filter not in logger.filters:
            logger.addFilter(_filter)


def uninstall() -> None:
    """Remove the filter everywhere and forget the secrets (for tests)."""
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in LOGGERS)]
    for logger in loggers:
        logger.removeFilter(_filter)
        for handler in logger.handlers:
            handler.removeFilter(_filter)
    _filter.secrets.clear()
