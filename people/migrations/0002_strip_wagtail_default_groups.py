"""Wagtail's own "Editors" and "Moderators" groups come with publish rights from the site root, so
anyone put in them would publish courses without the course review. Their rights go; the groups
(and who is in them) stay, so nothing an administrator set up disappears silently."""

from django.db import migrations

WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def strip_rights(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    groups = Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS)
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    for group in groups:
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    # Not reversible into the old rights on purpose: nobody should get them back by a rollback.
    operations = [migrations.RunPython(strip_rights, migrations.RunPython.noop)]
