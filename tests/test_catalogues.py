"""The interface catalogues hold every string the code and templates show (issue 13).

A string added to a template but never extracted is shown in English in every language,
and nothing else would notice: the catalogues still say 100 %.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tests.helpers import PROJECT

LOCALES = ("sr_Latn", "sq", "mk", "hr", "bs", "sr_Latn_ME")


def _ids(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as po:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(po) if m.id}


def test_the_template_holds_every_string_of_the_code_and_templates(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "pyproject.toml",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(fresh),
            "--no-location",
            ".",
        ],
        cwd=PROJECT,
        check=True,
        capture_output=True,
    )
    extracted = _ids(fresh)
    assert len(extracted) > 500  # the extraction read the code and the templates
    missing = extracted - _ids(PROJECT / "translations/messages.pot")
    assert not missing, f"run 'make extract-messages' and translate: {sorted(missing)[:5]}"


def test_every_catalogue_translates_every_string() -> None:
    wanted = _ids(PROJECT / "translations/messages.pot")
    for locale in LOCALES:
        with (PROJECT / f"translations/{locale}/LC_MESSAGES/messages.po").open(
            encoding="utf-8"
        ) as po:
            catalog = read_po(po)
        done = {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in catalog
            if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
        }
        assert wanted <= done, (locale, sorted(wanted - done)[:5])
