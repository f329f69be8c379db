"""Registration only: the trainers' course feedback report."""

from wagtail import hooks

from .admin_views import feedback_viewset


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset
