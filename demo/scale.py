"""The OMAN-250k dataset: a deterministic national-scale organisation and its learning records.

Everything is derived from one seed, the scale and an "as of" date, so two runs with the same three
produce identical rows. Bulk rows are streamed to PostgreSQL with COPY (psycopg 3); the secondary
indexes and constraints of the two big tables are dropped for the load and rebuilt afterwards,
which is several times faster than maintaining them row by row.

It lives in ``reports`` because it writes people *and* courses; ``people`` must not import ``courses``.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from courses.models import CoursePage, Enrolment, ModulePage, ModuleProgress, SkillArea
from demo.courses import ensure_catalogue
from people.models import Employee, HRScope, OrgUnit
from people.services import HR_OFFICERS, LEARNERS, ensure_roles

FULL_EMPLOYEES = 250_000
COURSES = 400
MANDATORY_COURSES = 20
DEFAULT_SEED = 2040

# (code, English, Arabic, relative headcount)
MINISTRIES = [
    ("moe", "Ministry of Education", "وزارة التربية والتعليم", 30),
    ("moh", "Ministry of Health", "وزارة الصحة", 22),
    ("moi", "Ministry of Interior", "وزارة الداخلية", 6),
    ("mol", "Ministry of Labour", "وزارة العمل", 5),
    ("mof", "Ministry of Finance", "وزارة المالية", 4),
    ("moec", "Ministry of Economy", "وزارة الاقتصاد", 2),
    (
        "mtcit",
        "Ministry of Transport, Communications and Information Technology",
        "وزارة النقل والاتصالات وتقنية المعلومات",
        4,
    ),
    ("mohup", "Ministry of Housing and Urban Planning", "وزارة الإسكان والتخطيط العمراني", 3),
    ("mosd", "Ministry of Social Development", "وزارة التنمية الاجتماعية", 3),
    (
        "moheri",
        "Ministry of Higher Education, Research and Innovation",
        "وزارة التعليم العالي والبحث العلمي والابتكار",
        3,
    ),
    (
        "maf",
        "Ministry of Agriculture, Fisheries and Water Resources",
        "وزارة الثروة الزراعية والسمكية وموارد المياه",
        4,
    ),
    ("mem", "Ministry of Energy and Minerals", "وزارة الطاقة والمعادن", 2),
    ("mocip", "Ministry of Commerce, Industry and Investment Promotion", "وزارة التجارة والصناعة وترويج الاستثمار", 3),
    ("mcsy", "Ministry of Culture, Sports and Youth", "وزارة الثقافة والرياضة والشباب", 3),
    ("moht", "Ministry of Heritage and Tourism", "وزارة التراث والسياحة", 2),
    ("mojla", "Ministry of Justice and Legal Affairs", "وزارة العدل والشؤون القانونية", 2),
    ("mara", "Ministry of Awqaf and Religious Affairs", "وزارة الأوقاف والشؤون الدينية", 2),
]
DIRECTORATES = [
    ("afa", "Directorate General of Administrative and Financial Affairs", "المديرية العامة للشؤون الإدارية والمالية"),
    ("plan", "Directorate General of Planning", "المديرية العامة للتخطيط"),
    ("it", "Directorate General of Information Technology", "المديرية العامة لتقنية المعلومات"),
    ("hr", "Directorate General of Human Resources", "المديرية العامة للموارد البشرية"),
    ("dt", "Directorate General of Digital Transformation", "المديرية العامة للتحول الرقمي"),
]
DEPARTMENTS = [
    ("ops", "Operations Department", "دائرة العمليات"),
    ("svc", "Services Department", "دائرة الخدمات"),
    ("qa", "Quality Department", "دائرة الجودة"),
]
GIVEN = [
    ("Mohammed", "محمد"), ("Maryam", "مريم"), ("Ahmed", "أحمد"), ("Zainab", "زينب"), ("Yousuf", "يوسف"),
    ("Shamsa", "شمسة"), ("Hilal", "هلال"), ("Muna", "منى"), ("Badr", "بدر"), ("Noora", "نورة"),
    ("Talal", "طلال"), ("Huda", "هدى"), ("Salim", "سالم"), ("Aisha", "عائشة"), ("Khalid", "خالد"),
    ("Fatma", "فاطمة"), ("Said", "سعيد"), ("Asma", "أسماء"), ("Nasser", "ناصر"), ("Latifa", "لطيفة"),
]  # fmt: skip
FAMILY = [
    ("Al-Busaidi", "البوسعيدي"), ("Al-Kindi", "الكندي"), ("Al-Siyabi", "السيابي"), ("Al-Lawati", "اللواتي"),
    ("Al-Ghafri", "الغافري"), ("Al-Amri", "العامري"), ("Al-Shukaili", "الشكيلي"), ("Al-Jabri", "الجابري"),
    ("Al-Balushi", "البلوشي"), ("Al-Harthy", "الحارثي"), ("Al-Rawahi", "الرواحي"), ("Al-Hinai", "الهنائي"),
    ("Al-Maamari", "المعمري"), ("Al-Farsi", "الفارسي"), ("Al-Abri", "العبري"), ("Al-Riyami", "الريامي"),
]  # fmt: skip
TOPICS = [
    ("E-services design", "تصميم الخدمات الإلكترونية"), ("Cyber hygiene", "النظافة السيبرانية"),
    ("Data literacy", "الثقافة البيانية"), ("Spreadsheets", "الجداول الإلكترونية"),
    ("Leading change", "قيادة التغيير"), ("Cloud basics", "أساسيات الحوسبة السحابية"),
    ("Open data", "البيانات المفتوحة"), ("Digital signatures", "التوقيع الرقمي"),
    ("Project management", "إدارة المشاريع"), ("Customer experience", "تجربة المتعامل"),
]  # fmt: skip
SKILLS = [choice.value for choice in SkillArea]
LEVELS = ["beginner", "intermediate", "advanced"]
GRADES = [str(grade) for grade in range(1, 15)]
GRADE_WEIGHTS = [1, 1, 2, 3, 5, 7, 9, 11, 12, 12, 11, 10, 9, 7]
ENROLMENTS_PER_EMPLOYEE = [1, 2, 3, 4, 5, 6, 7]
ENROLMENT_WEIGHTS = [8, 17, 22, 21, 15, 10, 7]
STATUS_CODES = ("not_started", "in_progress", "completed")
NULL = "\\N"  # COPY's text-format NULL
# "!" marks an unusable password: scale accounts exist for reports, not for logging in; a constant
# (rather than make_password(None)) keeps the dataset identical between runs.
UNUSABLE_PASSWORD = "!oman250k"  # noqa: S105
FUTURE_DAYS = 400  # due dates may lie this far ahead of the "as of" date


@dataclass
class ScaleReport:
    """What was generated and how long each phase took, for the command's summary."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _copy_rows(cursor, sql: str, lines: Iterable[str], progress: Callable[[int], None] | None = None) -> int:
    """COPY text-format lines (tab separated, \\N for NULL) in batches; returns the row count."""
    written = 0
    batch: list[str] = []
    with cursor.copy(sql) as copy:
        for line in lines:
            batch.append(line)
            if len(batch) >= 20_000:
                copy.write("".join(batch))
                written += len(batch)
                if progress:
                    progress(len(batch))
                batch.clear()
        if batch:
            copy.write("".join(batch))
            written += len(batch)
            if progress:
                progress(len(batch))
    return written


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 - table names are constants
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))",  # noqa: S608
        [table],
    )


def _drop_secondary_indexes(cursor, table: str) -> list[str]:
    """Drop unique/foreign-key constraints and non-primary indexes of a table; return the SQL restoring them."""
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    constraint_names = {name for name, _kind, _definition in constraints}
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "JOIN pg_class c ON c.relname = i.indexname "
        "JOIN pg_index x ON x.indexrelid = c.oid "
        "WHERE i.tablename = %s AND NOT x.indisprimary ORDER BY i.indexname",
        [table],
    )
    indexes = [(name, definition) for name, definition in cursor.fetchall() if name not in constraint_names]
    restore = [definition for _name, definition in indexes]
    restore += [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for name, _kind, definition in constraints]
    for name, _kind, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return restore


class ScaleDataset:
    """Generates OMAN-250k (or a fraction of it) into an empty PostgreSQL database."""

    def __init__(self, *, scale: float = 1.0, seed: int = DEFAULT_SEED, as_of: datetime.date, progress=None):
        self.scale = scale
        self.seed = seed
        self.as_of = as_of
        self.employees = max(20, round(FULL_EMPLOYEES * scale))
        # ``progress(label, total)`` returns an object with ``update(n)`` and ``close()`` (tqdm does).
        self.progress = progress
        self.report = ScaleReport()
        # Date strings by "days before as_of"; negative offsets (due dates ahead) are stored first.
        self.days = [(as_of - datetime.timedelta(days=offset)).isoformat() for offset in range(-FUTURE_DAYS, 5 * 366)]

    # -- helpers -----------------------------------------------------------------------------------

    def _bar(self, label: str, total: int):
        if self.progress is None:
            return None
        return self.progress(label, total)

    @staticmethod
    def _close(bar) -> None:
        if bar is not None:
            bar.update(bar.total - bar.n)
            bar.close()

    def _timed(self, phase: str, started: float) -> None:
        self.report.seconds[phase] = round(time.monotonic() - started, 1)

    def _date(self, days_ago: int) -> str:
        return self.days[days_ago + FUTURE_DAYS]

    def _timestamp(self, days_ago: int, slot: int) -> str:
        # Working hours in Muscat; the slot spreads events of one day over the morning.
        return f"{self._date(max(days_ago, 0))} {8 + slot % 8:02d}:{(slot * 7) % 60:02d}:00+04"

    # -- phases --------------------------------------------------------------------------------------

    def check_empty(self) -> None:
        if connection.vendor != "postgresql":
            raise RuntimeError("seed_scale loads with PostgreSQL COPY; point DATABASE_URL at a PostgreSQL database.")
        if Employee.objects.exists() or Enrolment.objects.exists():
            raise RuntimeError(
                "seed_scale fills an empty database, but this one already has employees or enrolments. "
                "Create a new database (createdb qudra_scale), migrate it and run seed_scale there."
            )

    def run(self) -> ScaleReport:
        self.check_empty()
        with transaction.atomic(), connection.cursor() as django_cursor:
            cursor = django_cursor.cursor  # the psycopg 3 cursor, for COPY
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute("SET LOCAL work_mem = '64MB'")
            # Before anything is written: later, deferred foreign-key checks would block the ALTER TABLEs.
            restore = []
            for table in (ModuleProgress._meta.db_table, Enrolment._meta.db_table):
                restore += _drop_secondary_indexes(cursor, table)
            catalogues = ensure_catalogue()
            groups = ensure_roles(catalogue=catalogues["ar"])
            units = self._units()
            modules = self._courses(cursor, catalogues)
            user_ids = self._people(cursor, units, groups[LEARNERS])
            self._hr_officers(groups[HR_OFFICERS])
            enrolments = self._enrolments(cursor, user_ids, modules)
            self._progress(cursor, enrolments, modules)
            started = time.monotonic()
            bar = self._bar("indexes", len(restore))
            for statement in restore:
                cursor.execute(statement)
                if bar:
                    bar.update(1)
            self._close(bar)
            for table in ("courses_enrolment", "courses_moduleprogress"):
                _reset_sequence(cursor, table)
            self._timed("indexes", started)
        started = time.monotonic()
        if connection.in_atomic_block:
            # Called inside a transaction (tests): VACUUM cannot run there; ANALYZE is enough.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            return self.report
        with connection.cursor() as cursor:
            # Outside the transaction: VACUUM sets the visibility map so count queries can use
            # index-only scans, and ANALYZE gives the planner real statistics.
            for table in (
                "people_orgunit",
                "auth_user",
                "people_employee",
                "courses_enrolment",
                "courses_moduleprogress",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")
        self._timed("vacuum_analyze", started)
        return self.report

    def _units(self) -> dict[str, list[tuple[int, float]]]:
        """Ministries > directorates > departments through treebeard; returns (unit id, weight) per ministry."""
        started = time.monotonic()
        rng = random.Random(f"{self.seed}-units")
        units: dict[str, list[tuple[int, float]]] = {}
        count = 0
        for code, name_en, name_ar, _weight in MINISTRIES:
            ministry = OrgUnit.add_root(code=code, name_en=name_en, name_ar=name_ar, kind=OrgUnit.Kind.MINISTRY)
            members = [(ministry.id, 3.0)]
            count += 1
            for d_code, d_en, d_ar in DIRECTORATES[: rng.randint(3, 5)]:
                directorate = ministry.add_child(
                    code=f"{code}-{d_code}", name_en=d_en, name_ar=d_ar, kind=OrgUnit.Kind.DIRECTORATE
                )
                members.append((directorate.id, 4.0))
                count += 1
                for p_code, p_en, p_ar in DEPARTMENTS[: rng.randint(2, 3)]:
                    department = directorate.add_child(
                        code=f"{code}-{d_code}-{p_code}",
                        name_en=f"{p_en} ({d_en.removeprefix('Directorate General of ')})",
                        name_ar=f"{p_ar} ({d_ar.removeprefix('المديرية العامة ')})",
                        kind=OrgUnit.Kind.DEPARTMENT,
                    )
                    members.append((department.id, 10.0 + rng.random() * 10))
                    count += 1
            units[code] = members
        self.report.counts["org_units"] = count
        self.report.counts["ministries"] = len(MINISTRIES)
        self._timed("org_units", started)
        return units

    def _courses(self, cursor, catalogues) -> list[tuple[int, list[tuple[int, bool, bool]]]]:
        """400 bilingual courses of 10-16 modules, copied straight into Wagtail's page tables.

        Returns, per course, (course page id, [(module page id, required, has quiz), ...]).
        """
        started = time.monotonic()
        rng = random.Random(f"{self.seed}-courses")
        course_type = ContentType.objects.get_for_model(CoursePage).id
        module_type = ContentType.objects.get_for_model(ModulePage).id
        published = f"{self._date(400)} 08:00:00+04"
        page_id = _next_id(cursor, "wagtailcore_page")
        pages, course_rows, module_rows, result = [], [], [], []

        def page_row(pid, path, depth, numchild, title, slug, url_path, ctype, key, locale) -> str:
            return (
                f"{pid}\t{path}\t{depth}\t{numchild}\t{title}\t{title}\t{slug}\tt\tf\t{url_path}\t\tf\t\tf\t"
                f"{ctype}\tf\t{key}\t{locale}\t{published}\t{published}\t{published}\n"
            )

        source, english = catalogues["ar"], catalogues["en"]
        for index in range(COURSES):
            topic_en, topic_ar = TOPICS[index % len(TOPICS)]
            level = LEVELS[(index // len(TOPICS)) % len(LEVELS)]
            number = index + 1
            key = uuid.uuid5(uuid.NAMESPACE_URL, f"oman-250k/course/{number}")
            slug = f"course-{number:03d}"
            module_count = rng.randint(10, 16)
            hours = rng.randint(2, 12)
            titles = {"ar": f"{topic_ar} {number:03d}", "en": f"{topic_en} {number:03d}"}
            course_id = page_id
            for language, catalogue in (("ar", source), ("en", english)):
                path = CoursePage._get_path(catalogue.path, catalogue.depth + 1, index + 1)
                pages.append(
                    page_row(
                        page_id,
                        path,
                        catalogue.depth + 1,
                        module_count if language == "ar" else 0,
                        titles[language],
                        slug,
                        f"{catalogue.url_path}{slug}/",
                        course_type,
                        key,
                        catalogue.locale_id,
                    )
                )
                course_rows.append(
                    f"{page_id}\t{titles[language]}\t{SKILLS[index % len(SKILLS)]}\t{level}\t{hours}\tall_required\n"
                )
                page_id += 1
            course_modules = []
            optional_last = rng.random() < 0.15
            ar_path = CoursePage._get_path(source.path, source.depth + 1, index + 1)
            for position in range(module_count):
                required = not (optional_last and position == module_count - 1)
                has_quiz = position % 4 == 3
                module_slug = f"module-{position + 1:02d}"
                pages.append(
                    page_row(
                        page_id,
                        ModulePage._get_path(ar_path, source.depth + 2, position + 1),
                        source.depth + 2,
                        0,
                        f"{titles['ar']} - {position + 1}",
                        module_slug,
                        f"{source.url_path}{slug}/{module_slug}/",
                        module_type,
                        uuid.uuid5(uuid.NAMESPACE_URL, f"oman-250k/course/{number}/module/{position + 1}"),
                        source.locale_id,
                    )
                )
                module_rows.append(f"{page_id}\t[]\t{'t' if required else 'f'}\t{rng.randint(10, 45)}\n")
                course_modules.append((page_id, required, has_quiz))
                page_id += 1
            result.append((course_id, course_modules))
        _copy_rows(
            cursor,
            "COPY wagtailcore_page (id, path, depth, numchild, title, draft_title, slug, live, "
            "has_unpublished_changes, url_path, seo_title, show_in_menus, search_description, expired, "
            "content_type_id, locked, translation_key, locale_id, first_published_at, last_published_at, "
            "latest_revision_created_at) FROM STDIN",
            pages,
        )
        _copy_rows(
            cursor,
            "COPY courses_coursepage (page_ptr_id, summary, skill_area, level, estimated_hours, completion_rule) "
            "FROM STDIN",
            course_rows,
        )
        _copy_rows(
            cursor,
            "COPY courses_modulepage (page_ptr_id, body, required, estimated_minutes) FROM STDIN",
            module_rows,
        )
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = %s WHERE id IN (%s, %s)", [COURSES, source.id, english.id]
        )
        _reset_sequence(cursor, "wagtailcore_page")
        self.report.counts["courses"] = COURSES
        self.report.counts["modules"] = len(module_rows)
        self._timed("courses", started)
        return result

    def _people(self, cursor, units: dict[str, list[tuple[int, float]]], learners: Group) -> array:
        """Users, employees and their Learners membership; returns the user id of every employee."""
        started = time.monotonic()
        rng = random.Random(f"{self.seed}-people")
        ministry_weights = [weight for *_rest, weight in MINISTRIES]
        ministry_codes = [code for code, *_rest in MINISTRIES]
        unit_choices = {
            code: ([unit_id for unit_id, _w in members], [w for _u, w in members]) for code, members in units.items()
        }
        first_user = _next_id(cursor, "auth_user")
        first_employee = _next_id(cursor, "people_employee")
        first_membership = _next_id(cursor, "auth_user_groups")
        joined = f"{self._date(900)} 08:00:00+04"
        user_ids = array("i")
        users, employees, memberships = [], [], []
        for index in range(self.employees):
            user_id = first_user + index
            user_ids.append(user_id)
            given_en, given_ar = rng.choice(GIVEN)
            father_en, father_ar = rng.choice(GIVEN)
            family_en, family_ar = rng.choice(FAMILY)
            ministry = rng.choices(ministry_codes, ministry_weights)[0]
            unit_ids, unit_weights = unit_choices[ministry]
            unit_id = rng.choices(unit_ids, unit_weights)[0]
            username = f"om{index + 1:07d}"
            users.append(
                f"{user_id}\t{UNUSABLE_PASSWORD}\t\\N\tf\t{username}\t{given_en}\t{family_en}\t{username}@gov.example.om\t"
                f"f\tt\t{joined}\n"
            )
            hire_days = rng.randint(200, 5 * 365)
            employees.append(
                f"{first_employee + index}\tOM{index + 1:07d}\t{given_ar} {father_ar} {family_ar}\t"
                f"{given_en} {father_en} {family_en}\tSpecialist\t{rng.choices(GRADES, GRADE_WEIGHTS)[0]}\t"
                f"{self._date(hire_days)}\t{'ar' if rng.random() < 0.8 else 'en'}\t"
                f"{user_id}\t{unit_id}\n"
            )
            memberships.append(f"{first_membership + index}\t{user_id}\t{learners.id}\n")
        bar = self._bar("people", self.employees * 3)
        update = bar.update if bar else None
        _copy_rows(
            cursor,
            "COPY auth_user (id, password, last_login, is_superuser, username, first_name, last_name, email, "
            "is_staff, is_active, date_joined) FROM STDIN",
            users,
            update,
        )
        _copy_rows(
            cursor,
            "COPY people_employee (id, employee_number, full_name_ar, full_name_en, job_title, grade, hire_date, "
            "preferred_language, user_id, org_unit_id) FROM STDIN",
            employees,
            update,
        )
        _copy_rows(cursor, "COPY auth_user_groups (id, user_id, group_id) FROM STDIN", memberships, update)
        for table in ("auth_user", "people_employee", "auth_user_groups"):
            _reset_sequence(cursor, table)
        self._close(bar)
        self.report.counts["employees"] = self.employees
        self._timed("people", started)
        return user_ids

    def _hr_officers(self, hr_group: Group) -> None:
        """One HR officer per ministry (``hr.<code>``), scoped to it, for the benchmarks and manual checks."""
        user_model = get_user_model()
        for code, name_en, name_ar, _weight in MINISTRIES:
            ministry = OrgUnit.objects.get(code=code)
            user = user_model.objects.create(
                username=f"hr.{code}", password=UNUSABLE_PASSWORD, email=f"hr.{code}@gov.example.om"
            )
            user.groups.add(hr_group)
            HRScope.objects.create(user=user, org_unit=ministry)
            Employee.objects.create(
                user=user,
                employee_number=f"HR-{code.upper()}",
                full_name_en=f"HR officer, {name_en}",
                full_name_ar=f"موظف الموارد البشرية، {name_ar}",
                org_unit=ministry,
                grade="7",
            )
        user_model.objects.create(
            username="admin.scale",
            password=UNUSABLE_PASSWORD,
            is_superuser=True,
            is_staff=True,
            email="admin@gov.example.om",
        )

    def _enrolments(self, cursor, user_ids: array, modules) -> dict[str, array]:
        """About four enrolments per employee; returns what the progress pass needs, one entry per enrolment."""
        started = time.monotonic()
        rng = random.Random(f"{self.seed}-enrolments")
        mandatory = set(range(MANDATORY_COURSES))
        first_id = _next_id(cursor, "courses_enrolment")
        memo = {
            "course": array("H"),
            "status": array("B"),
            "started": array("H"),
            "completed": array("H"),
            "done": array("B"),
        }
        rows_total = [0]
        bar = self._bar("enrolments", len(user_ids))

        def rows():
            enrolment_id = first_id
            for number, user_id in enumerate(user_ids):
                wanted = rng.choices(ENROLMENTS_PER_EMPLOYEE, ENROLMENT_WEIGHTS)[0]
                chosen: list[int] = []
                while len(chosen) < wanted:
                    course = rng.randrange(MANDATORY_COURSES) if rng.random() < 0.5 else rng.randrange(COURSES)
                    if course not in chosen:
                        chosen.append(course)
                for course in chosen:
                    module_count = len(modules[course][1])
                    course_id = modules[course][0]
                    assigned = course in mandatory or rng.random() < 0.1
                    history = rng.random() < 0.08
                    cycles = (1, 2) if history else (1,)
                    for cycle in cycles:
                        current = cycle == cycles[-1]
                        if current:
                            roll = rng.random()
                            status = 2 if roll < 0.75 else 1 if roll < 0.95 else 0
                            # Unfinished enrolments are recent ones: few people sit on a course for years.
                            enrolled = rng.randint(1, 730) if status == 2 else rng.randint(1, 180)
                        else:
                            enrolled = rng.randint(760, 1500)
                            status = 2
                        # Days ago, never in the future: started after enrolling, finished after starting.
                        begun = enrolled - rng.randint(0, min(14, enrolled)) if status else 0
                        finished = begun - rng.randint(0, min(90, begun)) if status == 2 else 0
                        done = module_count if status == 2 else rng.randint(0, module_count - 1) if status else 0
                        due_days_ago = enrolled - rng.choice((60, 90, 120, 180))
                        due = self._date(due_days_ago) if assigned else NULL
                        flag, source = "t" if current else "f", "assigned" if assigned else "self"
                        yield (
                            f"{enrolment_id}\t{cycle}\t{flag}\t{source}\t{STATUS_CODES[status]}\t{due}\t"
                            f"{self._timestamp(enrolled, number)}\t"
                            f"{self._timestamp(begun, number + 1) if status else NULL}\t"
                            f"{self._timestamp(finished, number + 2) if status == 2 else NULL}\t"
                            f"{course_id}\t{user_id}\n"
                        )
                        memo["course"].append(course)
                        memo["status"].append(status)
                        memo["started"].append(begun)
                        memo["completed"].append(finished)
                        memo["done"].append(done)
                        enrolment_id += 1
                        rows_total[0] += 1
                if bar and number % 1000 == 999:
                    bar.update(1000)

        _copy_rows(
            cursor,
            "COPY courses_enrolment (id, cycle, is_current, source, status, due_date, enrolled_at, started_at, "
            "completed_at, course_id, learner_id) FROM STDIN",
            rows(),
        )
        self._close(bar)
        memo["first_id"] = array("q", [first_id])
        self.report.counts["enrolments"] = rows_total[0]
        self._timed("enrolments", started)
        return memo

    def _progress(self, cursor, memo: dict[str, array], modules) -> None:
        """Module progress: every module of a completed enrolment, the first few of one in progress."""
        started = time.monotonic()
        rng = random.Random(f"{self.seed}-progress")
        first_enrolment = memo["first_id"][0]
        first_id = _next_id(cursor, "courses_moduleprogress")
        total = len(memo["course"])
        bar = self._bar("module progress (by enrolment)", total)
        written = [0]
        scores = [f"{score}.00" for score in range(0, 101)]

        def rows():
            progress_id = first_id
            for index in range(total):
                status = memo["status"][index]
                if status == 0:
                    continue
                course_modules = modules[memo["course"][index]][1]
                begun, finished, done = memo["started"][index], memo["completed"][index], memo["done"][index]
                enrolment_id = first_enrolment + index
                span = max(begun - finished, 0)
                # In progress: ``done`` modules completed, then the next one opened but not finished.
                limit = len(course_modules) if status == 2 else min(done + 1, len(course_modules))
                for position in range(limit):
                    module_id, required, has_quiz = course_modules[position]
                    if status == 2 and not required and rng.random() < 0.5:
                        continue
                    day = begun - (span * position) // len(course_modules)
                    is_done = status == 2 or position < done
                    if has_quiz and is_done:
                        score, attempts = scores[rng.randint(60, 100)], rng.randint(1, 3)
                    elif has_quiz:
                        score, attempts = (scores[rng.randint(20, 59)], 1) if rng.random() < 0.5 else (NULL, 0)
                    else:
                        score, attempts = NULL, 0
                    yield (
                        f"{progress_id}\t{self._timestamp(day, position)}\t"
                        f"{self._timestamp(day, position + 1) if is_done else NULL}\t{score}\t{attempts}\t"
                        f"{enrolment_id}\t{module_id}\n"
                    )
                    progress_id += 1
                    written[0] += 1
                if bar and index % 5000 == 4999:
                    bar.update(5000)

        _copy_rows(
            cursor,
            "COPY courses_moduleprogress (id, started_at, completed_at, best_score, attempts, enrolment_id, module_id) "
            "FROM STDIN",
            rows(),
        )
        self._close(bar)
        self.report.counts["module_progress"] = written[0]
        self._timed("module_progress", started)
