from django.db import migrations, models


class Migration(migrations.Migration):
    """The intake form's token on the application: the same form posted twice registers one
    application (issue 20, item 4)."""

    dependencies = [
        ("applications", "0018_transition_message_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="intake_token",
            field=models.UUIDField(
                blank=True,
                editable=False,
                null=True,
                unique=True,
                verbose_name="токен формы приёма",
            ),
        ),
        migrations.AddField(
            model_name="historicalapplication",
            name="intake_token",
            field=models.UUIDField(
                blank=True,
                db_index=True,
                editable=False,
                null=True,
                verbose_name="токен формы приёма",
            ),
        ),
    ]
