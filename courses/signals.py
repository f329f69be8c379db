"""Signals courses sends to the apps that depend on it (courses never imports them).

``course_completed(sender=Enrolment, enrolment=...)`` is sent exactly once per enrolment cycle,
inside the transaction that records the completion, with the enrolment row locked. A receiver's
writes therefore commit or roll back together with the completion (the certificate outbox relies
on this); anything that talks to the outside world must wait for ``transaction.on_commit``.
"""

from django.dispatch import Signal

course_completed = Signal()
