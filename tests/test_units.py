"""Administrative units before and after 1 July 2025, the crosswalk and name matching."""

import unicodedata

import pytest

from core.units import PRE2025, Y2025, UnitIndex, UnitNotFound, unit_frames


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
