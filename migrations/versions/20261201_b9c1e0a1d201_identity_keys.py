"""sessions name a random key; usernames unique regardless of case; keyed recovery lookups

Revision ID: b9c1e0a1d201
Revises: 40df2647d7d8
Create Date: 2026-12-01 16:40:00

Existing rows:
- ``session_key``: every user gets ``legacy-<random>``. The user loader still accepts an
  old cookie holding the numeric id for such a row (so a guest's progress survives the
  upgrade) and moves that cookie to the key; a row created after this migration never has
  the prefix, so an old cookie can never open a new user who inherited a deleted id.
- ``username_key``: the case-folded username. Two accounts that differ only in case (the
  race this migration closes) cannot both keep the name: the later one is renamed to
  ``<name>-<id>`` and reported on the console.
- ``recovery_lookup`` was ``sha256(code)[:32]``; it becomes ``HMAC(key, that)[:32]``, which
  is what app.credentials.codes computes from the code, so every recovery code keeps
  working and none is left behind as an unkeyed hash.
"""

import hashlib
import hmac
import secrets
import unicodedata

from alembic import context, op
import sqlalchemy as sa


revision = 'b9c1e0a1d201'
down_revision = '40df2647d7d8'
branch_labels = None
depends_on = None

users = sa.table('users', sa.column('id', sa.Integer), sa.column('username', sa.String),
                 sa.column('username_key', sa.String), sa.column('session_key', sa.String),
                 sa.column('recovery_lookup', sa.String))


def _recovery_key() -> bytes:
    # The same derivation as app.credentials.codes.configure, written out here so that later
    # changes to the app cannot change what this migration wrote. The secret is handed over
    # by `flask db upgrade` (app/cli.py) or, for a bare `alembic` run, by env.py.
    secret = context.config.attributes.get("recovery_code_key")
    if not secret:
        raise RuntimeError("the recovery-code key is needed to re-key recovery lookups: "
                           "run `flask --app wsgi db upgrade`")
    if isinstance(secret, str):
        secret = secret.encode()
    return hmac.new(secret, b"unshared recovery-code lookup", hashlib.sha256).digest()


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_key', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('session_key', sa.String(length=64), nullable=True))

    conn = op.get_bind()
    rows = conn.execute(sa.select(users.c.id, users.c.username, users.c.recovery_lookup)
                        .order_by(users.c.id)).all()
    key = _recovery_key() if any(r.recovery_lookup for r in rows) else b""
    seen: set[str] = set()
    for row in rows:
        values: dict = {'session_key': 'legacy-' + secrets.token_hex(24)}
        if row.username is not None:
            name = row.username
            folded = unicodedata.normalize("NFKC", name).casefold()
            if folded in seen:
                name = f"{row.username[:40 - len(str(row.id)) - 1]}-{row.id}"
                folded = unicodedata.normalize("NFKC", name).casefold()
                print(f"username {row.username!r} (user {row.id}) differs from an older "
                      f"account only in case; renamed to {name!r}")
            seen.add(folded)
            values.update(username=name, username_key=folded)
        if row.recovery_lookup:
            values['recovery_lookup'] = hmac.new(key, row.recovery_lookup.encode(),
                                                 hashlib.sha256).hexdigest()[:32]
        conn.execute(users.update().where(users.c.id == row.id).values(**values))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_key', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_users_session_key'), ['session_key'])
        batch_op.create_unique_constraint(batch_op.f('uq_users_username_key'), ['username_key'])


def downgrade() -> None:
    # Recovery lookups cannot be turned back into unkeyed hashes: codes issued or upgraded
    # after this revision stop working on a downgrade (their holders can join again).
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_username_key'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_users_session_key'), type_='unique')
        batch_op.drop_column('session_key')
        batch_op.drop_column('username_key')
