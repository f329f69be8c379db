# Notifications keep facts, not text: each is written in its reader's language when read.
# Existing rows get their facts from their enrolment (the course and the due date); the text they
# were written with is dropped with the columns.

from django.db import migrations, models

FACTS_FROM_ENROLMENT = {"assigned", "due_soon", "overdue", "renewal"}


def facts_from_rows(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    for notification in Notification.objects.filter(kind__in=FACTS_FROM_ENROLMENT).select_related("enrolment"):
        due = notification.enrolment.due_date if notification.enrolment else None
        params = {"due_date": due.isoformat() if due else None}
        if notification.kind == "due_soon" and due is not None:
            params["days_left"] = (due - notification.created_at.date()).days
        if notification.kind == "renewal":
            params["expires_on"] = params["due_date"]
        notification.params = params
        notification.save(update_fields=["params"])
    for notification in Notification.objects.filter(kind="hr_digest"):
        # The digest's week is in its stage ("digest-2026-11-22"); its rows were never stored.
        notification.params = {"on": notification.stage.removeprefix("digest-"), "total": 0, "enrolments": [], "more": 0}
        notification.save(update_fields=["params"])


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
        ("assignments", "0003_notification_moves_to_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.RunPython(facts_from_rows, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notification", name="language"),
        migrations.RemoveField(model_name="notification", name="subject"),
        migrations.RemoveField(model_name="notification", name="body"),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(max_length=24, verbose_name="kind"),
        ),
        migrations.RenameIndex(
            model_name="notification", new_name="notification_unread_idx", old_name="assignments_recipie_034b99_idx"
        ),
        migrations.AlterModelTable(name="notification", table=None),
    ]
