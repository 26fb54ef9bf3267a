"""The send and receive dates of shipment records (express/dates.py)."""
from datetime import date

import pytest

from express.dates import parse_date


@pytest.mark.parametrize("text, expected", [
    ("2024-03-05", date(2024, 3, 5)),
    ("2024/3/5", date(2024, 3, 5)),
    ("2024.03.05", date(2024, 3, 5)),
    ("2024年3月5日", date(2024, 3, 5)),
    ("20240305", date(2024, 3, 5)),
    ("202403051430", date(2024, 3, 5)),
    ("2024-03-05 14:30:00", date(2024, 3, 5)),
    ("2024-03-05T23:30:00+08:00", date(2024, 3, 5)),
    ("05/03/2024", None),
    ("2024-02-30", None),
    ("2024-13-01", None),
    ("soon", None),
    ("", None),
])
def test_it_parses_the_common_date_formats_and_refuses_to_guess(text, expected):
    assert parse_date(text) == expected

