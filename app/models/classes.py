"""Organisations (schools, NGOs), their facilitators, classes and class members."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, utcnow


class Organisation(Base):
    """A school or an NGO whose facilitators share classes."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    invite_code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[OrganisationMember]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )
    classrooms: Mapped[list[Classroom]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", passive_deletes=True
    )


class OrganisationMember(Base):
    """A facilitator's place in an organisation."""

    __tablename__ = "organisation_members"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="members")


class Classroom(Base):
    """A class or cohort working through (part of) one course."""

    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(16))
    course_slug: Mapped[str] = mapped_column(String(80))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    is_joining_open: Mapped[bool] = mapped_column(default=True)
    ends_on: Mapped[str | None] = mapped_column(String(10))
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="classrooms")
    modules: Mapped[list[ClassroomModule]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ClassroomModule.position"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan", passive_deletes=True
    )


class ClassroomModule(Base):
    """A module of the class's course that the facilitator assigned."""

    __tablename__ = "classroom_modules"
    __table_args__ = (UniqueConstraint("classroom_id", "module_slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), index=True
    )
    module_slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)


class Membership(Base):
    """A learner in a class, known there only by a nickname."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("classroom_id", "nickname"),
        UniqueConstraint("classroom_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(
        ForeignKey("classrooms.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    nickname: Mapped[str] = mapped_column(String(40))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="memberships")
