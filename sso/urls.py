"""Single sign-on pages under the language prefix: starting a sign-in and the refusal page.

The callback is mounted outside the prefix by ``lms/urls.py`` (``sso_callback``), so the provider has one
redirect URI whatever the visitor's language.
"""

from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("refused/<slug:reason>/", views.RefusedView.as_view(), name="refused"),
]
