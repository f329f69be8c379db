"""The learner's notifications under /<language>/learning/notifications/."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notifications, name="list"),
    path("read/", views.mark_notifications_read, name="read"),
]
