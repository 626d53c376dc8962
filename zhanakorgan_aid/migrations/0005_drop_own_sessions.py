"""Sessions are Django's own (django.contrib.sessions, cached_db engine): the session table of
our own, with its user column, goes. Its sessions are not carried over; whoever was logged in
logs in again once after the upgrade."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("zhanakorgan_aid", "0004_okrug_in_reference"),
    ]

    operations = [
        migrations.DeleteModel(name="Session"),
    ]
