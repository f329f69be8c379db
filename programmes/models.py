"""Programmes (learning paths): an ordered track of courses, and learners' enrolments in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import Enrolment


class ProgrammePage(Page):
    """A programme: courses taken in order, some optional; completing the required ones earns a certificate."""

    summary = models.TextField(_("summary"), max_length=600)
    # A string reference, as on courses: certificates depends on programmes, not the other way round.
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("certificate template"),
        help_text=_("Leave empty to use the default template."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        InlinePanel("programme_courses", heading=_("Courses, in order"), label=_("Course"), min_num=1),
        MultiFieldPanel([FieldPanel("certificate_template")], heading=_("Certificate")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("locale_id")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types: list[str] = []
    page_description = _("A learning path: several courses in order, with a programme certificate.")

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from .selectors import programme_outline

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = programme_outline(programme=self, user=request.user)
        return context


class ProgrammeCourse(Orderable):
    """One course of a programme, at its place in the order."""

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="programme_courses")
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="+", verbose_name=_("course")
    )
    optional = models.BooleanField(
        _("optional"), default=False, help_text=_("Optional courses are not needed to complete the programme.")
    )

    panels = [FieldPanel("course"), FieldPanel("optional")]

    class Meta(Orderable.Meta):
        verbose_name = _("programme course")
        verbose_name_plural = _("programme courses")

    def __str__(self) -> str:
        return f"{self.page} – {self.course}"


class ProgrammeEnrolment(models.Model):
    """A learner in a programme. Like course enrolments it points at the source-language page."""

    # The same choices as a course enrolment (stored in the same words), so one enum serves both.
    Source = Enrolment.Source

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_enrolments",
        verbose_name=_("learner"),
    )
    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("programme")
    )
    is_current = models.BooleanField(_("current"), default=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.SELF)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme enrolment")
        verbose_name_plural = _("programme enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "programme"], condition=Q(is_current=True), name="one_current_programme_enrolment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.programme}"
