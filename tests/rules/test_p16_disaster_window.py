"""p16: «при наступлении трудной жизненной ситуации вследствие стихийного бедствия или пожара,
гражданин (семья) не позднее три месяцев с момента наступления трудной жизненной ситуации
обращается в уполномоченный орган или акиму». The window is the category's (3 months for
p7.1), to the same day of the month three months on (the month's last day where it has none),
that day included."""

import pytest

from applications.cases.exceptions import ApplicationError
from applications.reference import rules

from .conftest import D, at, travel


@pytest.mark.parametrize(
    ("event", "last"),
    [
        (D(2024, 1, 10), D(2024, 4, 10)),
        (D(2024, 11, 30), D(2025, 2, 28)),  # no 30 February
        (D(2023, 11, 30), D(2024, 2, 29)),  # a leap year
        (D(2024, 5, 31), D(2024, 8, 31)),
        (D(2024, 3, 31), D(2024, 6, 30)),
    ],
)
def test_the_last_day_is_three_months_on(event, last):
    assert rules.disaster_last_day(event, 3) == last


@pytest.mark.parametrize(
    ("applied_on", "within"),
    [
        (D(2024, 1, 10), True),  # the day of the event
        (D(2024, 4, 9), True),
        (D(2024, 4, 10), True),  # exactly 3 months
        (D(2024, 4, 11), False),  # a day late
    ],
)
def test_exactly_three_months_is_still_in_time(applied_on, within):
    assert (
        rules.within_disaster_window(event_date=D(2024, 1, 10), applied_on=applied_on, months=3)
        is within
    )


def test_the_window_is_the_categorys_number_of_months():
    assert rules.disaster_last_day(D(2024, 1, 10), 1) == D(2024, 2, 10)
    assert (
        rules.within_disaster_window(event_date=D(2024, 1, 10), applied_on=D(2024, 2, 11), months=1)
        is False
    )


class TestRegistration:
    def register(self, application_factory, applied_on, event):
        with travel(applied_on):
            return application_factory(
                "hardship-disaster-fire", registered_at=at(applied_on), event_date=event
            )

    def test_registered_on_the_last_day(self, application_factory):
        application = self.register(application_factory, D(2024, 4, 10), D(2024, 1, 10))
        assert application.event_date == D(2024, 1, 10)

    def test_refused_the_day_after_with_the_last_day_named(self, application_factory):
        with pytest.raises(ApplicationError) as refused:
            self.register(application_factory, D(2024, 4, 11), D(2024, 1, 10))
        assert "позднее 3 месяцев" in str(refused.value)
        assert "последний день обращения 10.04.2024" in str(refused.value)
