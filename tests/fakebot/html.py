"""A strict checker for Telegram's parse_mode=HTML, returning the text as the user sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tags Telegram understands (Bot API "Formatting options"); synonyms share a row.
ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler"}
    | {"a", "code", "pre", "blockquote", "tg-emoji"}
)
ALLOWED_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "span": frozenset({"class"}),
    "code": frozenset({"class"}),
    "blockquote": frozenset({"expandable"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
REQUIRED_ATTRS = {"a": "href", "span": "class", "tg-emoji": "emoji-id"}
# Entities that can't contain other entities (except the pre > code language wrapper).
LEAF_TAGS = frozenset({"pre", "code"})
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+)"
_TAG = re.compile(
    rf"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z][\w-]*(?:\s*=\s*{_VALUE})?)*)\s*(/?)>"
)
_ATTR = re.compile(rf"([A-Za-z][\w-]*)(?:\s*=\s*({_VALUE}))?")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


class HtmlError(ValueError):
    """Telegram's 'can't parse entities' error."""


@dataclass(frozen=True)
class OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    attrs: dict[str, str]


def _offset(text: str, index: int) -> int:
    """Telegram reports positions as UTF-8 byte offsets."""
    return len(text[:index].encode("utf-8"))


def _entity(match: re.Match[str]) -> str:
    name = match[1]
    if not name.startswith("#"):
        return NAMED_ENTITIES[name]
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    if not 0 < code <= 0x10FFFF:
        raise HtmlError(f'invalid numeric entity "{match[0]}"')
    return chr(code)


def unescape(text: str) -> str:
    """Decode the entities Telegram supports, leaving anything else untouched."""
    return _ENTITY.sub(lambda m: _entity(m), text)


def _attrs(name: str, raw: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        key, value = m[1].lower(), (m[2] or "").strip("\"'")
        if key not in ALLOWED_ATTRS.get(name, frozenset()):
            raise HtmlError(f'unsupported attribute "{key}" in tag "{name}"')
        attrs[key] = unescape(value)
    if (need := REQUIRED_ATTRS.get(name)) and not attrs.get(need):
        raise HtmlError(f'tag "{name}" must have attribute "{need}"')
    if name == "span" and attrs["class"] != "tg-spoiler":
        raise HtmlError('tag "span" must have class "tg-spoiler"')
    return attrs


def _check_nesting(tag: OpenTag, stack: list[OpenTag]) -> None:
    parent = stack[-1].name if stack else None
    names = {t.name for t in stack}
    if tag.name == "code" and "class" in tag.attrs:
        if parent != "pre":
            raise HtmlError("a programming language can be specified only for code inside pre")
        if not tag.attrs["class"].startswith("language-"):
            raise HtmlError('the class of "code" must look like "language-python"')
    wraps_code = tag.name == "code" and parent == "pre" and names & LEAF_TAGS == {"pre"}
    if names & LEAF_TAGS and not wraps_code:
        raise HtmlError(f'tag "{tag.name}" can\'t be nested inside "{parent}"')
    if tag.name in {"a", "blockquote"} and tag.name in names:
        raise HtmlError(f'tag "{tag.name}" can\'t be nested inside another "{tag.name}"')


def _tag(text: str, match: re.Match[str], stack: list[OpenTag], index: int) -> None:
    closing, name = match[1] == "/", match[2].lower()
    if name not in ALLOWED_TAGS:
        kind = "end" if closing else "start"
        raise HtmlError(f'unsupported {kind} tag "{name}" at byte offset {_offset(text, index)}')
    if match[4]:
        raise HtmlError(f'self-closing tag "{name}" at byte offset {_offset(text, index)}')
    if not closing:
        tag = OpenTag(name, _attrs(name, match[3]))
        _check_nesting(tag, stack)
        stack.append(tag)
        return
    if match[3].strip():
        raise HtmlError(f'end tag "{name}" can\'t have attributes')
    if not stack:
        raise HtmlError(f"unexpected end tag at byte offset {_offset(text, index)}")
    if stack[-1].name != name:
        raise HtmlError(
            f"unmatched end tag at byte offset {_offset(text, index)}, "
            f'expected "</{stack[-1].name}>", found "</{name}>"'
        )
    stack.pop()


def parse_html(text: str) -> str:
    """Validate Telegram HTML and return the plain text; raise HtmlError when it is invalid."""
    out: list[str] = []
    stack: list[OpenTag] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            if not (m := _TAG.match(text, i)):
                raise HtmlError(f'unescaped "<" at byte offset {_offset(text, i)}; use &lt;')
            _tag(text, m, stack, i)
            i = m.end()
        elif ch == ">":
            raise HtmlError(f'unescaped ">" at byte offset {_offset(text, i)}; use &gt;')
        elif ch == "&":
            if not (m := _ENTITY.match(text, i)):
                raise HtmlError(
                    f"unsupported HTML entity at byte offset {_offset(text, i)}; "
                    "only &lt; &gt; &amp; &quot; and numeric entities are allowed"
                )
            out.append(_entity(m))
            i = m.end()
        else:
            out.append(ch)
            i += 1
    if stack:
        raise HtmlError(f'can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return "".join(out)
