"""Published figures (data/reference/published_figures*.csv) and figures accepted from narrative texts
(data/narrative/): each with its link and sentence, matched to units and indicators; what cannot be matched is
kept, listed and said, never dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core.indicators import catalogue, catalogue_frame
from core.paths import REFERENCE
from core.textnorm import key
from core.units import NATIONAL_ID, PRE2025, UnitIndex, UnitNotFound, system_for_year
from etl.plans import NATIONAL

PUBLISHED = REFERENCE / "published_figures.csv"
# More real figures, with a `kind` column (result, target, partial, cumulative, change; none for a quote that holds
# no figure of ours) and rows whose year the source does not give.
PUBLISHED_MORE = REFERENCE / "published_figures_more.csv"
PUBLISHED_FILES = (PUBLISHED, PUBLISHED_MORE)
NARRATIVE_DIR = "narrative"  # under data/
NATIONAL_UNIT = {
    "unit_id": NATIONAL_ID,
    "system": "national",
    "level": "N",
    "code": "VN",
    "name": NATIONAL,
    "short_name": NATIONAL,
    "province_id": NATIONAL_ID,
}
# A leading "[…]" in a quote explains the row: what an "other" figure counts, a partial period, a target.
_NOTE_RE = re.compile(r"^\[([^\]]*)\]\s*")
_NOT_YEARLY = ("cumulative", "6 tháng", "tháng đầu", "target", "result", "later-revised")
# What a figure that is not a year's result is, in the source's words when its row gives none.
_KIND_NOTES = {
    "target": "chỉ tiêu",
    "change_target": "chỉ tiêu (mức thay đổi, %)",
    "partial": "một phần năm",
    "cumulative": "lũy kế",
    "change": "mức tăng thêm trong năm",
}


def narrative_files(data_dir: Path) -> list[Path]:
    """Reviewed figures from narrative texts, one file per accepted review (etl.narrative writes them)."""
    return sorted((data_dir / NARRATIVE_DIR).glob("*.csv"))


@dataclass(frozen=True)
class Published:
    figures: pd.DataFrame  # one row per published figure, matched or not
    notes: list[str]  # rows the build could not match, said out loud


def load_published(path: Path | None = None, source_kind: str = "published") -> Published:
    """Published figures (source_kind "published"; every file of PUBLISHED_FILES when no path is given), or figures
    a person accepted from a narrative text ("narrative": the same columns, plus is_approx, kind and the figure's
    character span in its text). A figure that is not a year's result (a target, part of a year, a total up to now
    or over years, what was added) is kept with its kind as period_type and never drawn as a year's value."""
    if path is None:
        parts = [load_published(p, source_kind) for p in PUBLISHED_FILES if p.exists()]
        figures = pd.concat([p.figures for p in parts if len(p.figures)], ignore_index=True)
        return Published(figures, [n for p in parts for n in p.notes])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    index = UnitIndex.load()
    codes = catalogue()
    rates = set(catalogue_frame().code) - set(codes)  # "đạt 96,1%": a rate said in a text
    rows, notes = [], []
    for line, r in enumerate(frame.itertuples(), start=2):
        kind = getattr(r, "kind", "") or "result"
        if kind == "none" or r.indicator == "none":
            continue  # a quote kept to test the extractor: it holds no figure of ours
        if not r.year.strip():
            # A figure whose source gives no year: the warehouse keys every figure on a year, and a year is not
            # guessed. Such rows stay in the file as material for the extractor's evaluation.
            continue
        year = int(r.year)
        unit_id, problem = match_unit(index, r.province, r.district, year)
        if problem:
            notes.append(f"{path.name} dòng {line}: {problem}; giữ lại, không gắn với đơn vị nào")
        note_match = _NOTE_RE.match(r.quote)
        note = note_match.group(1) if note_match else ""
        head, _, rest = note.partition(",")
        if head.strip() in codes:  # "[dv_cases, later-revised …]": the indicator's name, not its code
            note = f"{codes[head.strip()].name_vi},{rest}" if rest else codes[head.strip()].name_vi
        indicator = r.indicator if r.indicator in codes or r.indicator in rates else None
        if indicator is None and r.indicator != "other":
            notes.append(f"{path.name} dòng {line}: chỉ tiêu '{r.indicator}' không có trong danh mục")
        if kind != "result":  # a target, part of a year, a total over years: not a figure for the year
            note = note or _KIND_NOTES.get(kind, kind)
        yearly = indicator is not None and kind == "result" and not any(w in note.lower() for w in _NOT_YEARLY)
        rows.append(
            {
                "line": line,
                "province_text": r.province,
                "district_text": r.district or None,
                "unit_id": unit_id,
                "indicator": indicator,
                "label": note or None,  # what an unmatched ("other") figure counts, in the source's words
                "year": year,
                "value": float(r.value),
                "unit_text": r.unit,
                "is_approx": "approx" in r.unit or "rounded" in r.unit or getattr(r, "is_approx", "") == "true",
                "year_uncertain": "YEAR UNCERTAIN" in r.quote,
                "period_type": "year" if yearly else kind if kind in _KIND_NOTES else "other",
                "source_url": r.source_url,
                "published_on": pd.to_datetime(r.published, errors="coerce"),
                "quote": r.quote,
                "source_kind": source_kind,
                "file_name": path.name,
                "char_start": int(r.start) if getattr(r, "start", "") else None,
                "char_end": int(r.end) if getattr(r, "end", "") else None,
            }
        )
    return Published(pd.DataFrame(rows), notes)


def match_unit(index: UnitIndex, province: str, district: str, year: int) -> tuple[str | None, str | None]:
    """(unit_id, None) or (None, why). Names are as published ("TP. Hồ Chí Minh", "Huế"); a former province
    named in a figure about 2025 is that former province."""
    if key(province) == key(NATIONAL):
        return NATIONAL_ID, None
    district = re.sub(r"\s*\(.*\)\s*$", "", district or "")  # "Lang Chánh (xã Tân Phúc)": the district
    try:
        if district and system_for_year(year) != PRE2025:
            try:  # a commune of a 2025 province; otherwise a former district, as figures about 2025 still say
                parent = index.match(province, system_for_year(year), "P").unit_id
                return index.match(district, system_for_year(year), "C", parent).unit_id, None
            except UnitNotFound:
                pass
        if district:
            return index.match(district, PRE2025, "D", index.match(province, PRE2025, "P").unit_id).unit_id, None
        try:
            return index.match(province, system_for_year(year), "P").unit_id, None
        except UnitNotFound:
            return index.match(province, PRE2025, "P").unit_id, None
    except UnitNotFound as exc:
        return None, str(exc)
