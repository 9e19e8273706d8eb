"""Vietnamese numbers and names as reports write them."""

import unicodedata

import pytest

from core.numbers import NumberError, parse_number
from core.textnorm import key, short_key


@pytest.mark.parametrize(
    ("cell", "value", "approx"),
    [
        ("306.822", 306822, False),
        ("1.962.291", 1962291, False),
        ("96,1%", 96.1, False),
        ("1.234,5", 1234.5, False),
        ("08", 8, False),
        ("03 ", 3, False),
        ("gần 30.000", 30000, True),
        ("hơn 3.100", 3100, True),
        ("1,84 triệu", 1840000, False),
        (12, 12, False),
        (0, 0, False),
        ("0", 0, False),
    ],
)
def test_numbers(cell: object, value: float, approx: bool) -> None:
    parsed = parse_number(cell)
    assert parsed.value == pytest.approx(value)
    assert parsed.is_approx is approx


@pytest.mark.parametrize("cell", [None, "", "-", "  ", float("nan")])
def test_not_reported_is_not_zero(cell: object) -> None:
    assert parse_number(cell).value is None


@pytest.mark.parametrize("cell", ["abc", "1.2.3", "12a", "1,2,3", "x12"])
def test_text_is_an_error(cell: str) -> None:
    with pytest.raises(NumberError):
        parse_number(cell)


def test_name_keys_survive_real_spellings() -> None:
    assert key("Hoà Bình") == key("Hòa Bình") == key(unicodedata.normalize("NFD", "Hòa Bình")) == "hoabinh"
    assert short_key("TP.HCM") == short_key("TPHCM") == short_key("tp hcm") == "hcm"
    assert short_key("TX Phúc Yên") == short_key("Thành phố Phúc Yên") == "phucyen"
    assert short_key("Huyện Yên Lạc") == short_key("yen lac") == "yenlac"
    # A name that starts like a unit type keeps its plain key for matching first.
    assert key("Quan Hóa") == "quanhoa"
