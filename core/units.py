"""Administrative units before and after 1 July 2025, their crosswalk, and name matching."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
import vietnamadminunits
from vietnamadminunits.database import query as _vau_query

from core.paths import REFERENCE
from core.problems import Bilingual
from core.textnorm import ascii_fold, declared_level, key, nfc, short_key

PRE2025 = "pre2025"
Y2025 = "y2025"
SYSTEMS = (PRE2025, Y2025)
NATIONAL_ID = "national:N:VN"  # published national figures: a unit of their own, in no system
NATIONAL_NAME = "Toàn quốc"  # how a figure for the whole country names its place
REFORM_YEAR = 2025  # yearly reports from 2025 on are written for the 2025 units (communes, 34 provinces)
PRE2025_VALID_TO = "2025-06-30"
Y2025_VALID_FROM = "2025-07-01"
LEVEL_NAMES = {"P": "tỉnh", "D": "huyện", "C": "xã"}
LEVEL_NAMES_EN = {"P": "province", "D": "district", "C": "commune"}

_DATA = Path(vietnamadminunits.__file__).parent / "data"

# Names in use that the package's keyword lists do not carry.
_EXTRA_ALIASES = {
    (PRE2025, "P", "46"): ["Thừa Thiên Huế", "TT Huế", "TT-Huế"],
    (PRE2025, "P", "79"): ["TPHCM", "Sài Gòn", "Hồ Chí Minh City"],
    (Y2025, "P", "79"): ["TPHCM", "Sài Gòn", "Hồ Chí Minh City"],
    (PRE2025, "P", "01"): ["Hanoi", "Thủ đô Hà Nội"],
    (Y2025, "P", "01"): ["Hanoi", "Thủ đô Hà Nội"],
}


def unit_id(system: str, level: str, code: str) -> str:
    """Warehouse key: codes collide across systems (15 is Yên Bái before 2025, Lào Cai after)."""
    return f"{system}:{level}:{code}"


def system_for_year(year: int) -> str:
    return PRE2025 if year < REFORM_YEAR else Y2025


def _sqlite(sql: str) -> pd.DataFrame:
    return pd.DataFrame(_vau_query(sql))


def _keywords(raw: str | None) -> list[str]:
    return json.loads(raw) if raw else []


@cache
def unit_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(unit, unit_crosswalk, unit_keyword) frames built from the vietnamadminunits lists."""
    legacy = _sqlite("SELECT * FROM admin_units_legacy")
    current = _sqlite("SELECT * FROM admin_units")
    units: list[dict] = []
    words: list[tuple[str, str]] = []

    def add_level(system: str, level: str, frame: pd.DataFrame, col: str, parent_level: str | None) -> None:
        # The package names its columns by level: province*, district*, ward*.
        parent_col = {"P": "provinceCode", "D": "districtCode"}.get(parent_level or "")
        for row in frame.dropna(subset=[f"{col}Code"]).drop_duplicates(f"{col}Code").to_dict("records"):
            uid = unit_id(system, level, row[f"{col}Code"])
            name = nfc(row[col])
            utype = row.get(f"{col}Type") or ("Thành phố" if name.startswith("Thành phố") else "Tỉnh")
            units.append(
                {
                    "unit_id": uid,
                    "system": system,
                    "level": level,
                    "code": row[f"{col}Code"],
                    "name": name,
                    "short_name": nfc(row[f"{col}Short"]),
                    "unit_type": utype,
                    "parent_id": unit_id(system, parent_level, row[parent_col]) if parent_level else None,
                    "valid_from": Y2025_VALID_FROM if system == Y2025 else None,
                    "valid_to": PRE2025_VALID_TO if system == PRE2025 else None,
                    "lat": row[f"{col}Lat"],
                    "lon": row[f"{col}Lon"],
                }
            )
            aliases = _EXTRA_ALIASES.get((system, level, row[f"{col}Code"]), [])
            keywords = {key(name), key(row[f"{col}Short"]), *_keywords(row[f"{col}Keywords"])}
            words.extend((uid, word) for word in keywords | {key(a) for a in aliases})

    add_level(PRE2025, "P", legacy, "province", None)
    add_level(PRE2025, "D", legacy, "district", "P")
    add_level(PRE2025, "C", legacy, "ward", "D")
    add_level(Y2025, "P", current, "province", None)
    add_level(Y2025, "C", current, "ward", "P")

    unit = pd.DataFrame(units)
    # The province of every unit: pre-2025 communes sit under a district, which sits under the province.
    parents = unit.set_index("unit_id")["parent_id"]
    province = unit["unit_id"].where(unit.level == "P", unit["parent_id"])
    unit["province_id"] = province.where(~province.map(parents).notna(), province.map(parents))
    keyword = pd.DataFrame(words, columns=["unit_id", "keyword"]).drop_duplicates()
    return unit, _crosswalk(legacy, current), keyword


def _crosswalk(legacy: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Pre-2025 province and district -> 2025 province (whole); pre-2025 commune -> 2025 commune(s)."""
    conv = json.loads((_DATA / "converter_2025.json").read_text(encoding="utf-8"))
    new_code = dict(zip(current["provinceKey"], current["provinceCode"], strict=False))
    old_code = dict(zip(legacy["provinceKey"], legacy["provinceCode"], strict=False))
    ward_code = {(r.provinceKey, r.wardKey): r.wardCode for r in current.itertuples()}
    old_ward = {
        f"{r.provinceKey}_{r.districtKey}_{r.wardKey}": r.wardCode
        for r in legacy.dropna(subset=["wardCode"]).itertuples()
    }
    rows: list[tuple[str, str, str]] = []
    province_map: dict[str, str] = {}
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        for old_key in old_keys:
            province_map[old_code[old_key]] = new_code[new_key]
            rows.append((unit_id(PRE2025, "P", old_code[old_key]), unit_id(Y2025, "P", new_code[new_key]), "whole"))
    for row in legacy.drop_duplicates("districtCode").itertuples():
        rows.append(
            (unit_id(PRE2025, "D", row.districtCode), unit_id(Y2025, "P", province_map[row.provinceCode]), "whole")
        )
    for new_prov, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                if old in old_ward:
                    rows.append(
                        (
                            unit_id(PRE2025, "C", old_ward[old]),
                            unit_id(Y2025, "C", ward_code[(new_prov, new_ward)]),
                            "whole",
                        )
                    )
    for new_prov, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            if old in old_ward:
                for part in parts:
                    rows.append(
                        (
                            unit_id(PRE2025, "C", old_ward[old]),
                            unit_id(Y2025, "C", ward_code[(new_prov, part["newWardKey"])]),
                            "part",
                        )
                    )
    return pd.DataFrame(rows, columns=["from_unit", "to_unit", "relation"]).drop_duplicates()


class UnitNotFound(Bilingual, LookupError):
    """A name that matches no unit, or more than one; the message says which and suggests names."""


@dataclass(frozen=True)
class Unit:
    unit_id: str
    system: str
    level: str
    code: str
    name: str
    short_name: str
    parent_id: str | None


# How English writes a Vietnamese unit: its name, then what it is ("Bắc Ninh province", "Phúc Yên city"), as the
# government's own English documents do; longest prefix first ("Thành phố" before nothing else, "Thị xã" before "Xã").
_ENGLISH_KINDS = (
    ("Thành phố ", "city"),
    ("Thị trấn ", "township"),
    ("Thị xã ", "town"),
    ("Đặc khu ", "special zone"),
    ("Tỉnh ", "province"),
    ("Huyện ", "district"),
    ("Quận ", "urban district"),
    ("Phường ", "ward"),
    ("Xã ", "commune"),
)


def name_in(name: str, lang: str) -> str:
    """A unit's full name in the reader's language: "Tỉnh Bắc Ninh" is "Bắc Ninh province" in English."""
    if lang != "en":
        return name
    for prefix, kind in _ENGLISH_KINDS:
        if name.startswith(prefix):
            rest = name.removeprefix(prefix)
            # Numbered units are "District 1", "Ward 12", as Hồ Chí Minh City writes them in English.
            return (
                f"{'District' if kind == 'urban district' else kind.capitalize()} {rest}"
                if rest.isdigit()
                else f"{rest} {kind}"
            )
    return name


FORMER_UNITS = REFERENCE / "former_units.csv"


@dataclass(frozen=True)
class FormerUnit:
    """A district that a merger or renaming of 2019–2025 ended, and the unit of the unit list it went into."""

    written: str  # what the report says
    name: str  # the former unit's full name
    successor: Unit
    relation: str  # renamed (same territory) | merged | split
    successor_from: int | None  # first year the successor stood (when it kept a former unit's name)
    parts: tuple[str, ...] = ()  # every unit the successor was made of, by full name (a merger's members)


@dataclass
class UnitIndex:
    """Name and code lookup over the unit table."""

    unit: pd.DataFrame
    keyword: pd.DataFrame
    # (system, level, parent) -> (pool, keyword -> unit ids, code -> unit ids): a report matches each of its
    # rows in the same pool, and filtering the whole table per row made a 600-row report take seconds.
    _pools: dict = field(default_factory=dict, repr=False, compare=False)
    _formers: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    @cache
    def load(cls) -> UnitIndex:
        unit, _, keyword = unit_frames()
        return cls(unit.set_index("unit_id", drop=False), keyword)

    def get(self, uid: str) -> Unit:
        r = self.unit.loc[uid]
        return Unit(
            r.unit_id, r.system, r.level, r.code, r["name"], r.short_name, None if pd.isna(r.parent_id) else r.parent_id
        )

    def children(self, parent_id: str, level: str) -> list[Unit]:
        rows = self.unit[(self.unit.parent_id == parent_id) & (self.unit.level == level)]
        return [self.get(u) for u in rows.sort_values("name").unit_id]

    def successor(self, pre2025_province: str) -> Unit:
        """The 2025 province a pre-2025 province went into."""
        _, crosswalk, _ = unit_frames()
        to = crosswalk.loc[crosswalk.from_unit == pre2025_province, "to_unit"].iloc[0]
        return self.get(to)

    def _pool(self, system: str, level: str, parent_id: str | None) -> tuple[pd.DataFrame, dict, dict]:
        found = self._pools.get((system, level, parent_id))
        if found is None:
            pool = self.unit[(self.unit.system == system) & (self.unit.level == level)]
            if parent_id is not None:
                pool = pool[pool.parent_id == parent_id]
            words: dict[str, list[str]] = {}
            for uid, word in self.keyword[self.keyword.unit_id.isin(pool.unit_id)].itertuples(index=False):
                ids = words.setdefault(word, [])
                if uid not in ids:
                    ids.append(uid)
            codes: dict[str, list[str]] = {}
            for uid, code in zip(pool.unit_id, pool.code, strict=True):
                codes.setdefault(code.lstrip("0"), []).append(uid)
            found = self._pools[(system, level, parent_id)] = (pool, words, codes)
        return found

    def match(self, text: str, system: str, level: str, parent_id: str | None = None) -> Unit:
        """The one unit of this system and level (under parent_id) that `text` names, by code or name."""
        pool, words, codes = self._pool(system, level, parent_id)
        raw = nfc(str(text))
        if raw.isdigit():
            hits = codes.get(raw.lstrip("0"), [])
            if len(hits) == 1:
                return self.get(hits[0])
        # The plain key first: some names start with a unit-type word ("Quan Hóa"). A name whose prefix
        # states another level ("Huyện Yên Lạc" among communes, where "Xã Yên Lạc" exists) must not match.
        declared = declared_level(raw)
        candidates = (key(raw),) if declared and declared != level else (key(raw), short_key(raw))
        for candidate in candidates:
            ids = words.get(candidate, [])
            if len(ids) == 1:
                return self.get(ids[0])
            if len(ids) > 1:
                names = ", ".join(sorted(self.unit.loc[ids, "name"]))
                raise UnitNotFound(
                    f"'{raw}' khớp nhiều đơn vị ({names}); ghi rõ loại đơn vị hoặc mã",
                    f"'{raw}' matches several units ({names}); write the unit type or the code",
                )
        options = dict(zip(pool["short_name"].map(key), pool["name"], strict=False))
        close = difflib.get_close_matches(short_key(raw), list(options), n=3, cutoff=0.6)
        hint = f"; có phải: {', '.join(options[c] for c in close)}?" if close else ""
        where = f" thuộc {self.get(parent_id).name}" if parent_id else ""
        hint_en = f"; did you mean: {', '.join(options[c] for c in close)}?" if close else ""
        raise UnitNotFound(
            f"không tìm thấy {LEVEL_NAMES[level]} '{raw}'{where}{hint}",
            f"no {LEVEL_NAMES_EN[level]} '{raw}'{where.replace(' thuộc ', ' in ')}{hint_en}",
        )

    def provinces_in(self, text: str) -> list[str]:
        """Province names that free text (a title, a file name) mentions, longest first; a name inside a
        longer one found ("Huế" in "Thừa Thiên Huế") does not count."""
        words = " " + re.sub(r"[^a-z0-9]+", " ", ascii_fold(text)) + " "
        found: dict[str, str] = {}
        for name in self.unit.loc[self.unit.level == "P", "short_name"].unique():
            folded = re.sub(r"[^a-z0-9]+", " ", ascii_fold(name)).strip()
            if f" {folded} " in words:
                found[folded] = name
        return [
            name
            for f, name in sorted(found.items(), key=lambda x: -len(x[0]))
            if not any(f != other and f" {f} " in f" {other} " for other in found)
        ]

    def province(self, text: str, year: int) -> Unit:
        """The province named `text` in the unit system in force for `year`, explaining the 2025 mergers."""
        system = system_for_year(year)
        try:
            return self.match(text, system, "P")
        except UnitNotFound:
            if system != Y2025:
                raise
            try:
                old = self.match(text, PRE2025, "P")
            except UnitNotFound:
                raise UnitNotFound(
                    f"không tìm thấy tỉnh/thành phố '{nfc(text)}'", f"no province '{nfc(text)}'"
                ) from None
            new = self.successor(old.unit_id)
            raise UnitNotFound(
                f"{old.name} không còn là đơn vị cấp tỉnh từ 01/7/2025 (đã hợp nhất vào {new.name}); "
                f"báo cáo năm {year} lập theo {new.name}",
                f"{old.name} has not been a province since 1 July 2025 (it merged into {new.name}); "
                f"a {year} report is made for {new.name}",
            ) from None

    def former(self, text: str, province_id: str, year: int) -> FormerUnit | None:
        """The district of `province_id` that `text` names as it was before a merger or renaming
        (data/reference/former_units.csv), when that name does not simply name a unit of `year`'s list."""
        if province_id not in self._formers:
            frame = pd.read_csv(FORMER_UNITS, dtype=str, keep_default_na=False)
            rows = []
            stood: set[str] = set()
            province = self.get(province_id)
            for r in frame.itertuples():
                if short_key(r.province) != short_key(province.short_name):
                    continue
                successor = self.match(r.successor, PRE2025, "D", province_id)
                since = int(r.successor_from) if r.successor_from else None
                rows.append((r.former, successor, r.relation, since))
                if r.successor_stood_before == "yes":
                    # The successor's own row in an older report is then one of its parts.
                    stood.add(successor.name)
            parts = {
                s.unit_id: tuple(n for n, o, _, _ in rows if o.unit_id == s.unit_id)
                + ((s.name,) if s.name in stood else ())
                for _, s, _, _ in rows
            }
            rows = [(n, s, rel, since, parts[s.unit_id]) for n, s, rel, since in rows]
            self._formers[province_id] = rows
        raw = nfc(str(text))
        # The unit list's own name (the template writes it for every year) names the unit of the list.
        if any(key(raw) == key(s.name) for _, s, _, _, _ in self._formers[province_id]):
            return None
        for name, successor, relation, since, parts in self._formers[province_id]:
            same = key(raw) == key(name) or short_key(raw) == short_key(name)
            if not same:
                continue
            # "Hoa Lư" names the city of Hoa Lư from 2025 on, and the district it was made from before.
            if short_key(raw) == short_key(successor.name) and (since is None or year >= since):
                continue
            return FormerUnit(raw, name, successor, relation, since, parts)
        return None
