"""Admin rules for course content."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from .models import CoursePage, ModulePage, source_page
from .panels import MyCoursesPanel, OutdatedTranslationsPanel
from .preview_views import preview_urls
from .publication import with_publication_facts
from .question_import_views import ImportQuestionsButton, question_import_urls
from .quiz_report import quiz_report_viewset
from .selectors import has_learning_records


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


KEEP_RECORDS = gettext_lazy(
    "%(title)s holds learners' progress, so it cannot be deleted: their records and certificates depend on it. "
    "Unpublish it instead; learners keep their records and it no longer counts towards completion."
)


@hooks.register("before_delete_page")
def keep_pages_with_learning_records(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Deleting a course or module with learners' records is refused with a message, never a 500
    (the records protect the page), and the author is pointed to unpublishing."""
    if not has_learning_records(pages=[page]):
        return None
    messages.error(request, KEEP_RECORDS % {"title": page.get_admin_display_title()})
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@hooks.register("before_bulk_action")
def keep_pages_with_learning_records_in_bulk(
    request: HttpRequest, action_type: str, objects, action
) -> HttpResponse | None:
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    kept = [page for page in objects if has_learning_records(pages=[page])]
    if not kept:
        return None
    for page in kept:
        messages.error(request, KEEP_RECORDS % {"title": page.get_admin_display_title()})
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/qudra-admin.css"))


@hooks.register("register_admin_urls")
def register_question_import_urls() -> list:
    return question_import_urls()


@hooks.register("register_admin_urls")
def register_preview_urls() -> list:
    return preview_urls()


@hooks.register("register_page_header_buttons")
def question_import_header_button(page: Page, user, view_name: str, next_url: str | None = None):
    yield ImportQuestionsButton(page=page, priority=25)


@hooks.register("register_page_listing_more_buttons")
def question_import_listing_button(page: Page, user, next_url: str | None = None):
    yield ImportQuestionsButton(page=page, priority=9)


@hooks.register("before_edit_page")
def refuse_a_decided_review(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A review action posted after the review was decided (a second click, another reviewer first) is
    refused: Wagtail would otherwise save the editor form loaded before the decision over it."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if page.current_workflow_task is not None:
        return None
    messages.warning(request, _("This review was already decided; nothing was changed."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
