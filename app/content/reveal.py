"""``??? "Summary"``: a passage folded until the learner chooses to read it.

A distressing passage (a threat quoted word for word, a list of blaming sentences) should not
meet the learner on the same screen as the content note that warns of it. The author writes::

    ??? "Show the threats"
        "If you leave me, everyone will see your photos."

and the indented text becomes ``<details class="reveal"><summary>Show the threats</summary>``,
closed: a native disclosure that opens by tap, Enter or Space, with no script. Without a
summary (``???`` alone) the learner's language gives a neutral one. The indented text may hold
several paragraphs, lists, tables and callouts. Printing shows the text (``site.css``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import cast

import markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

CLASS = "reveal"
DEFAULT_SUMMARIES = {
    "en": "Show this part",
    "sr-Latn": "Prikaži ovaj deo",
    "hr": "Prikaži ovaj dio",
    "bs": "Prikaži ovaj dio",
    "cnr": "Prikaži ovaj dio",
    "sq": "Shfaq këtë pjesë",
    "mk": "Прикажи го овој дел",
}
_OPEN = re.compile(r'(?:^|\n)\?\?\?(?: +"(?P<summary>[^"\n]*)")? *(?:\n|$)')


class _RevealProcessor(BlockProcessor):
    """Turns a ``???`` line and the indented blocks under it into one ``<details>``."""

    def __init__(self, parser: BlockParser, summary: str) -> None:
        super().__init__(parser)
        self.default_summary = summary

    def _continued(self, parent: ET.Element, block: str) -> ET.Element | None:
        # A blank line ends a Markdown block: the next indented block still belongs to the
        # <details> just before it.
        last = self.lastChild(parent)
        if (
            last is not None
            and last.tag == "details"
            and last.get("class") == CLASS
            and block.startswith(" " * self.tab_length)
        ):
            return last
        return None

    def test(self, parent: ET.Element, block: str) -> bool:
        return bool(_OPEN.search(block)) or self._continued(parent, block) is not None

    def run(self, parent: ET.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        opening = _OPEN.search(block)
        if opening:
            if opening.start() > 0:
                self.parser.parseBlocks(parent, [block[: opening.start()]])
            inner, rest = self.detab(block[opening.end() :])
            details = ET.SubElement(parent, "details", {"class": CLASS})
            summary = ET.SubElement(details, "summary")
            summary.text = (opening.group("summary") or "").strip() or self.default_summary
        else:
            # test() found the <details> this indented block continues.
            details = cast(ET.Element, self._continued(parent, block))
            inner, rest = self.detab(block)
        self.parser.parseChunk(details, inner)
        if rest:
            blocks.insert(0, rest)


class RevealExtension(Extension):
    """Registers ``???`` folds, with the default summary in ``language``."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.summary = DEFAULT_SUMMARIES.get(language, DEFAULT_SUMMARIES["en"])

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Above callouts (105) and indented code (80), which would take the indented lines.
        md.parser.blockprocessors.register(_RevealProcessor(md.parser, self.summary), "reveal", 106)
