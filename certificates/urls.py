"""Certificate pages under /<language>/: the holder's list and downloads, and public verification."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.my_certificates, name="mine"),
    path("certificates/<str:code>/download/", views.download, name="download"),
    path("certificates/<str:code>/status/", views.status, name="status"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
