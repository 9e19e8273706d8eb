"""Illustrative report workbooks for five provinces, 2016–2024, anchored on published province figures.

The values are invented but plausible: province totals follow published figures where we have them
(data/reference sources: Vĩnh Phúc 2017 and 2019, Ninh Bình c. 2022, Bắc Ninh 2019, Hà Nội 2024) and
smooth trends in between; districts share the totals by their number of communes. Every workbook says
"Số liệu minh họa" in its header block, and the dashboard labels these values as illustrative.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from etl.template import write_workbook
from etl.textnorm import key
from etl.units import PRE2025, UnitIndex

YEARS = list(range(2016, 2025))
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
# National DV cases trend (published: 2015 19.274, 2020 7.831, 2021 4.967, 2023 ~3.200, 2024 ~2.330).
NATIONAL_DV = {
    2016: 16800,
    2017: 14100,
    2018: 11900,
    2019: 9800,
    2020: 7831,
    2021: 4967,
    2022: 4100,
    2023: 3200,
    2024: 2330,
}
FORM_SHARES = {"dv_cases_mental": 0.40, "dv_cases_physical": 0.50, "dv_cases_economic": 0.08, "dv_cases_sexual": 0.02}


@dataclass
class Profile:
    name: str
    households_2016: int
    dv_share: float  # share of the national DV cases
    children_share: float  # children under 16 per household
    anchors: dict[str, dict[int, int]] = field(default_factory=dict)
    model_coverage: tuple[float, float] = (0.62, 0.97)  # share of communes with a model, 2016 -> 2024


PROFILES = [
    Profile(
        "Vĩnh Phúc",
        300_000,
        0.0179,
        0.92,
        {
            # Seed 000 (22/11/2017) and published figures for 2019.
            "clubs_sustainable_family": {2017: 60},
            "clubs_dv_prevention": {2017: 75},
            "trusted_addresses": {2017: 707, 2019: 707},
            "hotlines": {2017: 229, 2019: 300},
            "dv_models": {2019: 135},
            "dv_cases_mental": {2019: 73},
            "dv_cases_physical": {2019: 84},
            "dv_cases_economic": {2019: 16},
            "dv_cases_sexual": {2019: 2},
        },
    ),
    Profile(
        "Ninh Bình",
        285_000,
        0.0105,
        0.86,
        {
            # Published c. 2022 (year uncertain in the source; placed in 2022 as the reference file does).
            "clubs_dv_prevention": {2022: 1551},
            "clubs_sustainable_family": {2022: 1410},
            "hotlines": {2022: 143},
            "trusted_addresses": {2022: 1169},
        },
    ),
    Profile(
        "Bắc Ninh",
        350_000,
        0.0132,
        0.84,
        {
            # Seed 003: "Tính đến tháng 6/2019 ... 306.822 trẻ em, 154.438 trẻ dưới 6 tuổi, 3.876 ... đặc biệt".
            "children_total": {2019: 306_822},
            "children_under6": {2019: 154_438},
            "children_special": {2019: 3_876},
        },
    ),
    Profile(
        "Hà Nội",
        1_960_000,
        0.0060,
        0.78,
        {
            # giadinh.bvhttdl.gov.vn/?p=8103: 2024, 24 DV households: 8 mental, 16 physical; 2.091.335 households.
            "households_total": {2024: 2_091_335},
            "dv_cases_mental": {2024: 8},
            "dv_cases_physical": {2024: 16},
            "dv_cases_economic": {2024: 0},
            "dv_cases_sexual": {2024: 0},
            "dv_households": {2024: 24},
        },
    ),
    # Kon Tum's 2024 plan (KH 925/KH-UBND) aims at 65% of communes with a model; the sample stays short of it.
    Profile("Kon Tum", 140_000, 0.0081, 1.15, {}, model_coverage=(0.30, 0.58)),
]


def _rng(*parts: object) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32("|".join(map(str, parts)).encode()))


def _trend(start: float, end: float, noise: float, rng: np.random.Generator) -> dict[int, float]:
    """A smooth path from start (2016) to end (2024) with multiplicative noise."""
    span = YEARS[-1] - YEARS[0]
    return {y: (start + (end - start) * (y - YEARS[0]) / span) * (1 + rng.normal(0, noise)) for y in YEARS}


def _anchor(series: dict[int, float], anchors: dict[int, int]) -> dict[int, float]:
    """Rescale a series so it passes exactly through the anchors, interpolating the factor between them."""
    if not anchors:
        return series
    points = sorted(anchors)
    factor = {y: anchors[y] / series[y] if series[y] else 1.0 for y in points}
    out = {}
    for y, v in series.items():
        if y in anchors:
            out[y] = float(anchors[y])
            continue
        lo = max((p for p in points if p < y), default=None)
        hi = min((p for p in points if p > y), default=None)
        if lo is None or hi is None:
            f = factor[lo if hi is None else hi]
        else:
            f = factor[lo] + (factor[hi] - factor[lo]) * (y - lo) / (hi - lo)
        out[y] = v * f
    return out


def _split(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to weights that add up to total exactly (largest remainder)."""
    if total <= 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=int)
    raw = weights / weights.sum() * total
    base = np.floor(raw).astype(int)
    order = np.argsort(-(raw - base), kind="stable")
    base[order[: total - base.sum()]] += 1
    return base


def province_values(profile: Profile) -> dict[tuple[int, str], dict[str, int | None]]:
    """(year, district unit_id) -> indicator values for one province."""
    index = UnitIndex.load()
    province = index.match(profile.name, PRE2025, "P")
    districts = index.children(province.unit_id, "D")
    communes = np.array([len(index.children(d.unit_id, "C")) or 1 for d in districts], dtype=float)
    rng = _rng(profile.name, "weights")
    weight = communes * rng.lognormal(0, 0.25, len(districts))  # district size beyond its commune count
    n_communes = int(communes.sum())
    anchors = profile.anchors

    def series(code: str, start: float, end: float, noise: float = 0.04) -> dict[int, int]:
        raw = _anchor(_trend(start, end, noise, _rng(profile.name, code)), anchors.get(code, {}))
        return {y: max(0, round(v)) for y, v in raw.items()}

    def split(code: str, totals: dict[int, int]) -> dict[int, np.ndarray]:
        return {y: _split(totals[y], weight) for y in YEARS}

    def share_of(
        parent: dict[int, np.ndarray], code: str, start: float, end: float, noise: float = 0.03
    ) -> dict[int, np.ndarray]:
        """A subset of a parent, district by district, never above it; anchored totals kept exactly."""
        ratio = _trend(start, end, 0.0, _rng(profile.name, code))
        r = _rng(profile.name, code, "d")
        out = {}
        for y in YEARS:
            if y in anchors.get(code, {}):
                out[y] = np.minimum(_split(anchors[code][y], parent[y].astype(float)), parent[y])
            else:
                jitter = np.clip(1 + r.normal(0, noise, len(districts)), 0.5, 1.5)
                out[y] = np.minimum(np.round(parent[y] * ratio[y] * jitter).astype(int), parent[y])
        return out

    v: dict[str, dict[int, np.ndarray]] = {}
    v["communes_total"] = {y: communes.astype(int) for y in YEARS}
    hh = series("households_total", profile.households_2016, profile.households_2016 * 1.13, 0.005)
    v["households_total"] = split("households_total", hh)
    v["households_informed"] = share_of(v["households_total"], "households_informed", 0.78, 0.95)
    v["households_behaviour_code"] = share_of(v["households_total"], "households_behaviour_code", 0.20, 0.74)
    v["steering_committees"] = {y: communes.astype(int) + 1 for y in YEARS}
    v["clubs_sustainable_family"] = split("c", series("clubs_sustainable_family", 0.35 * n_communes, 0.9 * n_communes))
    v["clubs_dv_prevention"] = split("c", series("clubs_dv_prevention", 0.5 * n_communes, 1.2 * n_communes))
    v["dv_models"] = split("c", series("dv_models", 0.6 * n_communes, 1.1 * n_communes))
    v["communes_with_model"] = share_of(v["communes_total"], "communes_with_model", *profile.model_coverage)
    v["trusted_addresses"] = split("c", series("trusted_addresses", 3.5 * n_communes, 4.5 * n_communes))
    v["hotlines"] = split("c", series("hotlines", 0.8 * n_communes, 1.6 * n_communes))
    v["communes_with_hotline"] = share_of(v["communes_total"], "communes_with_hotline", 0.55, 0.96)

    dv = _anchor({y: NATIONAL_DV[y] * profile.dv_share for y in YEARS}, {})
    for form, share in FORM_SHARES.items():
        totals = _anchor(
            {y: dv[y] * share * (1 + _rng(profile.name, form, y).normal(0, 0.08)) for y in YEARS}, anchors.get(form, {})
        )
        v[form] = split(form, {y: max(0, round(t)) for y, t in totals.items()})
    v["dv_cases"] = {y: sum(v[f][y] for f in FORM_SHARES) for y in YEARS}
    v["dv_households"] = share_of(v["dv_cases"], "dv_households", 1.0, 1.0, 0.0)
    v["dv_cases_mediated"] = share_of(v["dv_cases"], "dv_cases_mediated", 0.25, 0.45, 0.1)
    v["perpetrators_total"] = {y: v["dv_cases"][y].copy() for y in YEARS}
    v["perpetrators_male"] = share_of(v["perpetrators_total"], "perpetrators_male", 0.9, 0.86, 0.05)
    v["perpetrators_female"] = {y: v["perpetrators_total"][y] - v["perpetrators_male"][y] for y in YEARS}
    v["victims_total"] = {y: v["dv_cases"][y].copy() for y in YEARS}
    v["victims_female"] = share_of(v["victims_total"], "victims_female", 0.86, 0.8, 0.05)
    v["victims_male"] = {y: v["victims_total"][y] - v["victims_female"][y] for y in YEARS}
    v["victims_under16"] = share_of(v["victims_total"], "victims_under16", 0.09, 0.07, 0.2)
    v["victims_60plus"] = share_of(v["victims_total"], "victims_60plus", 0.08, 0.10, 0.2)
    for code, rate in (
        ("handled_criticism", 0.62),
        ("handled_no_contact", 0.05),
        ("handled_education", 0.1),
        ("handled_admin_penalty", 0.12),
        ("handled_criminal", 0.03),
    ):
        v[code] = share_of(v["perpetrators_total"], code, rate, rate, 0.2)

    classes = series("training_classes", 1.6 * len(districts), 2.8 * len(districts), 0.1)
    v["training_classes"] = split("training_classes", classes)
    v["training_participants"] = {
        y: np.round(v["training_classes"][y] * 58 * (1 + _rng(profile.name, "tp", y).normal(0, 0.05))).astype(int)
        for y in YEARS
    }
    v["officials_family_work"] = {y: (communes * 2 + 2).astype(int) for y in YEARS}
    v["officials_trained"] = share_of(v["officials_family_work"], "officials_trained", 0.64, 0.93)

    kids = {y: float(hh[y]) * profile.children_share for y in YEARS}
    kids = _anchor(kids, anchors.get("children_total", {}))
    v["children_total"] = split("children_total", {y: round(k) for y, k in kids.items()})
    v["children_under6"] = share_of(v["children_total"], "children_under6", 0.38, 0.36, 0.02)
    v["children_special"] = share_of(v["children_total"], "children_special", 0.0135, 0.0115, 0.1)
    v["child_abuse_cases"] = split("child_abuse_cases", series("child_abuse_cases", 9, 6, 0.3))

    out: dict[tuple[int, str], dict[str, int | None]] = {}
    for y in YEARS:
        for i, d in enumerate(districts):
            out[(y, d.unit_id)] = {code: int(arr[y][i]) for code, arr in v.items()}
            # Not reported is not zero: indicators that did not exist yet are left empty.
            if y < 2022:
                out[(y, d.unit_id)]["households_behaviour_code"] = None
            if y < 2023:
                out[(y, d.unit_id)]["dv_cases_mediated"] = None
    _flaws(profile.name, [d.unit_id for d in districts], out)
    return out


def _flaws(province: str, districts: list[str], out: dict[tuple[int, str], dict[str, int | None]]) -> None:
    """Slips real returns have, one or two per province, so the data-quality checks have something true to say
    about the illustrative data. None of them touches a figure anchored on a published one."""
    first, second, third = districts[:3]
    if province == "Kon Tum":
        for code in ("training_classes", "training_participants", "officials_trained"):
            out[(2018, districts[-1])][code] = None  # one district's training return missing
    elif province == "Bắc Ninh":
        row = out[(2021, first)]
        row["trusted_addresses"] = (row["trusted_addresses"] or 0) * 10  # a digit typed twice
    elif province == "Ninh Bình":
        row = out[(2020, second)]
        row["victims_female"] = (row["victims_female"] or 0) + 3  # women and men no longer add up to the total
    elif province == "Vĩnh Phúc":
        out[(2023, third)]["training_participants"] = 0  # a blank typed as 0, with classes held
    elif province == "Hà Nội":
        for unit in (second, third):  # two districts sent nothing in 2019
            out[(2019, unit)] = dict.fromkeys(out[(2019, unit)])


def write_samples(directory: Path = SAMPLE_DIR) -> list[Path]:
    """Write one illustrative workbook per province (one sheet per year)."""
    paths = []
    for profile in PROFILES:
        path = directory / f"minh-hoa_{key(profile.name)}_{YEARS[0]}-{YEARS[-1]}.xlsx"
        paths.append(write_workbook(path, profile.name, YEARS, province_values(profile), sample=True))
    return paths
