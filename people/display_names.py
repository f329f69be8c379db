"""Names we create in the database — the roles, the course review workflow and its task — shown in the
admin's language.

Wagtail and Django show a group's, workflow's or task's name as stored, so the Arabic admin read
"تقديم إلى Course review" and "Sent to Review by administrators". The names we create are message ids
(``gettext_noop`` in ``people.services``). Every such row loaded from the database carries its name as
a ``DisplayName``: a ``str`` holding the name exactly as stored — saved, compared and looked up as
written — that displays (``str()``, ``%``-formatting, ``format()``, templates) in the active language.
A name with no translation (one an administrator typed) displays as typed.

A form shows the translated name, so saving an Arabic form unchanged would store the Arabic text:
``keep_stored_name`` keeps the stored message id when the name sent is just its translation.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import Model
from django.db.models.signals import post_init, pre_save
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Task, Workflow
from wagtail.workflows import get_task_types

# The groups, workflow and task Wagtail's own migrations create (the groups keep no rights: people
# migration 0002); ours are in people.services.
WAGTAIL_DEFAULT_NAMES = (gettext_noop("Editors"), gettext_noop("Moderators"), gettext_noop("Moderators approval"))


class DisplayName(str):
    """A stored name that displays in the active language."""

    def __str__(self) -> str:
        return gettext(str.__str__(self))

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)


def display_name_on_load(sender, instance, **kwargs) -> None:
    name = instance.__dict__.get("name")
    if type(name) is str and name:
        instance.name = DisplayName(name)


def keep_stored_name(sender, instance, raw: bool = False, **kwargs) -> None:
    """Saving a form that shows the translated name keeps the stored message id."""
    name = instance.__dict__.get("name")
    if raw or instance.pk is None or type(name) is not str:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("name", flat=True).first()
    if stored is not None and stored != name and gettext(stored) == name:
        instance.name = DisplayName(stored)


def named_models() -> list[type[Model]]:
    """The models whose names display translated: groups, workflows and every kind of workflow task."""
    return [Group, Workflow, Task, *get_task_types()]


def connect() -> None:
    for model in named_models():
        post_init.connect(display_name_on_load, sender=model, dispatch_uid=f"display-name-{model._meta.label}")
        pre_save.connect(keep_stored_name, sender=model, dispatch_uid=f"keep-stored-name-{model._meta.label}")
