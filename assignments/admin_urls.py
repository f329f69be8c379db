"""Admin routes of mandatory training (registered under /admin/assignments/)."""

from django.urls import path

from . import views

app_name = "assignments"

urlpatterns = [
    path("", views.AssignmentIndexView.as_view(), name="index"),
    path("add/", views.AssignmentCreateView.as_view(), name="add"),
    path("<int:assignment_id>/", views.AssignmentDetailView.as_view(), name="detail"),
    path("<int:assignment_id>/cancel/", views.AssignmentCancelView.as_view(), name="cancel"),
]
