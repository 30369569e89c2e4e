"""The progress table's module cells, built once per distinct cell rather than once per cell.

A class of 500 learners and 7 modules has 3,500 cells, but few distinct ones: a status, a
best result and the lessons read. Each distinct cell is built and escaped once here and
reused, where the template spent most of the dashboard's rendering time on a loop, three
tests and two formats per cell. The texts come translated from the view
(:func:`app.blueprints.classes.views.classrooms.table_texts`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from app.services.progress import ModuleProgress
from app.services.reports import LearnerRow


def progress_cells(rows: Sequence[LearnerRow], texts: Mapping[str, str]) -> list[Markup]:
    """Per learner, the ``<td>`` of each assigned module, as one piece of markup."""
    made: dict[tuple[str, int | None, int, int], str] = {}

    def cell(state: ModuleProgress) -> str:
        status = state.status
        key = (status, state.best_percent, state.done_count, state.lesson_count)
        html = made.get(key)
        if html is None:
            html = f'<td class="status status--{status}">{escape(texts[status])}'
            if state.best_percent is not None:
                best = texts["best"] % {"p": state.best_percent}
                html += f'<br><span class="meta">{escape(best)}</span>'
            if state.done_count:
                read = texts["lessons"] % {"done": state.done_count, "total": state.lesson_count}
                html += f'<br><span class="meta">{escape(read)}</span>'
            html = made[key] = html + "</td>"
        return html

    return [Markup("".join(cell(state) for state in row.modules)) for row in rows]
