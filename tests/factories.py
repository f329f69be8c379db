"""factory-boy factories for people, courses and learning records."""

from __future__ import annotations

import uuid

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage, CoursePage, Enrolment, ModulePage
from people.models import Employee, OrgUnit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.om")
    password = factory.django.Password("pass-word-123")


def make_org_unit(
    code: str,
    parent: OrgUnit | None = None,
    kind: str = OrgUnit.Kind.MINISTRY,
    *,
    name_en: str | None = None,
    name_ar: str | None = None,
) -> OrgUnit:
    fields = {"code": code, "kind": kind, "name_en": name_en or f"Unit {code}", "name_ar": name_ar or f"وحدة {code}"}
    return parent.add_child(**fields) if parent else OrgUnit.add_root(**fields)


def add_catalogue() -> CourseIndexPage:
    """The Arabic catalogue as the default site's root (both locales exist), published."""
    locale = Locale.objects.get_or_create(language_code="ar")[0]
    Locale.objects.get_or_create(language_code="en")
    page = CourseIndexPage(title="الدورات", slug="courses", locale=locale)
    Page.get_first_root_node().add_child(instance=page)
    page.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=page, is_default_site=True, site_name="Qudra")
    return page


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    employee_number = factory.Sequence(lambda n: f"T{n:06d}")
    full_name_en = factory.Sequence(lambda n: f"Employee {n}")
    full_name_ar = factory.Sequence(lambda n: f"الموظف {n}")
    org_unit = factory.LazyFunction(lambda: OrgUnit.objects.first() or make_org_unit("root"))
    grade = "7"


def _item(value: dict) -> dict:
    # A list item with its own UUID, as the admin saves it: items stored without one get a new UUID
    # on every load, and quiz answers are keyed by the question's and the choice's UUID.
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _quiz(pass_mark: int = 50, **settings) -> dict:
    """Two single-choice questions, one right answer each; ``settings`` adds limits, shuffling or a pool."""
    return {
        "title": "Check",
        "pass_mark": pass_mark,
        "questions": [
            {
                "type": "single_choice",
                "id": str(uuid.uuid4()),
                "value": {
                    "text": "Which one is right?",
                    "explanation": "Because it is.",
                    "points": 1,
                    "choices": [_item({"text": "Right", "correct": True}), _item({"text": "Wrong", "correct": False})],
                },
            },
            {
                "type": "single_choice",
                "id": str(uuid.uuid4()),
                "value": {
                    "text": "And this one?",
                    "explanation": "",
                    "points": 1,
                    "choices": [_item({"text": "Wrong", "correct": False}), _item({"text": "Right", "correct": True})],
                },
            },
        ],
        **settings,
    }


def add_course(catalogue, *, title: str = "Course", modules: int = 3, quiz_last: bool = False, **fields) -> CoursePage:
    """Create and publish a course with `modules` published modules under the catalogue."""
    course = CoursePage(
        title=title,
        summary=f"About {title}",
        skill_area=fields.pop("skill_area", "digital_services"),
        level=fields.pop("level", "beginner"),
        locale=catalogue.locale,
        **fields,
    )
    _add_live(catalogue, course)
    for index in range(modules):
        body = [{"type": "paragraph", "value": f"<p>Content of module {index + 1}</p>"}]
        if quiz_last and index == modules - 1:
            body.append({"type": "quiz", "value": _quiz()})
        add_module(course, title=f"{title} module {index + 1}", body=body)
    return course


def add_module(course: CoursePage, *, title: str, body=None, required: bool = True) -> ModulePage:
    module = ModulePage(title=title, body=body or [], required=required, locale=course.locale)
    return _add_live(course, module)


def _add_live(parent, page):
    # Live in one save: publishing through a revision takes four times as long, and most tests build
    # several courses. A test that edits a page publishes a revision of its own.
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    parent.add_child(instance=page)
    return page


def translate(page, language_code: str, **fields):
    """Create the page's translation in another locale (as wagtail-localize would) and publish it."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    # Publishing saves a copy loaded from the revision; reload so a changed slug shows in url_path.
    translation.refresh_from_db()
    return translation


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory(UserFactory)
