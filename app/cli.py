"""Command line: ``flask courses check``, ``flask db ...``, ``flask i18n ...``, ``flask users ...``.

Commands that only read content never touch the database, so they work on a fresh clone,
and they do not need the content to be valid to start.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from app.config import PROJECT_ROOT

courses_cli = AppGroup("courses", help="Check course content.")
db_cli = AppGroup("db", help="Database migrations.")
i18n_cli = AppGroup("i18n", help="Interface translations.")
users_cli = AppGroup("users", help="Manage accounts.")
demo_cli = AppGroup("demo", help="Demo data for development.")
maintenance_cli = AppGroup("maintenance", help="Regular clean-up.")
credentials_cli = AppGroup("credentials", help="The certificate signing key.")


@courses_cli.command("check")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge the age of legal facts as on this day (YYYY-MM-DD; default: today).",
)
def courses_check(strict: bool, today: datetime | None) -> None:
    """Load all content and print every problem as path:line: message.

    Legal facts last checked over 12 months ago are warnings (L020) that do not fail
    ``--strict``; over 18 months (L021) they do.
    """
    from app.content.legal_currency import currency_problems
    from app.content.loader import load_catalog

    catalog, problems = load_catalog(Path(current_app.config["COURSES_DIR"]), root=Path.cwd())
    currency = currency_problems(
        catalog.legal, today.date() if today else date.today(), strict=strict
    )
    for problem in sorted([*problems, *currency]):
        click.echo(str(problem))
    errors = len(problems.errors) + len(currency.errors)
    warnings = len(problems) - len(problems.errors)
    lessons = sum(len(m.lessons) for c in catalog.courses for m in c.modules)
    click.echo(
        f"{len(catalog.courses)} course(s), {lessons} lesson(s): "
        f"{errors} error(s), {warnings} warning(s), {len(problems)} problem(s); "
        f"{len(currency)} legal fact(s) due for a new check"
    )
    if errors or (strict and warnings):
        sys.exit(1)


@courses_cli.command("stamp")
@click.argument("language")
@click.argument("paths", nargs=-1)
def courses_stamp(language: str, paths: tuple[str, ...]) -> None:
    """Record the current English version in LANGUAGE's translation files.

    Run it after bringing a translation up to date; with PATHS, only those files.
    """
    from app.content.loader import load_catalog
    from app.content.stamp import StampError, stamp
    from app.content.translations import TranslationIndex

    root = Path.cwd()
    catalog, _problems = load_catalog(Path(current_app.config["COURSES_DIR"]), root=root)
    # load_catalog always builds an index; only a Catalog made by hand has none.
    index = catalog.translations or TranslationIndex()
    try:
        changed = stamp(index, root, language, paths)
    except StampError as error:
        raise click.ClickException(str(error)) from error
    for path in changed:
        click.echo(f"stamped {path}")
    click.echo(f"{len(changed)} file(s) stamped")


@courses_cli.command("status")
def courses_status() -> None:
    """Print, per language, how many files are complete, stale, missing and reviewed."""
    from app.content.loader import load_catalog
    from app.content.translations import TranslationIndex
    from app.translation_status import format_table, language_status

    catalog, _problems = load_catalog(Path(current_app.config["COURSES_DIR"]), root=Path.cwd())
    translations = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    index = catalog.translations or TranslationIndex()
    click.echo(format_table(language_status(index, translations)))


def _alembic(run: Callable[[Any], object]) -> None:
    """Run an Alembic command on the app's database, in one transaction.

    The migrations never import the app: what they need from its configuration (the
    database, the key of recovery-code lookups) is handed to them here, through the
    config's attributes that ``migrations/env.py`` and the revisions read.
    """
    from alembic.config import Config

    from app.config import recovery_code_key
    from app.db import get_engine

    cfg = Config(str(PROJECT_ROOT / "migrations" / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    cfg.attributes["database_url"] = current_app.config["DATABASE_URL"]
    cfg.attributes["recovery_code_key"] = recovery_code_key(current_app.config)
    with get_engine().begin() as connection:
        cfg.attributes["connection"] = connection
        run(cfg)


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    from alembic import command

    _alembic(lambda cfg: command.upgrade(cfg, revision))


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Undo migrations down to REVISION (``base``: an empty database). Data that only the
    undone revisions hold is lost."""
    from alembic import command

    _alembic(lambda cfg: command.downgrade(cfg, revision))


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    """Write a new migration from the difference between models and database."""
    from alembic import command

    _alembic(lambda cfg: command.revision(cfg, message=message, autogenerate=True))


@i18n_cli.command("cyrillic")
def i18n_cyrillic() -> None:
    """Write the Serbian Cyrillic catalogue (translations/sr) from the Serbian Latin one."""
    from app.i18n_tools import write_cyrillic_catalogs

    for path, count in write_cyrillic_catalogs(PROJECT_ROOT / "translations"):
        click.echo(f"translations/{path}: {count} messages transliterated")


@i18n_cli.command("check")
def i18n_check() -> None:
    """Check every catalogue for placeholders that do not match the English text."""
    from app.i18n_tools import check_catalogs

    problems = check_catalogs(PROJECT_ROOT / "translations")
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(problems)} problem(s)")
    if problems:
        sys.exit(1)


@users_cli.command("create-admin")
@click.argument("username")
@click.password_option()
def create_admin(username: str, password: str) -> None:
    """Create a site administrator."""
    from app.db import get_session
    from app.services import accounts
    from app.services.errors import Refused

    db = get_session()
    try:
        user = accounts.sign_up(db, None, username, password, role="admin")
    except Refused as error:
        raise click.ClickException(error.message) from error
    user.role = "admin"
    db.commit()
    click.echo(f"administrator {user.username} created")


@demo_cli.command("load")
@click.option(
    "--base-url",
    default="http://127.0.0.1:5000",
    show_default=True,
    help="The address the development server listens on, for the printed links.",
)
def demo_load(base_url: str) -> None:
    """Load demo data into an empty development database (never in production).

    The demo pupils' recovery codes are shown once by the site, so they are also kept in
    instance/demo-credentials.txt (development only) and printed again on every later run.
    """
    from app.content.ext import get_catalog
    from app.db import get_session
    from app.services import demo

    if current_app.config["ENV_NAME"] == "production":
        click.echo("demo data is never loaded in production")
        return
    saved = Path(current_app.instance_path) / "demo-credentials.txt"
    db = get_session()
    if not demo.is_empty(db):
        if saved.is_file():
            click.echo(
                "Demo data already loaded.\n"
                + saved.read_text(encoding="utf-8").replace("{base_url}", base_url.rstrip("/"))
            )
        else:
            click.echo(
                "demo data: the database already has users, nothing loaded "
                "(delete instance/unshared.sqlite3 to start again with demo data)"
            )
        return
    data = demo.load(db, get_catalog())
    db.commit()
    text = "\n".join(
        [
            "Sign in at {base_url}/en/account/login",
            f"  facilitator: {demo.FACILITATOR[0]} / {demo.FACILITATOR[1]}",
            f"  administrator: {demo.ADMIN[0]} / {demo.ADMIN[1]}",
            f"  class dashboard: {{base_url}}/en/classes/{data.class_id}/",
            f"  join code: {data.join_code}",
            "  learners' recovery codes (at {base_url}/en/continue): "
            + ", ".join(f"{k} {v}" for k, v in data.recovery_codes.items()),
        ]
    )
    saved.write_text(text + "\n", encoding="utf-8")
    saved.chmod(0o600)
    click.echo("Demo data loaded.\n" + text.replace("{base_url}", base_url.rstrip("/")))


@maintenance_cli.command("purge")
def purge() -> None:
    """Delete archived classes past their retention period and long-idle guests."""
    from app.db import get_session
    from app.services import classes

    db = get_session()
    removed = classes.purge_expired(
        db,
        archived_days=current_app.config["ARCHIVED_CLASS_RETENTION_DAYS"],
        guest_days=current_app.config["GUEST_RETENTION_DAYS"],
    )
    db.commit()
    click.echo(f"deleted {removed[0]} archived class(es) and {removed[1]} idle guest(s)")


@credentials_cli.command("create-key")
def create_key() -> None:
    """Create the signing key once, before the site opens (production will not make one),
    then copy the same file to every machine; print its path and thumbprint to compare."""
    from app.config import credential_key_file
    from app.credentials.openbadges.keys import jwk_thumbprint, load_or_create_key

    path = credential_key_file(current_app)
    existed = path.is_file()
    key = load_or_create_key(path)
    click.echo(f"{'kept the existing' if existed else 'created a new'} signing key {path}")
    click.echo(f"thumbprint {jwk_thumbprint(key)} (the same on every machine)")


def init_app(app: Flask) -> None:
    """Register the command groups."""
    groups = (courses_cli, db_cli, i18n_cli, users_cli, demo_cli, maintenance_cli, credentials_cli)
    for group in groups:
        app.cli.add_command(group)
