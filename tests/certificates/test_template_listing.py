"""The certificate templates listing marks the default template with a tick, named in the admin's language."""

from __future__ import annotations

import re

from tests.builders.roles import speaks


def test_the_default_template_is_marked_yes_in_both_languages(client, admin_user, certificate_template):
    client.force_login(admin_user)
    for language, yes in (("en", "Yes"), ("ar", "نعم")):
        speaks(admin_user, language)

        html = client.get("/admin/snippets/certificates/certificatetemplate/").content.decode()

        listing = html.split('<table class="listing', 1)[1].split("</table>", 1)[0]
        body = " ".join(listing.split("<tbody", 1)[1].split())
        assert re.search(rf'icon-check.*<span class="w-sr-only"> {yes} </span>', body)
        assert "True" not in body
