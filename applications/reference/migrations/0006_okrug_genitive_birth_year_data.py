"""The okrugs' names in the genitive (the heading of annex 2: "Участковая комиссия
Жанакорганского сельского округа", "Жаңақорған ауылдық округінің учаскелік комиссиясы") and the
latest plausible birth year of the memorial categories, whose later births the import of a
memorial-date list shows as warnings (p5, p6, p15). Both stay editable in the admin."""

from django.db import migrations

GENITIVE_BY_KATO = {
    "434030000": ("Жанакорганского сельского округа", "Жаңақорған ауылдық округінің"),
    "434031000": (
        "сельского округа имени Машбека Налибаева",
        "Машбек Нәлибаев атындағы ауылдық округтің",
    ),
    "434033000": ("Аккорганского сельского округа", "Аққорған ауылдық округінің"),
    "434035000": ("Аккуикского сельского округа", "Аққұйық ауылдық округінің"),
    "434037000": ("Байкенженского сельского округа", "Байкенже ауылдық округінің"),
    "434039000": ("сельского округа Жаманбай батыр", "Жаманбай батыр ауылдық округінің"),
    "434040000": ("Екпиндинского сельского округа", "Екпінді ауылдық округінің"),
    "434041000": ("Жайылминского сельского округа", "Жайылма ауылдық округінің"),
    "434042000": ("Жанарыкского сельского округа", "Жаңарық ауылдық округінің"),
    "434043000": ("Кейденского сельского округа", "Кейден ауылдық округінің"),
    "434045000": ("Келинтобинского сельского округа", "Келінтөбе ауылдық округінің"),
    "434046000": ("Коктобинского сельского округа", "Көктөбе ауылдық округінің"),
    "434047000": ("Кандозского сельского округа", "Қандоз ауылдық округінің"),
    "434049000": ("Каратобинского сельского округа", "Қаратөбе ауылдық округінің"),
    "434051000": ("Кожамбердинского сельского округа", "Қожамберді ауылдық округінің"),
    "434053000": ("Кожакентского сельского округа", "Қожакент ауылдық округінің"),
    "434054000": ("сельского округа Косуйенки", "Қосүйеңкі ауылдық округінің"),
    "434055000": ("Кыркенсеского сельского округа", "Қыркеңсе ауылдық округінің"),
    "434056000": ("Кырашского сельского округа", "Қыраш ауылдық округінің"),
    "434057000": ("Озгентского сельского округа", "Өзгент ауылдық округінің"),
    "434059000": ("Сунакатинского сельского округа", "Сунақата ауылдық округінің"),
    "434061000": ("Суттыкудыкского сельского округа", "Сүттіқұдық ауылдық округінің"),
    "434062000": ("Талапского сельского округа", "Талап ауылдық округінің"),
    "434063000": ("Томенарыкского сельского округа", "Төменарық ауылдық округінің"),
    "434065000": ("Шалкинского сельского округа", "Шалқия ауылдық округінің"),
    "434067000": ("Манапского сельского округа", "Манап ауылдық округінің"),
}

# Born no later than: old enough to have served by May 1945 (17 in 1944), to have been a
# minor in a camp by 1945, a widow of a soldier killed in the war, to have worked in the rear
# during the war, to have served in Afghanistan before February 1989, to have liquidated
# Chernobyl in 1986–1987 at 18. The victims of repressions and the disabled by nuclear tests
# include people born later (children born in exile, the tests' second generation): no limit.
BORN_NO_LATER_THAN = {
    "victory-wwii-veterans": 1927,
    "victory-widows": 1929,
    "victory-minor-prisoners": 1945,
    "victory-rear-workers": 1933,
    "victory-equated-workers": 1933,
    "afghanistan-equated-participants": 1971,
    "afghanistan-equated-disabled": 1971,
    "chernobyl-liquidators": 1969,
    "support-wwii-veterans": 1927,
    "support-widows": 1929,
    "support-minor-prisoners": 1945,
}


def fill(apps, schema_editor):
    Okrug = apps.get_model("reference", "Okrug")
    Category = apps.get_model("reference", "Category")
    for kato, (ru, kk) in GENITIVE_BY_KATO.items():
        Okrug.objects.filter(kato=kato, name_ru_genitive="").update(
            name_ru_genitive=ru, name_kk_genitive=kk
        )
    for code, year in BORN_NO_LATER_THAN.items():
        Category.objects.filter(code=code, born_no_later_than__isnull=True).update(
            born_no_later_than=year
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0005_okrug_genitive_category_birth_year_limit"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
