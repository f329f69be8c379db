"""Public open-data pages under /<language>/open-data/: no login, published snapshots only."""

from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/data.csv", views.open_data_csv, name="open_data_csv"),
    path("open-data/data.json", views.open_data_json, name="open_data_json"),
]
