from django.urls import path

from . import views

app_name = "external_training"

urlpatterns = [
    path("", views.my_external_training, name="mine"),
    path("<int:record_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:record_id>/evidence/", views.evidence_file, name="evidence"),
]
