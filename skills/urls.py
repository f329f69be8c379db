"""Learner pages of the skills framework under /<language>/learning/skills/."""

from django.urls import path

from . import views

app_name = "skills"

urlpatterns = [
    path("", views.my_skills, name="my_skills"),
    path("courses/<int:course_id>/<slug:stage>/", views.course_self_assessment, name="course_self_assessment"),
    path(
        "programmes/<int:programme_id>/<slug:stage>/",
        views.programme_self_assessment,
        name="programme_self_assessment",
    ),
]
