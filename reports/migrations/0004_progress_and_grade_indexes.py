# Indexes for national-scale reports, created with plain SQL (no model state) so that makemigrations for
# courses or people never tries to drop them:
# - completed module progress per enrolment, readable from the index alone (progress % of a whole export);
# - employees per unit and grade (grade choices and headcounts of a scope).

from django.db import migrations

PROGRESS = {
    "postgresql": "CREATE INDEX reports_progress_completed ON courses_moduleprogress (enrolment_id) "
    "INCLUDE (module_id) WHERE completed_at IS NOT NULL",
    "default": "CREATE INDEX reports_progress_completed ON courses_moduleprogress (enrolment_id, module_id) "
    "WHERE completed_at IS NOT NULL",
}
GRADE = "CREATE INDEX reports_employee_unit_grade ON people_employee (org_unit_id, grade)"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(PROGRESS.get(vendor, PROGRESS["default"]))
    schema_editor.execute(GRADE)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX reports_progress_completed")
    schema_editor.execute("DROP INDEX reports_employee_unit_grade")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_enrolment_date_indexes"),
        ("courses", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
