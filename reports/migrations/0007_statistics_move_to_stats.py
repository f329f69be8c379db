
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('stats', '0001_initial'),
        ('reports', '0006_export_started_at'),
    ]

    # The statistics now belong to the stats app; their tables and rows stay where they are.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(
                    name='StatsState',
                ),
                migrations.RemoveField(
                    model_name='unitstats',
                    name='course',
                ),
                migrations.RemoveField(
                    model_name='unitstats',
                    name='org_unit',
                ),
                migrations.RemoveField(
                    model_name='unitweeklycompletions',
                    name='org_unit',
                ),
                migrations.DeleteModel(
                    name='UnitHeadcount',
                ),
                migrations.DeleteModel(
                    name='UnitStats',
                ),
                migrations.DeleteModel(
                    name='UnitWeeklyCompletions',
                ),
            ],
        ),
    ]
