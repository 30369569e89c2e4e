"""one valid certificate per learner, course and scope; name corrections; status lists

Revision ID: b9c1e0a1d202
Revises: b9c1e0a1d201
Create Date: 2026-12-01 16:45:00

Existing certificates get their scope from their class (``"self"`` without one) and a
random, distinct place in status list 1. Where a learner already holds two valid
certificates for the same course and scope (two claims at once, before this
constraint), the later ones are revoked as duplicates of the first, which stays valid.
"""

import secrets
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


revision = 'b9c1e0a1d202'
down_revision = 'b9c1e0a1d201'
branch_labels = None
depends_on = None

STATUS_LIST_SIZE = 131072  # app/services/status_lists.py: LIST_SIZE


def upgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope_key', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('status_list', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('status_index', sa.Integer(), nullable=True))

    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, user_id, course_slug, classroom_id, revoked_at FROM certificates "
        "ORDER BY id")).all()
    places = set()
    valid = set()
    for row in rows:
        scope = 'self' if row.classroom_id is None else f'class-{row.classroom_id}'
        while True:
            place = secrets.randbelow(STATUS_LIST_SIZE)
            if place not in places:
                places.add(place)
                break
        conn.execute(sa.text(
            "UPDATE certificates SET scope_key = :scope, status_list = 1, status_index = :place "
            "WHERE id = :id"), {"scope": scope, "place": place, "id": row.id})
        key = (row.user_id, row.course_slug, scope)
        if row.revoked_at is None and row.user_id is not None:
            if key in valid:
                conn.execute(sa.text(
                    "UPDATE certificates SET revoked_at = :now, "
                    "revoked_reason = 'Duplicate of an earlier certificate' WHERE id = :id"
                ).bindparams(sa.bindparam("now", type_=sa.DateTime(timezone=True))),
                    {"now": datetime.now(UTC), "id": row.id})
            valid.add(key)

    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.alter_column('scope_key', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('status_list', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('status_index', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_certificates_replaced_by_id_certificates'),
                                    'certificates', ['replaced_by_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_unique_constraint(
            batch_op.f('uq_certificates_status_list_status_index'),
            ['status_list', 'status_index'])
        batch_op.create_index('uq_certificates_one_valid',
                              ['user_id', 'course_slug', 'scope_key'], unique=True,
                              sqlite_where=sa.text('revoked_at IS NULL'),
                              postgresql_where=sa.text('revoked_at IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index('uq_certificates_one_valid',
                            sqlite_where=sa.text('revoked_at IS NULL'),
                            postgresql_where=sa.text('revoked_at IS NULL'))
        batch_op.drop_constraint(batch_op.f('uq_certificates_status_list_status_index'),
                                 type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_certificates_replaced_by_id_certificates'),
                                 type_='foreignkey')
        batch_op.drop_column('status_index')
        batch_op.drop_column('status_list')
        batch_op.drop_column('replaced_by_id')
        batch_op.drop_column('scope_key')
