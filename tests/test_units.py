"""Administrative units before and after 1 July 2025, the crosswalk and name matching."""

import unicodedata

import pandas as pd
import pytest

from core.units import FORMER_UNITS, PRE2025, Y2025, UnitIndex, UnitNotFound, name_in, unit_frames


def test_unit_counts() -> None:
    unit, _, _ = unit_frames()
    counts = unit.groupby(["system", "level"]).size().to_dict()
    assert counts == {
        (PRE2025, "P"): 63,
        (PRE2025, "D"): 696,
        (PRE2025, "C"): 10035,
        (Y2025, "P"): 34,
        (Y2025, "C"): 3321,
    }
    assert unit["unit_id"].is_unique


def test_63_to_34_is_a_partition() -> None:
    unit, crosswalk, _ = unit_frames()
    provinces = crosswalk[crosswalk.from_unit.str.startswith("pre2025:P:")]
    assert provinces.from_unit.is_unique and len(provinces) == 63
    assert set(provinces.to_unit) == set(unit.loc[(unit.system == Y2025) & (unit.level == "P"), "unit_id"])
    assert set(provinces.relation) == {"whole"}
    districts = crosswalk[crosswalk.from_unit.str.startswith("pre2025:D:")]
    assert districts.from_unit.is_unique and len(districts) == 696


def test_mergers(index: UnitIndex) -> None:
    vinh_phuc = index.match("Vĩnh Phúc", PRE2025, "P")
    assert index.successor(vinh_phuc.unit_id).name == "Tỉnh Phú Thọ"
    assert index.successor(index.match("Kon Tum", PRE2025, "P").unit_id).name == "Tỉnh Quảng Ngãi"
    assert index.successor(index.match("Nam Định", PRE2025, "P").unit_id).name == "Tỉnh Ninh Bình"
    assert index.successor(index.match("Hà Nội", PRE2025, "P").unit_id).name == "Thành phố Hà Nội"


def test_vinh_phuc_has_nine_districts(index: UnitIndex) -> None:
    # Seed 000: "Phòng Văn hóa, Thông tin 9 huyện, thành, thị".
    districts = index.children(index.match("Vĩnh Phúc", PRE2025, "P").unit_id, "D")
    assert len(districts) == 9
    assert "Huyện Yên Lạc" in [d.name for d in districts]


def test_code_collision_15(index: UnitIndex) -> None:
    # Code 15 is Yên Bái before 2025 and the new Lào Cai after: the key is (system, level, code).
    assert index.get("pre2025:P:15").name == "Tỉnh Yên Bái"
    assert index.get("y2025:P:15").name == "Tỉnh Lào Cai"
    assert index.successor("pre2025:P:15").unit_id == "y2025:P:15"
    assert index.match("15", PRE2025, "P").name == "Tỉnh Yên Bái"
    assert index.match("15", Y2025, "P").name == "Tỉnh Lào Cai"


@pytest.mark.parametrize(
    "text",
    [
        "Huyện Yên Lạc",
        "yen lac",
        "Yên Lạc",
        "H. Yên Lạc",
        "huyen yen lac",
        unicodedata.normalize("NFD", "Huyện Yên Lạc"),
        "251",
    ],
)
def test_district_spellings(index: UnitIndex, text: str) -> None:
    vinh_phuc = index.match("Vinh Phuc", PRE2025, "P")
    assert index.match(text, PRE2025, "D", vinh_phuc.unit_id).unit_id == "pre2025:D:251"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("TP.HCM", "79"),
        ("TPHCM", "79"),
        ("Thành phố Hồ Chí Minh", "79"),
        ("Thừa Thiên Huế", "46"),
        ("Đăk Lăk", "66"),
        ("Dak Lak", "66"),
        ("Hoà Bình", "17"),
        ("hoa binh", "17"),
    ],
)
def test_province_spellings(index: UnitIndex, text: str, code: str) -> None:
    assert index.match(text, PRE2025, "P").code == code


def test_unknown_name_suggests(index: UnitIndex) -> None:
    vinh_phuc = index.match("Vĩnh Phúc", PRE2025, "P")
    with pytest.raises(UnitNotFound, match="có phải: Huyện Yên Lạc"):
        index.match("Yen Lax", PRE2025, "D", vinh_phuc.unit_id)


def test_merged_province_after_reform_is_explained(index: UnitIndex) -> None:
    with pytest.raises(UnitNotFound, match="hợp nhất vào Tỉnh Phú Thọ"):
        index.province("Vĩnh Phúc", 2026)
    assert index.province("Vĩnh Phúc", 2024).code == "26"
    assert index.province("Phú Thọ", 2026).unit_id == "y2025:P:25"


# Districts that a merger or renaming of 2019–2025 ended (data/reference/former_units.csv).
@pytest.mark.parametrize(
    ("province", "written", "year", "successor", "relation"),
    [
        ("Hòa Bình", "Huyện Kỳ Sơn", 2019, "Thành phố Hòa Bình", "merged"),
        ("Hòa Bình", "Kỳ Sơn", 2023, "Thành phố Hòa Bình", "merged"),
        ("Cao Bằng", "Thông Nông", 2021, "Huyện Hà Quảng", "merged"),
        ("Thanh Hóa", "Huyện Tĩnh Gia", 2019, "Thị xã Nghi Sơn", "renamed"),
        ("Ninh Bình", "Hoa Lư", 2023, "Thành phố Hoa Lư", "merged"),  # the district Hoa Lư, before 2025
        ("Ninh Bình", "TP Ninh Bình", 2022, "Thành phố Hoa Lư", "merged"),
        ("Hồ Chí Minh", "Quận 9", 2020, "Thành phố Thủ Đức", "merged"),
    ],
)
def test_former_districts(index: UnitIndex, province: str, written: str, year: int, successor: str, relation: str):
    former = index.former(written, index.match(province, PRE2025, "P").unit_id, year)
    assert (former.written, former.successor.name, former.relation) == (written, successor, relation)


@pytest.mark.parametrize(
    ("province", "written"),
    [
        ("Hòa Bình", "Thành phố Hòa Bình"),
        ("Ninh Bình", "Thành phố Hoa Lư"),  # the unit list's own name, as the template writes it
        ("Vĩnh Phúc", "Thị xã Phúc Yên"),  # a town that became a city: the same unit
        ("Cao Bằng", "Huyện Hà Quảng"),
    ],
)
def test_names_of_the_unit_list_are_not_former(index: UnitIndex, province: str, written: str) -> None:
    assert index.former(written, index.match(province, PRE2025, "P").unit_id, 2021) is None


def test_every_former_unit_names_a_successor_in_the_list(index: UnitIndex) -> None:
    frame = pd.read_csv(FORMER_UNITS, dtype=str, keep_default_na=False)
    for row in frame.itertuples():
        province = index.match(row.province, PRE2025, "P")
        assert index.match(row.successor, PRE2025, "D", province.unit_id).name == row.successor
        assert row.relation in {"renamed", "merged", "split"}


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Tỉnh Bắc Ninh", "Bắc Ninh province"),
        ("Thành phố Hà Nội", "Hà Nội city"),
        ("Thị xã Phúc Yên", "Phúc Yên town"),
        ("Huyện Yên Lạc", "Yên Lạc district"),
        ("Quận 1", "District 1"),  # a numbered one as Hồ Chí Minh City writes it
        ("Phường 12", "Ward 12"),
        ("Xã Tam Đảo", "Tam Đảo commune"),
        ("Phường Vĩnh Yên", "Vĩnh Yên ward"),
        ("Đặc khu Phú Quốc", "Phú Quốc special zone"),
        ("Cả nước", "Cả nước"),  # no unit-type word: said as it is
    ],
)
def test_unit_names_in_english_say_what_the_unit_is_after_its_name(name: str, english: str) -> None:
    assert name_in(name, "en") == english
    assert name_in(name, "vi") == name
