
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('exports', '0001_initial'),
        ('reports', '0007_statistics_move_to_stats'),
    ]

    # Export jobs now belong to the exports app; the table and its rows stay where they are.
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(
                    name='ExportJob',
                ),
            ],
        ),
    ]
