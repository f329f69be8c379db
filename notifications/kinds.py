"""The kinds of notification and how each is written, in the reader's language, when it is read.

An app that sends notifications registers its kinds here (``register_kind`` in its ``apps.ready``):
a label, the templates of its subject and body (``<templates>_subject.txt`` and ``_body.txt``) and,
when the message needs more than its stored facts, a function adding to the template context. This
app imports no app above it: mandatory training and certificates describe their own messages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

from common.i18n import pick
from courses.models import CoursePage

from .models import Notification

ContextBuilder = Callable[[Notification], dict]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Kind:
    name: str
    label: Promise | str
    templates: str
    context: ContextBuilder | None = None


_KINDS: dict[str, Kind] = {}


def register_kind(name: str, *, label: Promise | str, templates: str, context: ContextBuilder | None = None) -> None:
    _KINDS[name] = Kind(name=name, label=label, templates=templates, context=context)


def kind_of(name: str) -> Kind:
    return _KINDS[name]


@dataclass(frozen=True)
class Message:
    """A notification as one reader reads it."""

    notification: Notification
    language: str
    label: str
    subject: str
    body: str
    link: str

    @property
    def is_unread(self) -> bool:
        return self.notification.read_at is None

    @property
    def link_url(self) -> str:
        """The link as an absolute address, for e-mails."""
        return site_url(self.link) if self.link else ""


def encode(params: dict) -> dict:
    """Facts as JSON: dates become ISO strings, read back as dates by ``decode``."""
    return {key: value.isoformat() if isinstance(value, datetime.date) else value for key, value in params.items()}


def decode(params: dict) -> dict:
    return {
        key: datetime.date.fromisoformat(value) if isinstance(value, str) and ISO_DATE.match(value) else value
        for key, value in params.items()
    }


def language_of(user) -> str:
    """The language a person reads e-mails in: their preferred one, else the site's default."""
    employee = getattr(user, "employee", None)
    return getattr(employee, "preferred_language", None) or settings.LANGUAGE_CODE


def course_titles(course_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """Each course's title in each language: its live translation's, else its own (two queries, so a
    page or a batch of e-mails does not ask once per notification)."""
    sources = list(CoursePage.objects.filter(pk__in=set(course_ids)).values_list("pk", "translation_key", "title"))
    titles = {(pk, code): title for pk, _key, title in sources for code, _name in settings.LANGUAGES}
    course_of = {key: pk for pk, key, _title in sources}
    translations = CoursePage.objects.live().filter(translation_key__in=course_of)
    for key, code, title in translations.values_list("translation_key", "locale__language_code", "title"):
        titles[(course_of[key], code)] = title
    return titles


def _reader_language(language: str) -> str:
    return pick("ar", "en", language=language)


def render(notifications: Sequence[Notification], *, language: str) -> list[Message]:
    """Write each notification in ``language``: subject, body and a link into that language's pages.

    Expects ``recipient__employee`` and ``enrolment`` loaded (``selectors.with_related``)."""
    language = _reader_language(language)
    titles = course_titles(n.enrolment.course_id for n in notifications if n.enrolment is not None)
    messages = []
    with translation.override(language):
        for notification in notifications:
            kind = kind_of(notification.kind)
            context = {
                **decode(notification.params),
                "recipient": notification.recipient,
                "enrolment": notification.enrolment,
                "course_titles": titles,
            }
            if notification.enrolment is not None:
                context["course_title"] = titles.get((notification.enrolment.course_id, language), "")
            if kind.context is not None:
                context.update(kind.context(notification))
            link = in_language(notification.link, language)
            subject = " ".join(render_to_string(f"{kind.templates}_subject.txt", context).split())
            body = render_to_string(f"{kind.templates}_body.txt", context).strip()
            messages.append(
                Message(
                    notification=notification,
                    language=language,
                    label=str(kind.label),
                    subject=subject,
                    body=body,
                    link=link,
                )
            )
    return messages


def in_language(link: str, language: str) -> str:
    """The link under the reader's language prefix (``/en/certificates/`` read in Arabic is
    ``/ar/certificates/``); a link outside the language prefixes (the admin) is left as it is."""
    for code, _name in settings.LANGUAGES:
        if link.startswith(f"/{code}/"):
            return f"/{language}/" + link.removeprefix(f"/{code}/")
    return link


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
