"""Each validation rule rejects a bad call and accepts a good one (no HTTP, so fast)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.fakebot.html import HtmlError, parse_html
from tests.fakebot.model import Upload
from tests.fakebot.spec import load_spec, parse_limit, spec_path
from tests.fakebot.validate import validate_call

SPEC = load_spec()


def errors(method: str, params: dict[str, Any], files: dict[str, Upload] | None = None) -> list:
    """Validate form-style params (values JSON-encoded as PTB sends them)."""
    raw = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    shape = SPEC.method(method)
    assert shape is not None
    return validate_call(SPEC, shape, raw, files or {}).errors


def keyboard(**button: Any) -> dict:
    return {"inline_keyboard": [[{"text": "Ja", **button}]]}


def options(n: int, text: str = "optie") -> list[dict]:
    return [{"text": f"{text} {i}"} for i in range(n)]


ARTICLE = {
    "type": "article",
    "id": "1",
    "title": "t",
    "input_message_content": {"message_text": "x"},
}
FILE = Upload("document", "a.txt", "text/plain", b"hi")

# (rule, method, good params, bad params, expected words in the first error)
RULES = [
    ("required", "sendMessage", {"chat_id": 1, "text": "x"}, {"text": "x"}, "missing required"),
    (
        "unknown field",
        "sendMessage",
        {"chat_id": 1, "text": "x"},
        {"chat_id": 1, "text": "x", "colour": 1},
        "unknown field",
    ),
    ("Integer", "getUpdates", {"offset": 5}, {"offset": "vijf"}, "expected Integer"),
    (
        "Boolean",
        "sendMessage",
        {"chat_id": 1, "text": "x", "protect_content": True},
        {"chat_id": 1, "text": "x", "protect_content": "misschien"},
        "expected Boolean",
    ),
    (
        "Float",
        "sendLocation",
        {"chat_id": 1, "latitude": 52.1, "longitude": 5},
        {"chat_id": 1, "latitude": "noord", "longitude": 5},
        "expected Float",
    ),
    (
        "characters",
        "sendMessage",
        {"chat_id": 1, "text": "x" * 4096},
        {"chat_id": 1, "text": "x" * 4097},
        "1-4096 characters",
    ),
    (
        "empty text",
        "sendMessage",
        {"chat_id": 1, "text": "ok"},
        {"chat_id": 1, "text": "  "},
        "got 0",
    ),
    (
        "after entities",
        "sendMessage",
        {"chat_id": 1, "text": f"<b>{'x' * 4096}</b>", "parse_mode": "HTML"},
        {"chat_id": 1, "text": f"<b>{'x' * 4097}</b>", "parse_mode": "HTML"},
        "after entities parsing",
    ),
    (
        "bytes",
        "sendMessage",
        {"chat_id": 1, "text": "x", "reply_markup": keyboard(callback_data="é" * 32)},
        {"chat_id": 1, "text": "x", "reply_markup": keyboard(callback_data="é" * 33)},
        "1-64 bytes",
    ),
    (
        "nested unknown",
        "sendMessage",
        {"chat_id": 1, "text": "x", "reply_markup": keyboard(url="https://a.nl")},
        {"chat_id": 1, "text": "x", "reply_markup": keyboard(link="https://a.nl")},
        'unknown field "link"',
    ),
    (
        "Array of Array",
        "sendMessage",
        {"chat_id": 1, "text": "x", "reply_markup": keyboard()},
        {"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [{"text": "Ja"}]}},
        "expected Array of InlineKeyboardButton",
    ),
    (
        "items",
        "sendPoll",
        {"chat_id": 1, "question": "q", "options": options(12)},
        {"chat_id": 1, "question": "q", "options": options(13)},
        "1-12 items",
    ),
    (
        "nested limit",
        "sendPoll",
        {"chat_id": 1, "question": "q", "options": options(2, "o" * 90)},
        {"chat_id": 1, "question": "q", "options": options(2, "o" * 100)},
        "1-100 characters",
    ),
    (
        "line feeds",
        "sendPoll",
        {"chat_id": 1, "question": "q", "options": options(2), "explanation": "a\nb\nc"},
        {"chat_id": 1, "question": "q", "options": options(2), "explanation": "a\nb\nc\nd"},
        "line feeds",
    ),
    ("numeric range", "getUpdates", {"limit": 100}, {"limit": 101}, "between 1 and 100"),
    (
        "enum",
        "sendMessage",
        {"chat_id": 1, "text": "x", "reply_markup": keyboard(callback_data="a", style="danger")},
        {"chat_id": 1, "text": "x", "reply_markup": keyboard(callback_data="a", style="red")},
        "not one of",
    ),
    (
        "charset",
        "setWebhook",
        {"url": "https://a.nl", "secret_token": "Ab_9-x"},
        {"url": "https://a.nl", "secret_token": "geheim!"},
        "characters outside",
    ),
    (
        "union subtype",
        "answerInlineQuery",
        {"inline_query_id": "1", "results": [ARTICLE]},
        {"inline_query_id": "1", "results": [{**ARTICLE, "type": "artikel"}]},
        "is not a InlineQueryResult",
    ),
    (
        "union member fields",
        "setMyCommands",
        {
            "commands": [{"command": "a", "description": "b"}],
            "scope": {"type": "chat", "chat_id": 1},
        },
        {"commands": [{"command": "a", "description": "b"}], "scope": {"type": "chat"}},
        "missing required",
    ),
    (
        "parse_mode",
        "sendMessage",
        {"chat_id": 1, "text": "x", "parse_mode": "MarkdownV2"},
        {"chat_id": 1, "text": "x", "parse_mode": "htm"},
        "unsupported parse_mode",
    ),
    (
        "html in nested",
        "answerInlineQuery",
        {
            "inline_query_id": "1",
            "results": [
                {
                    **ARTICLE,
                    "input_message_content": {"message_text": "<b>x</b>", "parse_mode": "HTML"},
                }
            ],
        },
        {
            "inline_query_id": "1",
            "results": [
                {
                    **ARTICLE,
                    "input_message_content": {"message_text": "<p>x</p>", "parse_mode": "HTML"},
                }
            ],
        },
        "can't parse entities",
    ),
    (
        "html poll option",
        "sendPoll",
        {
            "chat_id": 1,
            "question": "q",
            "options": [{"text": "<i>a</i>", "text_parse_mode": "HTML"}, {"text": "b"}],
        },
        {
            "chat_id": 1,
            "question": "q",
            "options": [{"text": "a < b", "text_parse_mode": "HTML"}, {"text": "b"}],
        },
        "unescaped",
    ),
]


@pytest.mark.parametrize(
    ("rule", "method", "good", "bad", "words"), RULES, ids=[r[0] for r in RULES]
)
def test_rule_accepts_good_and_rejects_bad(
    rule: str, method: str, good: dict, bad: dict, words: str
) -> None:
    assert errors(method, good) == []
    found = errors(method, bad)
    assert found, f"{rule}: bad call accepted"
    assert words in found[0]


def test_json_bodies_keep_their_types() -> None:
    shape = SPEC.method("sendMessage")
    assert shape is not None
    good = {"chat_id": 1, "text": "x", "reply_markup": keyboard(callback_data="a")}
    assert validate_call(SPEC, shape, good, {}).errors == []
    bad = validate_call(SPEC, shape, {"chat_id": [1], "text": 5}, {}).errors
    assert "expected Integer or String" in bad[0]
    assert "expected String" in bad[1]


def test_uploads_fill_inputfile_fields_and_attach_references() -> None:
    assert errors("sendDocument", {"chat_id": 1}, {"document": FILE}) == []
    assert "missing required" in errors("sendDocument", {"chat_id": 1})[0]
    assert (
        "unexpected file part"
        in errors("sendDocument", {"chat_id": 1}, {"document": FILE, "x": FILE})[0]
    )
    media = [
        {"type": "document", "media": "attach://a"},
        {"type": "document", "media": "attach://b"},
    ]
    assert errors("sendMediaGroup", {"chat_id": 1, "media": media}, {"a": FILE, "b": FILE}) == []
    assert (
        "no file part named 'b'"
        in errors("sendMediaGroup", {"chat_id": 1, "media": media}, {"a": FILE})[0]
    )


def test_mixed_photo_and_video_album_is_accepted() -> None:
    media = [{"type": "photo", "media": "id1"}, {"type": "video", "media": "id2"}]
    assert errors("sendMediaGroup", {"chat_id": 1, "media": media}) == []


GOOD_HTML = [
    ("<b>v</b> <strong>v</strong> <i>v</i> <em>v</em> <u>v</u> <ins>v</ins>", "v v v v v v"),
    ("<s>v</s><strike>v</strike><del>v</del>", "vvv"),
    ('<span class="tg-spoiler">v</span> <tg-spoiler>v</tg-spoiler>', "v v"),
    ('<a href="https://x.nl/?a=1&amp;b=2">link</a>', "link"),
    ('<code>x</code> <pre><code class="language-python">a &lt; b</code></pre>', "x a < b"),
    ("<blockquote>q</blockquote><blockquote expandable>r</blockquote>", "qr"),
    ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
    (
        "<b>vet <i>en schuin</i></b> &lt;&gt;&amp;&quot; &#169; &#x1F600;",
        'vet en schuin <>&" © 😀',
    ),
]
BAD_HTML = [
    ("<div>x</div>", 'unsupported start tag "div"'),
    ("a < b", 'unescaped "<"'),
    ("a > b", 'unescaped ">"'),
    ("R&D", "unsupported HTML entity"),
    ("&nbsp;", "unsupported HTML entity"),
    ("<b><i>x</b></i>", "unmatched end tag"),
    ("<b>x", "can't find end tag"),
    ("x</b>", "unexpected end tag"),
    ("<span>x</span>", 'must have attribute "class"'),
    ('<span class="rood">x</span>', "tg-spoiler"),
    ("<a>x</a>", 'must have attribute "href"'),
    ('<b style="x">y</b>', "unsupported attribute"),
    ('<code class="language-py">x</code>', "only for code inside pre"),
    ("<pre><b>x</b></pre>", "can't be nested"),
    ("<blockquote><blockquote>x</blockquote></blockquote>", "can't be nested"),
    ("<br/>", "unsupported start tag"),
]


@pytest.mark.parametrize(("html", "plain"), GOOD_HTML)
def test_allowed_html_renders_to_plain_text(html: str, plain: str) -> None:
    assert parse_html(html) == plain


@pytest.mark.parametrize(("html", "words"), BAD_HTML)
def test_invalid_html_is_rejected(html: str, words: str) -> None:
    with pytest.raises(HtmlError, match=words):
        parse_html(html)


def test_limit_patterns_are_generic() -> None:
    assert parse_limit("Foo, 3-7 characters", ("String",)).high == 7
    assert parse_limit("Key, 1-64 Bytes", ("String",)).kind == "bytes"
    assert parse_limit("A JSON-serialized list of 2-5 tags", ("Array of String",)).low == 2
    assert parse_limit("Offset length can't exceed 64 bytes.", ("String",)).high == 64
    assert parse_limit("Values between 1-50 are accepted.", ("Integer",)).high == 50
    assert parse_limit("Value of the dice, 1-6 for dice", ("Integer",)) is None


def test_limits_come_from_the_spec_file(tmp_path: Path) -> None:
    raw = json.loads(spec_path().read_text(encoding="utf-8"))
    text = next(f for f in raw["methods"]["sendMessage"]["fields"] if f["name"] == "text")
    text["description"] = "Text of the message to be sent, 1-10 characters after entities parsing"
    path = tmp_path / "bot-api.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    spec = load_spec(path)
    shape = spec.method("sendMessage")
    assert shape is not None
    assert validate_call(spec, shape, {"chat_id": "1", "text": "x" * 10}, {}).errors == []
    assert (
        "1-10 characters"
        in validate_call(spec, shape, {"chat_id": "1", "text": "x" * 11}, {}).errors[0]
    )


def test_method_names_are_case_insensitive() -> None:
    assert SPEC.method("SENDMESSAGE") is SPEC.method("sendMessage") is not None


def test_parse_mode_on_a_method_without_it_is_ignored_as_telegram_does() -> None:
    """PTB's Defaults send parse_mode with editMessageReplyMarkup; Telegram ignores it."""
    markup = {"chat_id": 1, "message_id": 2, "reply_markup": keyboard(callback_data="x")}
    assert errors("editMessageReplyMarkup", {**markup, "parse_mode": "HTML"}) == []
    assert "unknown field" in errors("editMessageReplyMarkup", {**markup, "colour": 1})[0]
