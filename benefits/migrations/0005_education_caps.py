"""The yearly caps of education aid by degree under decision No. 05-16/148 (p8, as amended on
14.09.2018 No. 256): entered as data, editable in the admin, replaced by the next decision."""

import datetime
from decimal import Decimal

from django.db import migrations

CAPS = {"bachelor": "392", "master": "420", "residency": "530"}
IN_FORCE_FROM = datetime.date(2017, 8, 25)


def seed(apps, schema_editor):
    EducationCap = apps.get_model("benefits", "EducationCap")
    for degree, cap in CAPS.items():
        EducationCap.objects.get_or_create(
            degree=degree, effective_from=IN_FORCE_FROM, defaults={"cap_mrp": Decimal(cap)}
        )


def unseed(apps, schema_editor):
    apps.get_model("benefits", "EducationCap").objects.filter(effective_from=IN_FORCE_FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("benefits", "0004_memorial_education")]

    operations = [migrations.RunPython(seed, unseed)]
