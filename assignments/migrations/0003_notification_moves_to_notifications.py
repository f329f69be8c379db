# Notifications now belong to the notifications app (its 0001 takes over the same table).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("assignments", "0002_programme_assignments"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
