
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('reports', '0007_statistics_move_to_stats'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The table exists already (reports 0001 made it): only Django's picture of who owns it changes.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ExportJob',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('report', models.CharField(max_length=64, verbose_name='report')),
                        ('query', models.JSONField(default=dict, help_text="The report's query string, as a dictionary.", verbose_name='filters')),
                        ('export_format', models.CharField(default='xlsx', max_length=8, verbose_name='format')),
                        ('status', models.CharField(choices=[('pending', 'Waiting'), ('running', 'Building'), ('done', 'Ready'), ('failed', 'Failed')], default='pending', max_length=16, verbose_name='status')),
                        ('total_rows', models.PositiveIntegerField(default=0, verbose_name='rows')),
                        ('rows_written', models.PositiveIntegerField(default=0, verbose_name='rows written')),
                        ('file_name', models.CharField(blank=True, max_length=255, verbose_name='file')),
                        ('error', models.TextField(blank=True, verbose_name='error')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='requested')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='report_exports', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'report export',
                        'verbose_name_plural': 'report exports',
                        'db_table': 'reports_exportjob',
                        'indexes': [models.Index(fields=['user', '-created_at'], name='reports_exp_user_id_063732_idx')],
                    },
                ),
            ],
        ),
    ]
