"""Admin routes of external training (registered under /admin/external-training/)."""

from django.urls import path

from . import admin_views

app_name = "external_training_admin"

urlpatterns = [
    path("", admin_views.ExternalTrainingIndexView.as_view(), name="index"),
    path("<int:record_id>/", admin_views.ExternalTrainingReviewView.as_view(), name="review"),
]
