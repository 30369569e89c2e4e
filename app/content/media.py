"""Course images: which files a lesson may show, and the address each is served at.

A lesson writes ``![alt](images/bench.svg)``; the file lives in the course's ``images/``
folder and is served at ``/course-media/<course>/<name>``. Only the image types below are
served, and only files directly in that folder, so a lesson can never point the server at
another file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

#: The image files a lesson may show (compared case-insensitively).
IMAGE_SUFFIXES: tuple[str, ...] = (".svg", ".png", ".jpg", ".jpeg", ".webp")
#: How a lesson refers to a course image.
MEDIA_PREFIX = "images/"

MediaUrl = Callable[[str], str | None]


def is_image_name(name: str) -> bool:
    """Whether ``name`` is a plain file name with one of :data:`IMAGE_SUFFIXES`."""
    return bool(name) and "/" not in name and name.lower().endswith(IMAGE_SUFFIXES)


def media_resolver(folder: Path, slug: str, served: dict[tuple[str, str], str]) -> MediaUrl:
    """The function that turns a lesson's ``images/<name>`` into its URL for course ``slug``.

    It returns ``None`` when the reference is not to an image file of ``folder/images``;
    each image found is added to ``served`` (``(slug, name)`` -> absolute path), which the
    web layer serves from.
    """

    def media_url(src: str) -> str | None:
        name = src.removeprefix(MEDIA_PREFIX)
        if src == name or not is_image_name(name):
            return None
        file = folder / "images" / name
        if not file.is_file():
            return None
        served[(slug, name)] = str(file.resolve())
        return f"/course-media/{slug}/{name}"

    return media_url
