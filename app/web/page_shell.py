"""A page assembled from a shell rendered once, for views whose personal parts are few.

For a signed-in learner a lesson page went through ``render_template`` on every request:
every context processor, ``base.html`` and the lesson template, although all of it but a
handful of values is the same for everyone who reads that lesson in that language (issue
15). A *shell* is the page rendered once with holes where the per-request parts go, kept in
the fragment cache (:mod:`app.web.fragments`); a request fills the holes and joins.

The holes are the CSRF token (this session's own) and the three fragments of every page
(head links, header, footer), which have keys of their own. Everything else the templates
read is in the shell's key or is the same for every request: the view's key (which must
name all its context, as for a fragment), the language and script root, whether there is a
session, the two display preferences a session holds (``neutral_title``,
``keep_out_of_history``), whether the language is offered, and the site's name. The shell
is rendered from that context alone, never with Flask's context processors, so no other
personal value can reach it; tests/web/test_page_shell.py checks that the templates read
nothing else. A request with flashed messages, or where content problems are shown (not in
production), is rendered by ``render_template`` as before.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from flask import current_app, render_template, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from app import i18n
from app.content.ext import content_problems
from app.web import fragments

#: Marks a hole in a shell: NUL never occurs in rendered text (app/web/guard.py refuses it
#: in input, and templates do not make it).
MARK = "\x00"
#: Each hole, by the name the templates call it by.
HOLES = ("site_assets", "site_header", "site_footer", "csrf_token")


def _hole(name: str) -> Any:
    return lambda: Markup(f"{MARK}{name}{MARK}")


def render(
    template: str,
    key: tuple[object, ...],
    sources: tuple[object, ...],
    holes: dict[str, Markup],
    **context: Any,
) -> str:
    """``template`` as ``render_template(template, **holes, **context)`` renders it, from
    a shell kept under ``key``, which must name everything ``context`` holds (``sources`` as
    for a fragment). ``holes`` are parts kept elsewhere (a lesson's text, already in the
    fragment cache), put into the page rather than copied into every shell."""
    if "_flashes" in session or _problems_shown():
        return render_template(template, **holes, **context)
    lang = i18n.current()
    shared = {
        "lang": lang,
        "site_name": current_app.config["SITE_NAME"],
        "language_offered": lang.tag in i18n.enabled(),
        "neutral_title": bool(session.get("neutral_title")),
        "keep_out_of_history": bool(session.get("keep_out_of_history")),
        "session": bool(session),
    }
    shell_key = (
        "shell",
        template,
        *key,
        lang.tag,
        request.script_root,
        *((name, value) for name, value in shared.items() if name != "lang"),
    )
    shell = fragments.cache().get(
        shell_key, lambda: _render_shell(template, tuple(holes), {**context, **shared}), sources
    )
    filled: dict[str, str] = {name: str(value) for name, value in holes.items()}
    parts = str(shell).split(MARK)
    for index in range(1, len(parts), 2):
        name = parts[index]
        if name not in filled:
            filled[name] = _fill(name)
        parts[index] = filled[name]
    return "".join(parts)


def _render_shell(template: str, names: tuple[str, ...], context: dict[str, Any]) -> str:
    marks = {name: _hole(name) for name in HOLES}
    marks.update({name: Markup(f"{MARK}{name}{MARK}") for name in names})
    return fragments.render(
        template,
        **context,
        **marks,
        content_problems=(),
        get_flashed_messages=lambda **_kwargs: (),
    )


def _fill(name: str) -> str:
    if name == "csrf_token":
        return str(escape(csrf_token()))
    filler = {
        "site_assets": fragments.site_assets,
        "site_header": fragments.site_header,
        "site_footer": fragments.site_footer,
    }[name]
    return str(filler())


def csrf_token() -> str:
    """This session's CSRF token, as ``generate_csrf`` makes it, signed once per session
    secret rather than on every page: the signature differs only by its time, which is
    never checked while ``WTF_CSRF_TIME_LIMIT`` is unset (the form does not expire)."""
    config = current_app.config
    field = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    raw = session.get(field)
    if not isinstance(raw, str) or config.get("WTF_CSRF_TIME_LIMIT") is not None:
        return generate_csrf()
    return _signed(config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, field, raw)


@lru_cache(maxsize=4096)
def _signed(_secret_key: object, _field: str, _raw: str) -> str:
    # The arguments are the cache's key: what generate_csrf signs, and with which key.
    return generate_csrf()


def _problems_shown() -> bool:
    """Whether ``base.html`` lists content problems (as app/web/templating.py decides)."""
    app = current_app
    return (
        app.config["ENV_NAME"] != "production"
        and not app.testing
        and bool(content_problems().errors)
    )
