"""Indexes for the search by name (selectors.application_list): each word of the query is the
beginning of a surname, name or patronymic, compared without case. On PostgreSQL that is
`UPPER(col) LIKE UPPER('word%')`, which an expression index with text_pattern_ops serves as a
range whatever the database collation. SQLite has no such operator class; its LIKE is a scan."""

from django.db import migrations

COLUMNS = ("surname", "name", "patronymic")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS person_{column}_upper_prefix_idx "
            f"ON applications_person (UPPER({column}::text) text_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS person_{column}_upper_prefix_idx")


class Migration(migrations.Migration):
    dependencies = [("applications", "0007_open_queue_index")]

    operations = [migrations.RunPython(create, drop)]
