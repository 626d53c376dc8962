"""The moved reference tables take the reference app's names (reference_okrug, …), once every
app points at the models in their new home."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0001_initial"),
        ("applications", "0014_reference_models_moved_out"),
        ("benefits", "0007_reference_models_moved_out"),
        ("commissions", "0004_okrug_in_reference"),
        ("zhanakorgan_aid", "0004_okrug_in_reference"),
    ]

    operations = [
        migrations.AlterModelTable(name="Bank", table=None),
        migrations.AlterModelTable(name="HistoricalBank", table=None),
        migrations.AlterModelTable(name="CalendarOverride", table=None),
        migrations.AlterModelTable(name="HistoricalCalendarOverride", table=None),
        migrations.AlterModelTable(name="Okrug", table=None),
        migrations.AlterModelTable(name="HistoricalOkrug", table=None),
        migrations.AlterModelTable(name="Category", table=None),
        migrations.AlterModelTable(name="HistoricalCategory", table=None),
        migrations.AlterModelTable(name="CategoryRule", table=None),
        migrations.AlterModelTable(name="HistoricalCategoryRule", table=None),
        migrations.AlterModelTable(name="MRP", table=None),
        migrations.AlterModelTable(name="HistoricalMRP", table=None),
        migrations.AlterModelTable(name="SubsistenceMinimum", table=None),
        migrations.AlterModelTable(name="HistoricalSubsistenceMinimum", table=None),
        migrations.AlterModelTable(name="EducationCap", table=None),
    ]
