"""Load the bilingual demo: organisation, roles, accounts, courses and some learning activity."""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from demo.assignments import seed_assignments
from demo.certificates import seed_certificate_template
from demo.courses import ensure_catalogue, seed_courses
from demo.impact import seed_activity
from demo.people import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_people
from demo.programmes import seed_programme
from demo.skills import seed_course_skills
from impact.services import publish_open_data
from people.models import Employee
from people.services import ensure_roles


class Command(BaseCommand):
    help = "Create the demo organisation, accounts and courses. Safe to run again: it changes nothing then."

    def handle(self, *args, **options) -> None:
        # Wagtail logs a line per page created and published: hundreds that would bury the logins.
        logging.disable(logging.INFO)
        try:
            self._seed()
        finally:
            logging.disable(logging.NOTSET)
        self.stdout.write(
            f"Demo: {CoursePage.objects.live().count()} course pages, {Employee.objects.count()} people, "
            f"{Enrolment.objects.count()} enrolments, {Certificate.objects.count()} certificates."
        )
        address = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
        self.stdout.write(self.style.SUCCESS(f"Demo ready. Log in at {address} with:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<10} / {DEMO_PASSWORD}   ({account.role})")

    @transaction.atomic
    def _seed(self) -> None:
        catalogues = ensure_catalogue()
        ensure_roles(catalogue=catalogues["ar"])
        users = seed_people()
        # Before the courses: demo learners who complete a course get their certificate from it.
        seed_certificate_template()
        seed_courses(owner=users["trainer"])
        seed_course_skills(owner=users["trainer"])
        # Colleagues' training history, then today's open-data snapshot, so the impact dashboard and the
        # public open-data page show real figures straight away.
        seed_activity()
        # Mandatory training assigned by the demo HR officer: one course due soon, one overdue.
        seed_assignments()
        publish_open_data()
        # After the history: it was recorded before the demo courses had prerequisites.
        seed_programme(owner=users["trainer"])
