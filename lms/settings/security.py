"""The Content-Security-Policy and the Permissions-Policy every response carries (docs/security.md)."""

import os

from csp.constants import NONCE

from .env import env_bool, env_list

# Content-Security-Policy (django-csp 4). The site's own pages load scripts and styles from our origin
# only; the one inline block of ours (the 500 page's styles, which must not depend on static files)
# carries the request's nonce. The admin gets its own policy (QUDRA_CSP_ADMIN_DIRECTIVES below).
# QUDRA_CSP_REPORT_ONLY=true sends the same policy as Content-Security-Policy-Report-Only instead.
QUDRA_CSP_REPORT_ONLY = env_bool("QUDRA_CSP_REPORT_ONLY", False)
# Where forms may post besides our own origin: the OpenID Connect provider's origin when sign-in goes
# through one (its logout and login forms are posted to it), comma-separated.
QUDRA_CSP_FORM_ACTION_EXTRA = env_list("QUDRA_CSP_FORM_ACTION_EXTRA", "")
# Who may be framed: the video hosts a module's "Embedded video" block plays from.
QUDRA_CSP_FRAME_SRC = env_list(
    "QUDRA_CSP_FRAME_SRC", "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com"
)
# Images and files from object storage when MEDIA_URL points at another origin.
QUDRA_CSP_MEDIA_SRC = env_list("QUDRA_CSP_MEDIA_SRC", "")
QUDRA_CSP_REPORT_URI = os.environ.get("QUDRA_CSP_REPORT_URI", "")
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'", NONCE],
    "img-src": ["'self'", "data:", *QUDRA_CSP_MEDIA_SRC],
    "media-src": ["'self'", *QUDRA_CSP_MEDIA_SRC],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *QUDRA_CSP_FRAME_SRC],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", *QUDRA_CSP_FORM_ACTION_EXTRA],
    "frame-ancestors": ["'none'"],
    **({"report-uri": [QUDRA_CSP_REPORT_URI]} if QUDRA_CSP_REPORT_URI else {}),
}
# The Wagtail admin (and its previews) under /admin/: Wagtail 8 still writes inline scripts (the inline
# panels, the date and time pickers, chooser modals) and its editors set inline styles, none with a
# nonce, so scripts and styles there may be inline; everything else stays as strict as on the site.
# blob: and data: images are the previews of images being uploaded.
QUDRA_CSP_ADMIN_PREFIXES = ["/admin/"]
QUDRA_CSP_ADMIN_DIRECTIVES = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *QUDRA_CSP_MEDIA_SRC],
}
CONTENT_SECURITY_POLICY = None if QUDRA_CSP_REPORT_ONLY else {"DIRECTIVES": _CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES} if QUDRA_CSP_REPORT_ONLY else None

# Permissions-Policy (django-permissions-policy): no page of ours uses a device or a payment; full
# screen is for our pages and the embedded video players.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"fullscreen": ["self", *QUDRA_CSP_FRAME_SRC]}
