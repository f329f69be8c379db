"""Learner actions under /<language>/learning/."""

from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/modules/<int:module_id>/complete/", views.complete, name="complete"),
    path(
        "courses/<int:course_id>/modules/<int:module_id>/quizzes/<slug:quiz_id>/",
        views.submit_quiz,
        name="submit_quiz",
    ),
    path(
        "courses/<int:course_id>/modules/<int:module_id>/quizzes/<slug:quiz_id>/start/",
        views.start_quiz,
        name="start_quiz",
    ),
]
