# Indexes for sorting and filtering the learner detail by due and completion dates at national scale.
# Created with plain SQL (no model state) so that makemigrations for courses never tries to drop
# them; courses.Enrolment.Meta.indexes may adopt them later under the same names.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_unit_stats"),
        ("courses", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX reports_enrolment_completed ON courses_enrolment (completed_at)",
            reverse_sql="DROP INDEX reports_enrolment_completed",
        ),
        migrations.RunSQL(
            "CREATE INDEX reports_enrolment_due ON courses_enrolment (due_date)",
            reverse_sql="DROP INDEX reports_enrolment_due",
        ),
    ]
