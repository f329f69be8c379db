"""The learner's calendar feed under /<language>/learning/calendar/."""

from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.calendar_feed_settings, name="settings"),
    path("<str:token>.ics", views.calendar_feed, name="feed"),
]
