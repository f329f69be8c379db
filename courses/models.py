"""Course content (Wagtail pages) and learning records (enrolments, module progress, quiz attempts)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from common.arabic import search_terms

from .blocks import ModuleBodyBlock
from .page_forms import CoursePageForm
from .panels import ReviewChecksPanel


class SkillArea(models.TextChoices):
    """A course's skill area: the one catalogue category it is filed and filtered under (docs/skills.md)."""

    DIGITAL_SERVICES = "digital_services", _("Digital services")
    CYBERSECURITY = "cybersecurity", _("Cybersecurity")
    DATA_AI = "data_ai", _("Data & AI")
    PRODUCTIVITY_TOOLS = "productivity_tools", _("Productivity tools")
    DIGITAL_LEADERSHIP = "digital_leadership", _("Digital leadership & change")


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CompletionRule(models.TextChoices):
    ALL_REQUIRED = "all_required", _("All required modules completed")


class CourseIndexPage(Page):
    """The catalogue: the site's home page, listing, searching and filtering courses."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    # A string reference: programmes depend on courses, never the other way round.
    subpage_types = ["courses.CoursePage", "programmes.ProgrammePage"]
    max_count_per_parent = 1
    page_description = _("The course catalogue.")

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request, self))
        return context


class CoursePage(Page):
    """A course: its modules are its child pages."""

    summary = models.TextField(_("summary"), max_length=600)
    skill_area = models.CharField(_("skill area"), max_length=32, choices=SkillArea.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.BEGINNER)
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=1)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    completion_rule = models.CharField(
        _("completion rule"), max_length=32, choices=CompletionRule.choices, default=CompletionRule.ALL_REQUIRED
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the certificate never expires."),
    )
    # A string reference keeps courses free of imports from certificates (which depends on courses).
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("certificate template"),
        help_text=_("Leave empty to use the default template."),
    )
    single_language = models.BooleanField(
        _("offered in one language only"),
        default=False,
        help_text=_("Tick when the course will not be translated; otherwise it is published once translated."),
    )
    # Read from the source-language course, like every rule a learner is held to.
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Courses a learner must complete before enrolling in this one."),
    )
    # Empty means everyone. Read from the source-language course, like the prerequisites
    # (courses.audience, docs/course-visibility.md).
    open_to = ParentalManyToManyField(
        "people.OrgUnit",
        blank=True,
        related_name="+",
        limit_choices_to={"depth": 1, "kind": "ministry"},
        verbose_name=_("open to"),
        help_text=_(
            "Leave every ministry unticked to open the course to everyone. Tick ministries to open it only to "
            "their employees: nobody else sees it in the catalogue or can enrol in it."
        ),
    )

    content_panels = Page.content_panels + [
        ReviewChecksPanel(heading=_("Checks before publishing")),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("skill_area"),
                FieldPanel("level"),
                FieldPanel("estimated_hours"),
                FieldPanel("single_language"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("open_to", widget=forms.CheckboxSelectMultiple)], heading=_("Who may take the course")
        ),
        # The rows live in the skills app (skills.CourseSkill); only the source-language page's rows count.
        InlinePanel("skills_built", heading=_("Skills built"), label=_("Skill")),
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("certificate_template"),
            ],
            heading=_("Completion and certificate"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        # The same words folded as search folds the query (common/arabic.py), so Arabic spelled
        # without tashkeel, hamza or the article still finds the course.
        index.SearchField("search_terms"),
        index.AutocompleteField("search_terms"),
        index.FilterField("skill_area"),
        index.FilterField("level"),
        index.FilterField("locale_id"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    def search_terms(self) -> str:
        return search_terms(f"{self.title} {self.summary}")

    page_description = _("A course made of modules.")
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .selectors import course_outline, unmet_prerequisites

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context["outline"] = outline = course_outline(course=self, user=request.user, preview=preview)
        context["prerequisites"] = [course.localized for course in self.prerequisite_courses()]
        context["missing_prerequisites"] = (
            [course.localized for course in unmet_prerequisites(user=request.user, course=self)]
            if request.user.is_authenticated and outline.enrolment is None
            else []
        )
        return context

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # A course open to chosen ministries does not exist for anyone else (``audience``); authors
        # previewing in the admin see it whatever their ministry.
        if not getattr(request, "is_preview", False):
            from .audience import can_see_course

            if not can_see_course(request.user, self):
                raise Http404
        return super().serve(request, *args, **kwargs)

    def publish(self, revision, user=None, *args, skip_permission_checks: bool = False, **kwargs):
        """A person publishing (or approving) puts the course live with its review unit, checked, in one
        transaction (``review.publish_unit``). The scheduler publishes what was checked at approval."""
        if user is None:
            return super().publish(revision, user, *args, skip_permission_checks=skip_permission_checks, **kwargs)
        from .review import publish_unit

        with transaction.atomic():
            publish_unit(revision.as_object(), user, skip_permission_checks=skip_permission_checks)
            return super().publish(revision, user, *args, skip_permission_checks=skip_permission_checks, **kwargs)

    def prerequisite_courses(self) -> models.QuerySet[CoursePage]:
        """The live courses to complete before this one, as chosen on the source-language page."""
        return source_page(self).prerequisites.filter(live=True).order_by("title")


class ModulePage(Page):
    """One module of a course: rich content and, optionally, a quiz."""

    body = StreamField(ModuleBodyBlock(), blank=True, verbose_name=_("body"))
    required = models.BooleanField(_("required"), default=True, help_text=_("Needed to complete the course."))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)

    content_panels = Page.content_panels + [
        ReviewChecksPanel(heading=_("Checks before publishing")),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("required"), FieldPanel("estimated_minutes")], heading=_("Settings")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("searchable_body"),
        index.SearchField("search_terms"),
        index.AutocompleteField("search_terms"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    page_description = _("A module of a course.")

    def searchable_body(self) -> str:
        """The module's words without its quizzes: an index holding questions with their accepted
        answers would let a search (or anyone reading the index) find the answers."""
        texts = [
            text
            for block in self.body
            if block.block_type != "quiz"
            for text in block.block.get_searchable_content(block.value)
        ]
        return " ".join(strip_tags(text) for text in texts)

    def search_terms(self) -> str:
        return search_terms(f"{self.title} {self.searchable_body()}")

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    @property
    def quizzes(self) -> list:
        return [block for block in self.body if block.block_type == "quiz"]

    def publish(self, revision, user=None, *args, **kwargs):
        """A person publishing a module gets it live only when its quizzes can be passed (``review``)."""
        if user is not None:
            from .review import check_module

            check_module(revision.as_object())
        return super().publish(revision, user, *args, **kwargs)

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # Authors previewing in the admin see the module without being enrolled.
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from .selectors import current_enrolment

        course = self.get_parent().specific
        # Wagtail routes through unpublished parents, so a live module of an unpublished course
        # would still be served: the course being live is part of the module being available.
        if not course.live:
            raise Http404
        from .audience import can_see_course

        if not can_see_course(request.user, course):
            raise Http404
        if current_enrolment(user=request.user, course=course) is None:
            messages.info(request, _("Enrol in the course to open its modules."))
            return redirect(course.url)
        from .services import start_module

        start_module(learner=request.user, module=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .selectors import module_context

        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "preview_attempts", {}) if getattr(request, "is_preview", False) else None
        context.update(module_context(module=self, user=request.user, preview=preview))
        return context


def source_page(page: Page) -> Page:
    """The page in the language it was first written in: learning records always point here,
    so an Arabic and an English learner share one record per course and module."""
    return page.__class__.objects.filter(translation_key=page.translation_key).order_by("id").first() or page


def source_pages(pages: QuerySet) -> QuerySet:
    """Only the source-language page of each translation group (what ``source_page`` returns)."""
    earlier_translation = pages.model.objects.filter(translation_key=OuterRef("translation_key"), id__lt=OuterRef("id"))
    return pages.filter(~Exists(earlier_translation))


class Enrolment(models.Model):
    """A learner in a course for one cycle; recertification opens a new cycle and keeps the old one."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        ASSIGNED = "assigned", _("Assigned")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("learner")
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course")
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.SELF)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"], condition=Q(is_current=True), name="one_current_enrolment"
            ),
            models.UniqueConstraint(fields=["learner", "course", "cycle"], name="unique_enrolment_cycle"),
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course} ({self.cycle})"


class ModuleProgress(models.Model):
    """A learner's progress in one module of one enrolment."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    module = models.ForeignKey(ModulePage, on_delete=models.PROTECT, related_name="progress")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    best_score = models.DecimalField(_("best score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("quiz attempts"), default=0)

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [models.UniqueConstraint(fields=["enrolment", "module"], name="unique_module_progress")]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.module}"


class QuizAttempt(models.Model):
    """One attempt at a quiz block, started on the server; answers are keyed by the question block's UUID.

    The questions drawn for the attempt (and the order its questions and choices are shown in) are
    fixed when it starts, so a reload shows the same quiz and a submission is checked against them.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    module = models.ForeignKey(ModulePage, on_delete=models.PROTECT, related_name="quiz_attempts")
    quiz_block_id = models.CharField(_("quiz block"), max_length=64)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    # [question id, ...] in the order shown, and {question id: [choice id, ...]} in the order shown.
    question_ids = models.JSONField(_("questions drawn"), default=list)
    choice_order = models.JSONField(_("order of answers"), default=dict)
    answers = models.JSONField(_("answers"), default=dict)
    correct = models.JSONField(_("correct answers"), default=dict)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        indexes = [models.Index(fields=["enrolment", "module", "quiz_block_id"])]
        constraints = [
            # At most one open attempt per learner and quiz: a second "Start" resumes it.
            models.UniqueConstraint(
                fields=["enrolment", "module", "quiz_block_id"],
                condition=Q(status="in_progress"),
                name="one_open_quiz_attempt",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.module} ({self.score}%)"
