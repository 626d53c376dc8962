"""Sessions are Django's own (django.contrib.sessions, cached_db engine): the session table of
our own, with its user column, goes. Its sessions are not carried over; whoever was logged in
logs in again once after the upgrade. The model's content type goes too, and with it its
permissions (and any group's hold of them), which would otherwise linger in the admin."""

from django.db import migrations


def forget_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label="zhanakorgan_aid", model="session"
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("zhanakorgan_aid", "0004_okrug_in_reference"),
    ]

    operations = [
        migrations.DeleteModel(name="Session"),
        migrations.RunPython(forget_content_type, migrations.RunPython.noop),
    ]
