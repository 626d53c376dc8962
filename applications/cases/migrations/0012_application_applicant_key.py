"""The applicant's names beside each application, kept by the database, for the search by name
on PostgreSQL (selectors.application_list; issue 9).

A word of the search is the beginning of the applicant's surname, name or patronymic. Read
through the person table, a common word («Ахметов»: a surname, and the beginning of
«Ахметович», «Ахметовна» — one application in fifteen) cost a look-up of the applicant for
each application the list's index walk read, about 370 for a page. `applicant_key`
(«|SURNAME|NAME|PATRONYMIC», in capitals) is checked on the application's own row instead, and
a trigram index on it (pg_trgm, a trusted extension since PostgreSQL 13) finds a rare word's
few applications without a walk; the planner chooses between the two on the column's own
statistics.

The column is the database's own, not a field of the model: triggers write it when an
application is inserted or given another applicant, and when a person's names change, however
the change is made (a form, the admin, an UPDATE of many rows, a bulk insert). SQLite has
neither the column nor the triggers; its search reads the person as before."""

from django.db import migrations

KEY = "'|' || UPPER({p}.surname) || '|' || UPPER({p}.name) || '|' || UPPER({p}.patronymic)"

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE applications_application ADD COLUMN applicant_key text",
    f"""UPDATE applications_application a SET applicant_key = {KEY.format(p="p")}
  FROM applications_person p WHERE p.id = a.applicant_id""",
    f"""CREATE FUNCTION application_applicant_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT {KEY.format(p="p")} INTO NEW.applicant_key
    FROM applications_person p WHERE p.id = NEW.applicant_id;
  RETURN NEW;
END $$""",
    """CREATE TRIGGER application_applicant_key
  BEFORE INSERT OR UPDATE OF applicant_id ON applications_application
  FOR EACH ROW EXECUTE FUNCTION application_applicant_key()""",
    f"""CREATE FUNCTION person_applicant_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE applications_application SET applicant_key = {KEY.format(p="NEW")}
    WHERE applicant_id = NEW.id;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER person_applicant_key
  AFTER UPDATE OF surname, name, patronymic ON applications_person
  FOR EACH ROW
  WHEN (OLD.surname IS DISTINCT FROM NEW.surname OR OLD.name IS DISTINCT FROM NEW.name
        OR OLD.patronymic IS DISTINCT FROM NEW.patronymic)
  EXECUTE FUNCTION person_applicant_key()""",
    """CREATE INDEX application_applicant_key_trgm_idx ON applications_application
  USING gin (applicant_key gin_trgm_ops)""",
]

BACKWARD = [
    "DROP INDEX IF EXISTS application_applicant_key_trgm_idx",
    "DROP TRIGGER IF EXISTS person_applicant_key ON applications_person",
    "DROP FUNCTION IF EXISTS person_applicant_key()",
    "DROP TRIGGER IF EXISTS application_applicant_key ON applications_application",
    "DROP FUNCTION IF EXISTS application_applicant_key()",
    "ALTER TABLE applications_application DROP COLUMN IF EXISTS applicant_key",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("applications", "0011_list_indexes_end_in_id")]

    operations = [migrations.RunPython(forward, backward)]
