"""Password reset and two-factor sign-in, under /<lang>/accounts/."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/enrol/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/enrol/qr.svg", views.two_factor_qr, name="two_factor_qr"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
