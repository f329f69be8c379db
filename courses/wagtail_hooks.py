"""Admin rules for course content."""

from django.http import HttpRequest, HttpResponse
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from .models import CoursePage
from .panels import OutdatedTranslationsPanel
from .question_import_views import ImportQuestionsButton, question_import_urls
from .quiz_report import quiz_report_viewset


@hooks.register("before_create_page")
def only_course_editors_add_modules(request: HttpRequest, parent_page: Page, page_class: type) -> HttpResponse | None:
    """A trainer may add modules only to a course they may edit (their own).

    Wagtail's "add" permission lets a trainer add children anywhere under the catalogue; a module
    inside another trainer's course would change that course, so it needs edit rights on it.
    """
    if isinstance(parent_page.specific, CoursePage) and not parent_page.permissions_for_user(request.user).can_edit():
        return permission_denied(request)
    return None


@hooks.register("construct_homepage_panels")
def add_outdated_translations(request: HttpRequest, panels: list) -> None:
    panels.append(OutdatedTranslationsPanel())


@hooks.register("register_admin_viewset")
def register_quiz_report() -> list:
    return [quiz_report_viewset]


@hooks.register("register_admin_urls")
def register_question_import_urls() -> list:
    return question_import_urls()


@hooks.register("register_page_header_buttons")
def question_import_header_button(page: Page, user, view_name: str, next_url: str | None = None):
    yield ImportQuestionsButton(page=page, priority=25)


@hooks.register("register_page_listing_more_buttons")
def question_import_listing_button(page: Page, user, next_url: str | None = None):
    yield ImportQuestionsButton(page=page, priority=9)
