"""Who may read a course's feedback: whoever may edit the course in the admin (its owner, editors with the
"change" permission, administrators), in either of its languages."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from wagtail.permission_policies.pages import PagePermissionPolicy

from courses.models import CoursePage


def readable_course_keys(user: User | AnonymousUser) -> QuerySet:
    """Translation keys of the courses whose feedback the user may read."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return CoursePage.objects.filter(pk__in=pages.values("pk")).values("translation_key")


def can_read_course_feedback(user: User | AnonymousUser, course: CoursePage) -> bool:
    return user.is_active and readable_course_keys(user).filter(translation_key=course.translation_key).exists()


def can_read_any_feedback(user: User | AnonymousUser) -> bool:
    return user.is_active and readable_course_keys(user).exists()
