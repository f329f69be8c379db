"""Authentication: Django's own, with the employee record loaded in the same query as the user, so every
page can show the person's name in its language without a second query."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmployeeBackend(ModelBackend):
    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("employee").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
