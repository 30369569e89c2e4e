"""Serbian Latin to Cyrillic transliteration, for text and for HTML.

Serbian is written in both scripts and the mapping from Latin (with diacritics) to
Cyrillic is one-to-one apart from the digraphs lj, nj and dž. Content and UI strings are
written once in Latin and shown in Cyrillic by this module. Words that cannot be Serbian
(with q, w, x or y, digits, or a dot inside, such as ``StopNCII.org`` or ``WhatsApp``) are
left alone, as are URLs, e-mail addresses, placeholders and HTML markup.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

_DIGRAPHS = {
    "Lj": "Љ", "LJ": "Љ", "lj": "љ",
    "Nj": "Њ", "NJ": "Њ", "nj": "њ",
    "Dž": "Џ", "DŽ": "Џ", "dž": "џ",
}
_LETTERS = dict(
    zip(
        "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
        "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш",
        strict=True,
    )
)
# A "word" for the purpose of deciding whether to convert it: letters, digits and the
# punctuation that glues foreign tokens together (dots, @, slashes, underscores).
_TOKEN = re.compile(r"[\w@./:+#-]+|\S", re.UNICODE)
# Digits, q/w/x/y, letters Serbian does not use (ë, ç, ä ...), or URL/e-mail punctuation.
_FOREIGN = re.compile(r"[qwxyQWXY0-9@/_#]|:\w|\.\w|[^\W\da-zA-ZčćđšžČĆĐŠŽ]")
_PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}")
# Names that Serbian Cyrillic texts keep in Latin letters. Words with a capital inside
# (TikTok, iPhone, StopNCII) are recognised on their own and need no entry here.
PROTECTED_NAMES = (
    "Take It Down", "Google", "Facebook", "Snapchat", "Messenger", "Pornhub", "Threads",
    "Bumble", "SHARE", "Meta", "Instagram", "Telegram", "Viber", "Discord", "Signal", "Apple",
    "Android", "Reddit", "Microsoft", "Bing", "Chrome", "Safari", "Firefox", "Tinder", "Skype",
    "Zoom", "Roblox", "Fortnite", "Twitch", "Spotify", "Netflix", "Pinterest", "Tumblr",
    "Imgur", "Grindr", "Hinge", "Teams", "Gmail", "Outlook", "Report Remove", "Childline",
    "Unshared", "INHOPE", "Europol", "Interpol", "UNICEF", "Cyber Intimacy", "Shift", "Enter",
    "Tab", "Esc", "Open Badges", "JSON", "UN Women", "Global Voices", "Better Internet for Kids",
    "Octopus", "NCMEC", "Revenge Porn Helpline", "Internet Watch Foundation", "CETS", "Report",
    "Report Contact", "Block", "Violence, abuse, and criminal exploitation", "T-ES",
)
# Serbian abbreviations written in mixed case, which the camel-case rule would keep Latin.
_MIXED_CASE = {"BiH": "БиХ", "FBiH": "ФБиХ", "RS-a": "РС-а"}
# A name stays Latin with its Serbian case ending too (Instagramu, Googleom).
_ENDINGS = r"(?:a|e|i|u|om|em|ov|ova|ove|ovu|ovi|ovim)?"
_PROTECTED = re.compile(
    "|".join(r"\b" + re.escape(name).replace(r"\ ", r"\s+") + _ENDINGS + r"\b"
             for name in sorted(PROTECTED_NAMES, key=len, reverse=True))
    + r"|%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}"
)
_CAMEL = re.compile(r"[a-zčćšžđ][A-ZČĆŠŽĐ]")


def _convert_word(word: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_LETTERS.get(word[i], word[i]))
        i += 1
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Transliterate plain Serbian Latin text, keeping foreign words and placeholders."""
    result: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        result.append(_convert_run(text[pos : match.start()]))
        result.append(match.group(0))
        pos = match.end()
    result.append(_convert_run(text[pos:]))
    return "".join(result)


def _convert_run(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in _MIXED_CASE:
            return _MIXED_CASE[token]
        if _FOREIGN.search(token) or _CAMEL.search(token):
            return token
        return _convert_word(token)

    return _TOKEN.sub(repl, text)


class _HtmlTransliterator(HTMLParser):
    """Rebuilds HTML with its text (and alt/title attributes) in Cyrillic."""

    _SKIP = {"code", "pre", "kbd", "samp"}
    _TEXT_ATTRS = {"alt", "title", "aria-label"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, closing=False))
        if tag in self._SKIP:
            self.skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, closing=True))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.skip_depth else to_cyrillic(data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], *, closing: bool) -> str:
        parts = [tag]
        for name, value in attrs:
            if value is None:
                parts.append(name)
                continue
            if name in self._TEXT_ATTRS:
                value = to_cyrillic(value)
            parts.append(f'{name}="{escape(value, quote=True)}"')
        return "<" + " ".join(parts) + (" />" if closing else ">")


def html_to_cyrillic(html: str) -> str:
    """Transliterate the text of an HTML fragment, leaving tags, URLs and code alone."""
    parser = _HtmlTransliterator()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
