# The notification model moves here from assignments: the table stays, only Django's record of which
# app owns it changes (assignments 0003 forgets it in the same step).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("assignments", "0002_programme_assignments"),
        ("courses", "0005_single_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=16, verbose_name="kind")),
                        ("stage", models.CharField(max_length=32, verbose_name="stage")),
                        ("language", models.CharField(max_length=8, verbose_name="language")),
                        ("subject", models.CharField(max_length=255, verbose_name="subject")),
                        ("body", models.TextField(verbose_name="message")),
                        ("link", models.CharField(blank=True, max_length=255, verbose_name="link")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("emailed_at", models.DateTimeField(blank=True, null=True, verbose_name="emailed")),
                        ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="read")),
                        (
                            "enrolment",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to="courses.enrolment",
                            ),
                        ),
                        (
                            "recipient",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="notifications",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "notification",
                        "verbose_name_plural": "notifications",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "assignments_notification",
                        "indexes": [models.Index(fields=["recipient", "read_at"], name="assignments_recipie_034b99_idx")],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("enrolment__isnull", False)),
                                fields=("enrolment", "stage"),
                                name="one_reminder_per_stage",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("enrolment__isnull", True)),
                                fields=("recipient", "stage"),
                                name="one_digest_per_stage",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
