"""Signals programmes sends to the apps that depend on it (programmes never imports them).

``programme_completed(sender=ProgrammeEnrolment, programme_enrolment=...)`` is sent exactly once per
programme enrolment, inside the transaction that records the completion (itself the transaction of
the course completion that finished the programme), with the programme enrolment row locked. The
certificate outbox relies on this; anything that talks to the outside world waits for on_commit.
"""

from django.dispatch import Signal

programme_completed = Signal()
