"""Learner-detail exports at national scale on PostgreSQL: every cell computed by the database.

The Python path (``selectors.learner_rows``) builds a ``LearnerRow`` per enrolment; that is exact and
portable but tops out at roughly ten thousand rows a second. For a million-row export PostgreSQL
computes the same cells itself — translated labels, progress (with the same banker's rounding as
Python's ``round``), local times, certificate codes, formula neutralisation — and streams CSV straight
out of ``COPY ... TO STDOUT``, or typed rows for an XLSX file. The rows, their order and their values
are those of the Python path; a PostgreSQL test compares the two byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from certificates.models import Certificate
from common.i18n import current_language
from courses.models import CoursePage, Enrolment, ModulePage

from .selectors import CourseModules

FORMULA_START = "('=', '+', '-', '@', CHR(9), CHR(13))"


def available() -> bool:
    return connection.vendor == "postgresql"


def _neutral(expression: str) -> str:
    """SQL for text made inert for spreadsheets (see exports.neutralise); empty text becomes NULL."""
    return (
        f"CASE WHEN LEFT({expression}, 1) IN {FORMULA_START} THEN '''' || {expression} "
        f"ELSE NULLIF({expression}, '') END"
    )


def _courses(language: str) -> tuple[str, list]:
    """A VALUES list of every course: id, title in the reader's language, modules counted, required or all."""
    modules = CourseModules()
    pages = list(CoursePage.objects.values_list("id", "title", "translation_key", "path", "locale__language_code"))
    translated = {str(key): title for _id, title, key, _path, code in pages if code == language}
    rows, params = [], []
    for page_id, title, key, path, _code in pages:
        counted, required = modules.counted(path)
        rows.append("(%s::integer, %s::text, %s::integer, %s::boolean)")
        params += [page_id, translated.get(str(key)) or title, counted, required]
    if not rows:
        rows.append("(NULL::integer, NULL::text, 0, TRUE)")
    return "(VALUES " + ", ".join(rows) + ") AS course (id, title, counted, required)", params


def _live_modules() -> tuple[str, list]:
    """A VALUES list of live modules and whether each is required: joined by hash, not per row."""
    rows, params = [], []
    for module_id, required in ModulePage.objects.live().values_list("id", "required"):
        rows.append("(%s::integer, %s::boolean)")
        params += [module_id, required]
    if not rows:
        rows.append("(NULL::integer, FALSE)")
    return "(VALUES " + ", ".join(rows) + ") AS module (id, required)", params


def learner_export_sql(
    queryset: QuerySet[Enrolment], *, accessors: list[str], for_csv: bool
) -> tuple[str, list] | None:
    """SELECT producing the learner-detail export columns named by ``accessors``, in the queryset's order."""
    language = current_language()
    ordering = list(queryset.query.order_by) or ["id"]
    sort = {f"sort_{index}": F(name.lstrip("-")) for index, name in enumerate(ordering)}
    base = queryset.values(
        e_id=F("id"),
        e_cycle=F("cycle"),
        e_status=F("status"),
        e_source=F("source"),
        e_due=F("due_date"),
        e_completed=F("completed_at"),
        e_number=F("learner__employee__employee_number"),
        e_name_ar=F("learner__employee__full_name_ar"),
        e_name_en=F("learner__employee__full_name_en"),
        e_grade=F("learner__employee__grade"),
        e_unit=F(f"learner__employee__org_unit__name_{language}"),
        e_course=F("course_id"),
        **sort,
    ).order_by()
    try:
        inner, inner_params = base.query.sql_with_params()
    except EmptyResultSet:
        # queryset.none() (invalid filters): Django knows without asking the database.
        return None
    courses, course_params = _courses(language)
    modules, module_params = _live_modules()
    status = dict(Enrolment.Status.choices)
    yes, no = gettext("Yes"), gettext("No")
    zone = timezone.get_current_timezone_name()
    today = timezone.localdate()
    table = connection.ops.quote_name(Certificate._meta.db_table)
    column = connection.ops.quote_name(Certificate._meta.get_field("enrolment").column)
    certificate_join = (
        f"LEFT JOIN {table} certificate ON certificate.{column} = q.e_id AND certificate.status = 'issued'"
    )
    if for_csv:
        due = "TO_CHAR(q.e_due, 'YYYY-MM-DD')"
        completed = "TO_CHAR(q.e_completed AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI')"
    else:
        due = "q.e_due"
        completed = "DATE_TRUNC('second', q.e_completed AT TIME ZONE %s)"
    # Progress as Outline.percent and LearnerRowBuilder compute it: banker's rounding of 100 * done / counted.
    done = "(CASE WHEN course.required THEN COALESCE(done.required_done, 0) ELSE COALESCE(done.all_done, 0) END)"
    quotient, remainder = f"((100 * {done}) / course.counted)", f"MOD(100 * {done}, course.counted)"
    rounded = (
        f"(CASE WHEN 2 * {remainder} > course.counted THEN {quotient} + 1 "
        f"WHEN 2 * {remainder} = course.counted THEN {quotient} + MOD({quotient}, 2) ELSE {quotient} END)"
    )
    progress = (
        "CASE WHEN q.e_status = 'completed' THEN 100 "
        f"WHEN q.e_status = 'in_progress' AND course.counted > 0 THEN LEAST(99, {rounded}) ELSE 0 END"
    )
    columns = {
        "employee_number": _neutral("q.e_number"),
        "name_ar": _neutral("q.e_name_ar"),
        "name_en": _neutral("q.e_name_en"),
        "grade": _neutral("q.e_grade"),
        "unit": _neutral("q.e_unit"),
        "course": _neutral("course.title"),
        "cycle": "q.e_cycle",
        "status_label": "CASE q.e_status WHEN 'not_started' THEN %s WHEN 'in_progress' THEN %s "
        "WHEN 'completed' THEN %s ELSE q.e_status END",
        "mandatory": "CASE WHEN q.e_source = 'assigned' THEN %s ELSE %s END",
        "progress_percent": progress,
        "due_date": due,
        "completed_at": completed,
        # courses.status.is_overdue, in SQL for the COPY export (tests compare the two).
        "overdue": "CASE WHEN q.e_due < %s AND q.e_status <> 'completed' THEN %s ELSE %s END",
        "certificate_code": _neutral("certificate.code"),
    }
    column_params = {
        "status_label": [str(status["not_started"]), str(status["in_progress"]), str(status["completed"])],
        "mandatory": [yes, no],
        "completed_at": [zone],
        "overdue": [today, yes, no],
    }
    select, select_params = [], []
    for accessor in accessors:
        select.append(columns[accessor])
        select_params += column_params.get(accessor, [])
    order = ", ".join(
        f"q.sort_{index} {'DESC' if name.startswith('-') else 'ASC'}" for index, name in enumerate(ordering)
    )
    # Only constants, column names from the models and Django's own SQL are spliced in; every value
    # (labels, dates, titles, the filters' values) travels as a parameter.
    sql = (
        f"WITH q AS MATERIALIZED ({inner}), "  # noqa: S608
        "done AS (SELECT progress.enrolment_id, COUNT(*) FILTER (WHERE module.required) AS required_done, "
        "COUNT(*) AS all_done FROM courses_moduleprogress progress "
        f"JOIN {modules} ON module.id = progress.module_id "
        "WHERE progress.completed_at IS NOT NULL "
        "AND progress.enrolment_id IN (SELECT e_id FROM q WHERE e_status = 'in_progress') "
        "GROUP BY progress.enrolment_id) "
        f"SELECT {', '.join(select)} FROM q "
        "LEFT JOIN done ON done.enrolment_id = q.e_id "
        f"LEFT JOIN {courses} ON course.id = q.e_course "
        f"{certificate_join} "
        f"ORDER BY {order}"
    )
    return sql, [*inner_params, *module_params, *select_params, *course_params]


def _session_for_export(cursor) -> None:
    cursor.execute("SET LOCAL work_mem = '64MB'")
    # Compiling this query to machine code costs seconds and saves nothing on a single scan.
    cursor.execute("SET LOCAL jit = off")
    cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")


def csv_body(queryset: QuerySet[Enrolment], *, accessors: list[str]) -> Iterator[bytes]:
    """The CSV rows (no heading) as PostgreSQL's COPY streams them, block by block."""
    query = learner_export_sql(queryset, accessors=accessors, for_csv=True)
    if query is None:
        return
    sql, params = query
    with transaction.atomic(), connection.cursor() as cursor:
        _session_for_export(cursor)
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
            # COPY sends a message per row; hand them on in blocks of about 64 kB, not a million pieces.
            pending, size = [], 0
            for block in copy:
                pending.append(bytes(block))
                size += len(block)
                if size >= 65536:
                    yield b"".join(pending)
                    pending, size = [], 0
            if pending:
                yield b"".join(pending)


def typed_rows(queryset: QuerySet[Enrolment], *, accessors: list[str], chunk_size: int = 5000) -> Iterator[tuple]:
    """The export rows as tuples (dates and times as values), read through a server-side cursor."""
    query = learner_export_sql(queryset, accessors=accessors, for_csv=False)
    if query is None:
        return
    sql, params = query
    with transaction.atomic():
        with connection.cursor() as cursor:
            _session_for_export(cursor)
        cursor = connection.chunked_cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(chunk_size):
                yield from rows
        finally:
            cursor.close()
