"""Admin rules for course content."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from .models import CoursePage, ModulePage, source_page
from .panels import MyCoursesPanel, OutdatedTranslationsPanel
from .publication import with_publication_facts
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


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def lead_to_the_first_module(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A course saved without any module yet: its author goes on to the form for the first one.

    After editing too, because the editor's autosave usually creates the page before the author
    presses a button, so their first "Save draft" is an edit. Only for the form a person sent (an
    autosave asks for JSON and keeps its own answer), and only for the course in the language it
    was written in: a translation's modules are translated from the source's, not added.
    """
    if not isinstance(page, CoursePage) or not request.accepts("text/html"):
        return None
    if ModulePage.objects.child_of(page).exists() or source_page(page).pk != page.pk:
        return None
    if not page.permissions_for_user(request.user).can_add_subpage():
        return None
    messages.info(request, _("Course saved. Now add its first module."))
    return redirect("wagtailadmin_pages:add", "courses", "modulepage", page.pk)


@hooks.register("construct_homepage_panels")
def add_author_panels(request: HttpRequest, panels: list) -> None:
    panels.append(MyCoursesPanel())
    panels.append(OutdatedTranslationsPanel())


@hooks.register("construct_explorer_page_queryset")
def annotate_publication_schedule(parent_page: Page, pages: QuerySet, request: HttpRequest) -> QuerySet:
    """The page listing shows when a scheduled page goes live and when a page expires (same query)."""
    return with_publication_facts(pages)


@hooks.register("register_admin_viewset")
def register_quiz_report() -> list:
    return [quiz_report_viewset]
