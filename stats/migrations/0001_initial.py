
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('reports', '0006_export_started_at'),
        ('courses', '0004_course_prerequisites'),
        ('people', '0001_initial'),
    ]

    # The tables exist already (reports 0002-0005 made them): only Django's picture of who owns them changes.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='StatsState',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('refreshed_at', models.DateTimeField(null=True)),
                        ('as_of', models.DateField(help_text="The day 'overdue' was judged against.", null=True)),
                        ('duration_ms', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'verbose_name': 'statistics state',
                        'db_table': 'reports_statsstate',
                    },
                ),
                migrations.CreateModel(
                    name='UnitHeadcount',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('grade', models.CharField(blank=True, max_length=32)),
                        ('employees', models.PositiveIntegerField(default=0)),
                        ('org_unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.orgunit')),
                    ],
                    options={
                        'verbose_name': 'unit headcount',
                        'verbose_name_plural': 'unit headcounts',
                        'db_table': 'reports_unitheadcount',
                    },
                ),
                migrations.CreateModel(
                    name='UnitStats',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('grade', models.CharField(max_length=32, null=True)),
                        ('source', models.CharField(max_length=16)),
                        ('status', models.CharField(max_length=16)),
                        ('enrolments', models.PositiveIntegerField(default=0)),
                        ('overdue', models.PositiveIntegerField(default=0)),
                        ('course', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='courses.coursepage')),
                        ('org_unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.orgunit')),
                    ],
                    options={
                        'verbose_name': 'unit statistics',
                        'verbose_name_plural': 'unit statistics',
                        'db_table': 'reports_unitstats',
                        'indexes': [models.Index(fields=['course', 'org_unit'], name='reports_stats_course_unit'), models.Index(fields=['grade', 'org_unit'], name='reports_stats_grade_unit'), models.Index(condition=models.Q(('course__isnull', True), ('grade__isnull', True)), fields=['org_unit'], name='reports_stats_unit_only')],
                    },
                ),
                migrations.CreateModel(
                    name='UnitWeeklyCompletions',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('week_start', models.DateField()),
                        ('completed', models.PositiveIntegerField(default=0)),
                        ('org_unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.orgunit')),
                    ],
                    options={
                        'verbose_name': 'weekly completions',
                        'verbose_name_plural': 'weekly completions',
                        'db_table': 'reports_unitweeklycompletions',
                        'indexes': [models.Index(fields=['week_start', 'org_unit'], name='reports_weekly_week_unit')],
                    },
                ),
            ],
        ),
    ]
