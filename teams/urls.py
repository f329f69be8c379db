"""A line manager's team under /<language>/learning/team/."""

from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.my_team, name="my_team"),
    path("<int:employee_id>/remind/", views.remind, name="remind"),
]
