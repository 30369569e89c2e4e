"""Serbian Latin to Cyrillic transliteration, for text and for HTML.

Serbian is written in both scripts and the mapping from Latin (with diacritics) to
Cyrillic is one-to-one apart from the digraphs lj, nj and dž (and a few words where those
two letters meet across a prefix, such as injekcija or podžupan). Content and UI strings
are written once in Latin and shown in Cyrillic by this module.

What stays as it is: text marked as another language (``[Report]{lang=en}`` in plain text,
any element with a non-Serbian ``lang`` in HTML), words that cannot be Serbian (with q, w,
x or y, digits, letters such as ë, or a capital inside such as ``WhatsApp``), known brand
names, URLs and e-mail addresses (anything with ``://``, ``www.``, ``@``, ``?``, ``=`` or a
dot inside), placeholders and HTML markup. A letter written after the digits of an article
number (``144.a``, ``182a``) is Serbian and is converted.
"""

from __future__ import annotations

import functools
import re
from html import escape
from html.parser import HTMLParser

_DIGRAPHS = {
    "Lj": "Љ",
    "LJ": "Љ",
    "lj": "љ",
    "Nj": "Њ",
    "NJ": "Њ",
    "nj": "њ",
    "Dž": "Џ",
    "DŽ": "Џ",
    "dž": "џ",
}
_LETTERS = dict(
    zip(
        "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
        "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш",
        strict=True,
    )
)
# Word beginnings where n+j or d+ž are two letters, a prefix and the start of the stem
# (in-jekcija, kon-junkcija, nad-živeti, pod-župan); "|" marks where the word splits.
SPLIT_DIGRAPHS = (
    "in|jek",
    "in|junk",
    "kon|jug",
    "kon|junk",
    "van|jezi",
    "nad|živ",
    "nad|žnje",
    "pod|žup",
    "pod|žel",
    "pod|žanr",
    "od|žal",
    "od|živ",
)
_SPLITS = tuple((stem.replace("|", ""), stem.index("|")) for stem in SPLIT_DIGRAPHS)
# A "word": letters, digits and the punctuation that glues foreign tokens together (dots,
# @, slashes, ?, = and & count only when a letter or digit follows, so a full stop or a
# question mark after a word stays outside it).
_TOKEN = re.compile(r"(?:[\w@+#-]|[./:?=&%](?=[\w/]))+|\S", re.UNICODE)
_URL = re.compile(r"://|^www\.|[@?=&%]|:\w|\.\w")
_ARTICLE = re.compile(r"(\d+[./]?)([A-Za-z]{1,2})")
_DIGIT = re.compile(r"\d")
# q/w/x/y, letters Serbian does not use (ë, ç, ä ...), underscores and hashes.
_FOREIGN = re.compile(r"[qwxyQWXY_#]|[^\W\da-zA-ZčćđšžČĆĐŠŽ]")
_CAMEL = re.compile(r"[a-zčćšžđ][A-ZČĆŠŽĐ]")
_SERBIAN_ONLY = re.compile(r"[čćšžđČĆŠŽĐ]")
# Text marked as another language: [Report and Block]{lang=en}. See courses/README.md.
FOREIGN_MARK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\{lang=(?P<lang>[A-Za-z]{2,3}(?:-\w+)*)\}")
# Names that Serbian Cyrillic texts keep in Latin letters. Words with a capital inside
# (TikTok, iPhone, StopNCII) are recognised on their own and need no entry here. Names of
# several words match in any case (TAKE IT DOWN); one-word names match as written.
PROTECTED_NAMES = (
    "Take It Down",
    "Google",
    "Facebook",
    "Snapchat",
    "Messenger",
    "Pornhub",
    "Threads",
    "Bumble",
    "SHARE",
    "Meta",
    "Instagram",
    "Telegram",
    "Viber",
    "Discord",
    "Signal",
    "Apple",
    "Android",
    "Reddit",
    "Microsoft",
    "Bing",
    "Chrome",
    "Safari",
    "Firefox",
    "Tinder",
    "Skype",
    "Zoom",
    "Roblox",
    "Fortnite",
    "Twitch",
    "Spotify",
    "Netflix",
    "Pinterest",
    "Tumblr",
    "Imgur",
    "Grindr",
    "Hinge",
    "Teams",
    "Gmail",
    "Outlook",
    "Report Remove",
    "Childline",
    "Unshared",
    "INHOPE",
    "Europol",
    "Interpol",
    "UNICEF",
    "Cyber Intimacy",
    "Shift",
    "Enter",
    "Tab",
    "Esc",
    "Open Badges",
    "JSON",
    "UN Women",
    "Global Voices",
    "Better Internet for Kids",
    "Octopus",
    "NCMEC",
    "Revenge Porn Helpline",
    "Internet Watch Foundation",
    "CETS",
    "T-ES",
    "Right To Be",
    "Hollaback",
    "EUR-Lex",
    "ECPAT",
    "CRCA",
    "PDF",
    "CSV",
    "UTC",
)
# Names that are also Serbian words (meta "target", signal): at the start of a sentence
# they are read as the Serbian word; mark the brand there as [Meta]{lang=en}.
AMBIGUOUS_NAMES = frozenset({"Meta", "Signal"})
# Serbian abbreviations written in mixed case, which the camel-case rule would keep Latin.
_MIXED_CASE = {"BiH": "БиХ", "FBiH": "ФБиХ", "RS-a": "РС-а"}
# A name stays Latin with its Serbian case ending too (Instagramu, Googleom).
_ENDINGS = r"(?:a|e|i|u|om|em|ov|ova|ove|ovu|ovi|ovim)?"


def _name_pattern(name: str) -> str:
    body = re.escape(name).replace(r"\ ", r"\s+")
    if " " in name:
        body = f"(?i:{body})"
    return body + _ENDINGS + r"\b"


# One word boundary in front of all the names, rather than one per name: inside a word the
# search then fails once per position instead of once per name (the same matches, in the
# same order of preference: the longest name first).
_PROTECTED = re.compile(
    r"\b(?:"
    + "|".join(_name_pattern(name) for name in sorted(PROTECTED_NAMES, key=len, reverse=True))
    + r")|%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}"
)
_SENTENCE_END = re.compile(r"(?:^|[.!?…])[\s„“\"'(*«»]*$")


def strip_marks(text: str) -> str:
    """The text as a reader sees it: language marks removed, the marked words kept."""
    return FOREIGN_MARK.sub(lambda m: m.group("text"), text)


def marks_to_html(text: str) -> str:
    """Plain text as escaped HTML, each marked part a ``<span lang="...">`` (screen readers
    switch language there, and the page shows which words are not Serbian)."""
    return FOREIGN_MARK.sub(
        lambda m: f'<span lang="{m.group("lang")}">{m.group("text")}</span>', escape(text)
    )


def _letters(word: str) -> str:
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


def _convert_word(word: str) -> str:
    lower = word.lower()
    for stem, split in _SPLITS:
        if lower.startswith(stem):
            return _letters(word[:split]) + _letters(word[split:])
    return _letters(word)


# A text is mostly the same few thousand words: each is worked out once.
@functools.lru_cache(maxsize=1 << 16)
def _convert_token(token: str) -> str:
    if token in _MIXED_CASE:
        return _MIXED_CASE[token]
    article = _ARTICLE.fullmatch(token)
    if article:
        return article.group(1) + _letters(article.group(2))
    if _URL.search(token) or _DIGIT.search(token):
        return token
    if "/" in token.strip("/"):
        return "/".join(_convert_token(part) if part else part for part in token.split("/"))
    if "-" in token.strip("-"):
        parts = token.split("-")
        converted = [_convert_token(part) if part else part for part in parts]
        foreign = [bool(part) and part == new for part, new in zip(parts, converted, strict=True)]
        # A Latin name takes a Cyrillic case ending (WhatsApp-у); a compound with a foreign
        # part anywhere else (EUR-Lex) stays as it is.
        if any(foreign) and not (foreign == [True, False] and len(parts[1]) <= 4):
            return token
        return "-".join(converted)
    if _FOREIGN.search(token) or (_CAMEL.search(token) and not _SERBIAN_ONLY.search(token)):
        return token
    return _convert_word(token)


def _convert_run(text: str) -> str:
    return _TOKEN.sub(lambda match: _convert_token(match.group(0)), text)


def _convert_unmarked(text: str) -> str:
    result: list[str] = []
    pos = 0
    for match in _PROTECTED.finditer(text):
        name = match.group(0)
        if any(name.startswith(word) for word in AMBIGUOUS_NAMES) and _SENTENCE_END.search(
            text[: match.start()]
        ):
            continue
        result.append(_convert_run(text[pos : match.start()]))
        result.append(name)
        pos = match.end()
    result.append(_convert_run(text[pos:]))
    return "".join(result)


def to_cyrillic(text: str, *, keep_marks: bool = False) -> str:
    """Transliterate plain Serbian Latin text, keeping foreign words and placeholders.

    Text marked as another language (``[Report and Block]{lang=en}``) is kept as written;
    its mark is removed unless ``keep_marks`` (for :func:`marks_to_html`).
    """
    result: list[str] = []
    pos = 0
    for match in FOREIGN_MARK.finditer(text):
        result.append(_convert_unmarked(text[pos : match.start()]))
        inner, lang = match.group("text"), match.group("lang")
        if _is_serbian(lang):
            result.append(_convert_unmarked(inner))
        else:
            result.append(f"[{inner}]{{lang={lang}}}" if keep_marks else inner)
        pos = match.end()
    result.append(_convert_unmarked(text[pos:]))
    return "".join(result)


def _is_serbian(lang: str) -> bool:
    # Serbian marked as Latin script (sr-Latn) is kept as written, like another language.
    return lang.lower() in {"sr", "sr-cyrl"}


class _HtmlTransliterator(HTMLParser):
    """Rebuilds HTML with its text (and alt/title attributes) in Cyrillic.

    Code and any element marked as another language (``<span lang="en">``) are copied as
    they are, with everything inside them.
    """

    _SKIP = frozenset({"code", "pre", "kbd", "samp"})
    _TEXT_ATTRS = frozenset({"alt", "title", "aria-label"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip_tag: str | None = None
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            self.skip_depth += tag == self.skip_tag
        else:
            lang = dict(attrs).get("lang")
            if tag in self._SKIP or (lang and not _is_serbian(lang)):
                self.skip_tag, self.skip_depth = tag, 1
        self.out.append(self._tag(tag, attrs, closing=False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, closing=True))

    def handle_endtag(self, tag: str) -> None:
        if tag == self.skip_tag:
            self.skip_depth -= 1
            if not self.skip_depth:
                self.skip_tag = None
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.skip_tag else to_cyrillic(data))

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
            if name in self._TEXT_ATTRS and not self.skip_tag:
                value = to_cyrillic(value)
            parts.append(f'{name}="{escape(value, quote=True)}"')
        return "<" + " ".join(parts) + (" />" if closing else ">")


def html_to_cyrillic(html: str) -> str:
    """Transliterate the text of an HTML fragment, leaving tags, URLs, code and text marked
    as another language alone."""
    parser = _HtmlTransliterator()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
