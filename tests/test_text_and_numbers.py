"""Vietnamese numbers and names as reports write them."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.indicators import abbreviations, aliases_frame, catalogue, match_column
from core.numbers import NumberError, is_not_reported, parse_count, parse_number
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


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("45,120", 45120),  # a file from an English-locale computer: a count cannot be 45,12
        ("1,038,406", 1038406),
        ("1.038.406", 1038406),
        ("08", 8),
        (12.0, 12),
        ("Chưa có số liệu", None),
        (None, None),
    ],
)
def test_counts(cell: object, value: float | None) -> None:
    assert parse_count(cell).value == value


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("45,12", "số đếm phải là số nguyên"),
        ("1,5", "số đếm phải là số nguyên"),
        ("1,234.5", "không phải là số"),
        ("NaN", "'NaN' không phải là số"),
        ("inf", "'inf' không phải là số"),
        ("-inf", "'-inf' không phải là số"),
        (1e300, "số quá lớn"),
        (float("inf"), "số quá lớn"),
        (2**63, "số quá lớn"),
        ("9223372036854775808", "số quá lớn"),
        (10**400, "số quá lớn"),
        (1_000_000_000, "số quá lớn"),
        (-3, "số âm"),
        ("96,1%", "là tỷ lệ"),
    ],
)
def test_what_a_count_cannot_be(cell: object, message: str) -> None:
    with pytest.raises(NumberError, match=message) as caught:
        parse_count(cell)
    assert caught.value.en != str(caught.value)  # said in English too, never the library's words


def test_the_largest_count() -> None:
    assert parse_count(999_999_999).value == 999_999_999


@pytest.mark.parametrize(
    "cell", ["Chưa gửi báo cáo", "Không báo cáo", "Chưa có số liệu", "KHÔNG CÓ SỐ LIỆU", "chưa nộp", "(Chưa báo cáo)"]
)
def test_a_unit_that_did_not_report(cell: str) -> None:
    assert is_not_reported(cell)


@pytest.mark.parametrize("cell", ["Ghi chú", "0", "Không", "Chưa"])
def test_words_that_do_not_say_not_reported(cell: str) -> None:
    assert not is_not_reported(cell)


# Headers: every alias of data/reference/header_aliases.csv names its indicator, alone or under its group.
_ALIASES = list(aliases_frame().itertuples(index=False))


@pytest.mark.parametrize("alias", _ALIASES, ids=lambda a: f"{a.indicator}:{a.alias}")
def test_every_alias_names_its_indicator(alias) -> None:
    if alias.under:
        group = catalogue()[alias.under].name_vi
        assert match_column([group, alias.alias]) == alias.indicator
        assert match_column([alias.alias]) != alias.indicator  # a part alone is not read as that part
    else:
        assert match_column([alias.alias]) == alias.indicator


def _variant(draw: st.DrawFn, header: str) -> str:
    """A header as officers type it: abbreviated, broken over lines, spaced, in capitals, decomposed."""
    if draw(st.booleans()):
        for long, short in sorted(((v, k) for k, v in abbreviations().items()), key=lambda x: -len(x[0])):
            header = re.sub(re.escape(long), short, header, flags=re.IGNORECASE)
    words = header.split(" ")
    seps = [draw(st.sampled_from([" ", "  ", "\n", " \n ", "\t"])) for _ in words[1:]]
    header = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    header = draw(st.sampled_from([str.upper, str.lower, str.title, lambda s: s]))(header)
    if draw(st.booleans()):
        header = unicodedata.normalize("NFD", header)
    return draw(st.sampled_from(["", " ", "\n"])) + header + draw(st.sampled_from(["", " ", " (1)"]))


@st.composite
def _headers(draw: st.DrawFn) -> tuple[str, str]:
    code = draw(st.sampled_from(sorted(catalogue())))
    names = [catalogue()[code].name_vi] + [a.alias for a in _ALIASES if a.indicator == code and not a.under]
    return code, _variant(draw, draw(st.sampled_from(names)))


@settings(max_examples=300, deadline=None)
@given(_headers())
def test_header_variants_name_the_same_indicator(header: tuple[str, str]) -> None:
    code, written = header
    assert match_column([written]) == code, written


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_part_under_its_group_in_any_spelling(data: st.DataObject) -> None:
    alias = data.draw(st.sampled_from([a for a in _ALIASES if a.under]))
    group = _variant(data.draw, catalogue()[alias.under].name_vi)
    assert match_column([group, "Chia theo giới tính", _variant(data.draw, alias.alias)]) == alias.indicator
