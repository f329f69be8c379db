"""Install the default skills framework on a new database (adds only what is missing)."""

from django.db import migrations

from skills.framework import install_framework


def install(apps, schema_editor):
    install_framework(apps.get_model("skills", "Skill"), apps.get_model("skills", "SkillLevel"))


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
