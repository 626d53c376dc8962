"""Keep the applications table's visibility map fresh (PostgreSQL).

A deep page of the list is an index-only scan of its offset; it stays one only while the heap
pages are marked all-visible, which VACUUM does. Updates of open cases (every step, the terms
recount) clear those marks, and PostgreSQL's default waits for 20 % of the table to change, 100 000
rows at region size, before it vacuums: until then page 10 000 read 250 000 heap rows (261 ms
instead of 77 ms, bench/RESULTS.md). One per cent keeps it within a day's work. SQLite has no
such setting."""

from django.db import migrations

TABLE = "applications_application"


def tune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABLE} SET (autovacuum_vacuum_scale_factor = 0.01, "
            "autovacuum_analyze_scale_factor = 0.02)"
        )


def untune(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABLE} RESET (autovacuum_vacuum_scale_factor, "
            "autovacuum_analyze_scale_factor)"
        )


class Migration(migrations.Migration):
    dependencies = [("applications", "0009_open_queue_index_covers_the_role")]

    operations = [migrations.RunPython(tune, untune)]
