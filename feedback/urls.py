"""The learner's feedback form under /<language>/learning/feedback/."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [path("courses/<int:course_id>/", views.course_feedback, name="course_feedback")]
