"""Telegram's limits that shape what every layer says (Bot API 10.x), and our own aims."""

from __future__ import annotations

MESSAGE_TEXT = 4096  # sendMessage / editMessageText, after entity parsing
CALLBACK_DATA_BYTES = 64  # InlineKeyboardButton.callback_data
ALERT_TEXT = 200  # answerCallbackQuery.text
INLINE_RESULT_ID_BYTES = 64
DEEP_LINK = 64  # /start payload
COMMAND_NAME = 32
COMMAND_DESCRIPTION = 256
BUTTON_TEXT = 64  # not a documented limit; longer labels are cut on every client anyway

# Our aims for a phone: the first message of an answer fits one screen, and a keyboard shows
# at most this many follow-ups before "Meer".
PHONE_SCREEN = 700
BUTTONS_IN_VIEW = 4

# sendPoll (quiz polls): question, options and explanation, after entity parsing.
POLL_QUESTION = 300
POLL_OPTIONS_MIN = 2
POLL_OPTIONS_MAX = 12
POLL_OPTION = 100
POLL_EXPLANATION = 200
POLL_EXPLANATION_LINE_FEEDS = 2
