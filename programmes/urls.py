"""Learner actions under /<language>/learning/programmes/."""

from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("<int:programme_id>/enrol/", views.enrol, name="enrol"),
]
