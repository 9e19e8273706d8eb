"""Figures proposed from prose (reports, news, plans): the patterns, read in steps; the lexicon is data."""

from __future__ import annotations

import hashlib
import io
import re
import tomllib
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from core.indicators import catalogue, match_header
from core.paths import REFERENCE
from core.textnorm import nfc
from core.units import PRE2025, UnitIndex, UnitNotFound

if TYPE_CHECKING:
    import pandas as pd

LEXICON = REFERENCE / "extract_lexicon.toml"
Pairs = tuple[tuple[re.Pattern[str], str], ...]


# ---------------------------------------------------------------------------------------------------------
# Lexicon (data/reference/extract_lexicon.toml). Patterns run on folded text (lower case, no diacritics,
# đ -> d), which keeps every character's position, so a match is also a span of the original text.
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BareNoun:
    """A noun said without its subject ("1.520 vụ", "18 người"): the nearest label before it names it."""

    noun: re.Pattern[str]
    labels: Pairs
    within: str  # sentence | clause: how far back a label may be


@dataclass(frozen=True)
class Lexicon:
    count_nouns: Pairs
    counted_after_has: Pairs
    labelled_before: Pairs  # a label ending where a number without a noun starts ("Số bạo lực gia đình là 58")
    people_subjects: Pairs  # victims or perpetrators, counted by sex or age
    people_groups: Pairs
    bare_nouns: tuple[BareNoun, ...]
    fraction_wholes: Pairs
    fraction_parts: Pairs
    fraction_counts: Pairs
    percent_nouns: Pairs
    approx: re.Pattern[str]
    numbers: dict[str, int]
    multipliers: dict[str, float]
    multiplier: re.Pattern[str]  # one of the multipliers, just after a number
    partial: re.Pattern[str]
    cumulative: re.Pattern[str]
    as_of: re.Pattern[str]
    change: re.Pattern[str]
    target_cue: re.Pattern[str]
    target_reported: re.Pattern[str]


def _expand(pattern: str, shorthands: dict[str, str]) -> str:
    for _ in range(4):  # shorthands may use shorthands
        pattern = re.sub(r"<(\w+)>", lambda m: shorthands.get(m.group(1), m.group()), pattern)
    return pattern


@lru_cache(maxsize=4)
def lexicon(path: Path = LEXICON) -> Lexicon:
    """The lexicon file, compiled once."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    short = raw["shorthands"]

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(_expand(pattern, short))

    def pairs(rows: list[list[str]]) -> Pairs:
        return tuple((rx(p), indicator) for p, indicator in rows)

    def alternatives(patterns: Iterable[str]) -> re.Pattern[str]:
        return rx("|".join(f"(?:{p})" for p in patterns))

    words, periods = raw["words"], raw["periods"]
    approx = "|".join(re.escape(w) for w in sorted(words["approx"], key=len, reverse=True))
    return Lexicon(
        count_nouns=pairs(raw["nouns"]["count_nouns"])
        + _noun_phrases(raw["noun_phrases"], rx)
        + pairs(raw["nouns"]["fallback_nouns"]),
        counted_after_has=pairs(raw["nouns"]["counted_after_has"]),
        labelled_before=pairs(raw["nouns"]["labelled_before"]),
        people_subjects=pairs(raw["people_groups"]["subjects"]),
        people_groups=pairs(raw["people_groups"]["groups"]),
        bare_nouns=tuple(BareNoun(rx(b["noun"]), pairs(b["labels"]), b["within"]) for b in raw["bare_nouns"]),
        fraction_wholes=pairs(raw["fractions"]["wholes"]),
        fraction_parts=pairs(raw["fractions"]["parts"]),
        fraction_counts=pairs(raw["fractions"]["counts"]),
        percent_nouns=pairs(raw["percentages"]["nouns"]),
        approx=re.compile(rf"\b(?:{approx})\s*$"),
        numbers={nfc(k).lower(): int(v) for k, v in words["numbers"].items()},
        multipliers={k: float(v) for k, v in words["multipliers"].items()},
        multiplier=re.compile(r"\s*(" + "|".join(map(re.escape, words["multipliers"])) + r")\b"),
        partial=alternatives(periods["partial"]),
        cumulative=alternatives(periods["cumulative"]),
        as_of=rx(periods["as_of"]),
        change=rx(periods["change"]),
        target_cue=rx(raw["targets"]["cue"]),
        target_reported=rx(raw["targets"]["reported"]),
    )


def _noun_phrases(raw: dict, rx: Callable[[str], re.Pattern[str]]) -> Pairs:
    """Count nouns built from a head and its topic, in the orders English puts them: "groups of domestic violence
    prevention and control", "groups to prevent domestic violence", "incidents of domestic violence", "domestic
    abuse cases". A network's head ("groups", "models") also needs a word of prevention, or it is some other
    group ("groups of victims of domestic violence")."""
    topic, link, prevent, adjective = (f"(?:{raw[k]})" for k in ("topic", "linkers", "prevention", "adjectives"))
    lead = rf"(?:{adjective} ){{0,2}}"
    tail = r"(?: (?:prevention|and|control|response))*"
    out = []
    for head, indicator, needs_prevention in raw["heads"]:
        head = f"(?:{head})"
        if needs_prevention:
            after = (
                rf"{head}(?: {link}){{0,3}} {prevent}(?: {link}){{0,3}} {topic}{tail}"
                rf"|{head}(?: {link}){{1,4}} {topic} {prevent}{tail}"
            )
            before = rf"{topic} {prevent}(?: and control)? {head}"
        else:
            after = rf"{head}(?: {link}){{1,4}} {topic}{tail}"
            before = rf"{topic} {head}"
        out.append((rx(rf"{lead}(?:{after}|{before})\b"), indicator))
    return tuple(out)


# Structural patterns: what a number, a date, a change or a document number looks like in any text.
# "all the 29 communes": every one of them, counted like "có" / "has".
_HAS = re.compile(
    r"(?:\bco|\bhas|\bhave|\bthere (?:are|were|is)|\ball(?: the)?)\s*(?:gan|hon|khoang|tren|nearly|over|about)?\s*$"
)
# "Không xảy ra vụ bạo lực gia đình nào": a zero said in words.
_BLGD = r"(?:bao luc gia dinh|blgd|bao hanh gia dinh)"
ZERO_CASES = re.compile(
    rf"khong (?:co|xay ra|phat hien|ghi nhan) (?:vu|truong hop) {_BLGD}|\bno (?:cases of domestic violence|domestic"
    r" violence cases?) (?:was |were )?(?:recorded|reported)|nenhum caso de violencia domestica"
)
# A training sentence: what follows its training word is its audience ("tập huấn … cho … 150 địa chỉ tin cậy").
_TRAINING = re.compile(r"tap huan|boi duong|training")
_AUDIENCE = re.compile(
    r"(?:tap huan|boi duong)[^.;]{0,260}?\b(?:cho|cung|voi)\s+(?:hon |gan |khoang |tren )?$"
    r"|training (?:courses?|classes|sessions|workshops)[^.;]{0,60}?\bfor\s+(?:over |more than |nearly |about )?$"
)
_PEOPLE = re.compile(
    r"(?:can bo|cong chuc|vien chuc|nguoi|dai bieu|hoi vien|thanh vien|cong tac vien)\b"
    # "training courses for 1,000 full-time and part-time local officials": a few words may describe them
    r"|(?:[a-z-]+ ){0,6}?(?:officials|officers|staff|people|participants|trainees|members|leaders|volunteers)\b"
)
_ATTENDED = re.compile(r"\s*(?:[^\s.;,]+\s+){0,4}?(?:tham du|tham gia|du hoc|duoc tap huan)\b")
_NETWORK = {"clubs_dv_prevention", "clubs_sustainable_family", "dv_models", "trusted_addresses", "hotlines"}
_NETWORK |= {"communes_with_model", "communes_with_hotline", "steering_committees"}
# A change or a share of something else, not a level: never a figure.
_CHANGE_AFTER = re.compile(r"\s*(?:so voi|compared|than|em relacao|gegenuber)")
_CHANGE_BEFORE = re.compile(r"(?:tang|giam|chiem|accounting for|up|down|increase of|decrease of)\s*$")
_CHANGE_VERB = re.compile(r"(?:tang|giam|up|down)\s*(?:them\s*)?$")
_CHANGE_TARGET = re.compile(r"(giam|tang)\s*(?:it nhat |toi thieu )?$")
_AT_LEAST = re.compile(r"\s*(?:tro len|at least)")
# What a target or result sentence starts with, to carry a list of targets over its paragraphs.
# A plan's list item: "- Giảm 10% …", "- Đạt 100% xã …", "- Trên 90% hộ …", "- Có ít nhất 80% …".
_STARTS_WITH_FIGURE = re.compile(
    r"^\W*(?:(?:giam|tang|dat|co|tren|it nhat|toi thieu|phan dau|at least|over)\s+){0,2}\d[\d.,]*\s*%"
)
# Not figures: document numbers ("Kế hoạch số 925/KH-UBND", "Chỉ thị số 146"), hotline numbers, page views.
_DOCUMENT = re.compile(
    r"(?:chi thi|quyet dinh|nghi dinh|thong tu|ke hoach|cong van|nghi quyet|van ban|luat|du an)(?: so)?\s*$"
)
_PAGE_VIEWS = re.compile(r"(?:luot xem|luot doc|views?|tong dai|hotline|dien thoai)\W*$")
# A range ("từ 20 đến 35 hộ") is not a count; "from 277 in 2009 to 77 in 2017" is two.
_RANGE = re.compile(r"\b(?:tu|from|between)\s+(\d[\d.,]*)\s*(?:den|toi|-|–|to|and)\s+(\d[\d.,]*)(?!\s*[/\d])")
_IN_YEAR = r"\s*(?:\w+\s+)?(?:\(?\s*(?:nam|in)\s+((?:19|20)\d\d)\)?)"
_FROM_TO = re.compile(
    rf"\b(?:tu|from)\s+(?:hon |gan |over |nearly |about )?(\d[\d.,]*){_IN_YEAR}"
    r"\s*,?\s*(?:xuong (?:con )?|len |giam (?:xuong )?(?:con )?|tang (?:len )?|den |to )"
    rf"(?:hon |gan |over |nearly |about )?(\d[\d.,]*){_IN_YEAR}"
)
# "96 vụ/95 đối tượng bạo lực gia đình": two counts sharing the words after them.
_SLASH_PAIR = re.compile(r"(\d[\d.,]*)\s*(vu|ho)\s*/\s*(\d[\d.,]*)\s*(doi tuong|nguoi|nan nhan|vu)\b")
_GOES_ON = re.compile(r"\W*(?:trong do|trong so do|among them|of which|of these)\b")
_TARGET_YEAR = re.compile(r"(?:den|toi|by|vao|trong) (?:nam |the year )?((?:19|20)\d\d)\b")
_PLAN_PERIOD = re.compile(r"giai doan (?:tu )?(?:nam )?(?:19|20)\d\d\s*(?:-|–|den)\s*(?:nam )?((?:19|20)\d\d)\b")
# A horizon ("đến năm 2030", "by 2030"), not the end of a period ("2021 đến 2025"): after the text's own date, what
# the sentence says of it is a plan, not a result.
_HORIZON = re.compile(r"(?<!\d )(?<!\d)\b(?:den|toi|vao|by) (?:het )?(?:nam |the end of |the year )?((?:19|20)\d\d)\b")
# A change said with its direction just before the number ("giảm 15 vụ", "tăng thêm 3 câu lạc bộ", "up 120"); not
# "giảm còn 180 vụ" nor "tăng lên 200", which say the level reached.
_DIRECTION = re.compile(
    r"(?:\b(?P<up>tang|(?<!set )(?<!sets )up|increased by|rose by|went up by)|\b(?:giam|down|decreased by|fell by"
    r"|dropped by))\s*(?:them\s*)?$"
)
# Per unit or on average ("mỗi xã có 3 số điện thoại", "bình quân mỗi năm 2 lớp", "each commune has two"): not a total.
# Words after a count that narrow it to some of its kind ("2 vụ bạo lực gia đình làm chết người", "nghiêm trọng").
_NARROWED = re.compile(
    r"\s*(?:lam chet|gay chet|dan den (?:chet|tu vong)|lam \d+ nguoi chet|nghiem trong|dac biet nghiem trong"
    r"|gay thuong tich|co tinh chat nghiem trong|resulting in death|that (?:led|resulted) (?:to|in) death)"
    r"|\s*(?:were |was )?(?:serious|fatal|deadly)\b"
)
_SOME_UNITS = re.compile(
    r"\b\d+\s+(?:huyen|quan|thi xa|xa|phuong|dia phuong|don vi|districts|communes)\b[^.;,\d]{0,30}$"
)
# "Hiện nay", "hiện có", "currently": said of the text's own date.
_NOW = re.compile(r"\b(?:hien nay|hien co|hien tai|currently|at present|now has|now have)\b")
# English in the present tense ("Vietnam has about 27 million households"): a level now, when the sentence names
# no year nor period of its own; not the period of the sentence before.
_PRESENT = re.compile(r"\b(?:has|have|there (?:are|is))\b(?! been| had)")
_PER_UNIT = re.compile(r"(?i)(?<!\w)(?:mỗi|bình quân|trung bình)(?!\w)")
_PER_UNIT_EN = re.compile(r"\b(?:each|every|per|on average|an average of)\b")
# "at least 100,000 cases … each year", "11.400 người/năm": an average a year, not a year's count.
_PER_YEAR = re.compile(
    r"\s*(?:[a-z]+\s+){0,2}?(?:each|every|a|per) year\b|\s*(?:moi|hang|binh quan) nam\b|\s*/\s*nam\b"
)
# Between two counts of one list: "299 câu lạc bộ … và 35 nhóm …", "13 địa chỉ tin cậy, 5 câu lạc bộ".
_LIST_GOES_ON = re.compile(r"[\s\"”’]*[,;]?\s*(?:va\s+|and\s+)?(?:gan |hon |khoang |tren )?")
_QUOTES = "“”\"'‘’«»"
# "giảm từ 210 vụ xuống còn 180 vụ": the starting point of a change, without its own year, is some earlier time.
_FROM_BASE = re.compile(
    r"\b(?:tu|from)\s+(?:hon |gan |tren |over |nearly |about )?(\d[\d.,]*)[^\d.;]{0,40}?\s"
    r"(?:xuong|len|giam xuong|tang len|con|down to|up to)\b"
)

# ---------------------------------------------------------------------------------------------------------
# Numbers, dates and years.
# ---------------------------------------------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(?![\w/]|[.,]\d)")
_WORD = re.compile(r"(?<![\w/])([a-z]+)(?=\s)")
_FRACTION = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d{3})*)\s*/\s*(\d+(?:[.,]\d{3})*)(?![\w/]|[.,]\d)")
_DATE = re.compile(
    r"(?<![\w/])(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*(?:19|20)\d\d)?(?![\w/]|[.,]\d)"
    r"|(?<![\w/.,])(\d{1,2})\.(\d{1,2})\.(?:19|20)\d\d(?!\d)|\d{1,2}:\d{2}(?::\d{2})?"
)
_FULL_DATE = re.compile(r"(?<![\w/])\d{1,2}[/.-]\d{1,2}[/.-]((?:19|20)\d\d)(?!\d)")
_WORD_DATE = re.compile(r"ngay \d{1,2} thang \d{1,2} nam ((?:19|20)\d\d)")
_MONTH_YEAR = re.compile(r"thang \d{1,2}\s*/\s*((?:19|20)\d\d)\b|thang \d{1,2} nam ((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\w/.,])((?:19|20)\d\d)(?![\w/]|[.,]\d)")
_YEAR_IN_BRACKETS = re.compile(r"\s*(?:\w+\s+)?\(\s*((?:19|20)\d\d)\s*\)|\s*(?:\w+\s+)?in ((?:19|20)\d\d)\b")
# Years that are horizons or comparisons, not the year a figure is about.
_NOT_FIGURE_YEAR = re.compile(
    r"(?:\btu|since|den|toi|giai doan|tam nhin|so voi|cung ky|truoc|until|by|to|-|–)\s*(?:nam\s*)?$"
)
_POSTED = re.compile(r"ngay dang|dang ngay|cap nhat|posted|published")
_UNIT_MENTION = re.compile(
    r"(?<!\w)(?i:(huyện|quận|thị xã|thành phố|tp\.?|xã|phường|đặc khu))\s*"
    r"((?:[A-ZĐÂĂÊÔƠƯ]\w*|\d+)(?:\s+[A-ZĐÂĂÊÔƠƯ]\w*){0,3})"
)
_DISTRICT_WORDS = ("huyen", "quan", "thi xa", "thanh pho", "tp.", "tp")
_WHOLE_PROVINCE = re.compile(r"toan tinh|toan thanh pho|tren dia ban tinh|cac huyen|cac quan|\d+ (?:huyen|quan)\b")
_PROVINCE_MENTION = re.compile(r"(?<!\w)(?i:tỉnh|thành phố|tp\.?)\s*((?:[A-ZĐ][\w]*)(?:\s+[A-ZĐ][\w]*){0,3})")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ]", re.I)
_ENGLISH = re.compile(r"\b(?:the|and|of|cases|children|has|with|were|was|in|groups|clubs)\b", re.I)

# What a proposal is: a year's result, a plan target (a level, or a percent change on the year before), part of a
# year, a total over several years or up to now, or what was added in the year.
KINDS = ("result", "target", "change_target", "partial", "cumulative", "change")


@dataclass(frozen=True)
class Proposal:
    """One figure found in the text, for a person to accept, correct or reject."""

    indicator: str
    value: float
    year: int | None
    province: str | None  # as named in the text or given for the source
    district: str | None  # a district (before 7/2025) or commune (after) named in the sentence
    is_approx: bool
    kind: str  # one of KINDS
    sentence: str
    start: int  # span of the figure (number and noun) in the NFC text
    end: int
    rule: str  # which pattern found it


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one character, so spans carry over."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch.lower().replace("đ", "d"))[0]
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def read_text(path: Path) -> str:
    """A .txt (UTF-8, UTF-8 with BOM or UTF-16) or a .docx file, as text; nothing in it is run."""
    return decode_text(path.read_bytes(), path.name)


def decode_text(data: bytes, name: str) -> str:
    """The text of an uploaded .txt or .docx."""
    if name.lower().endswith(".docx"):
        return docx_text(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document, one per line, read from its XML (no macros, no fields evaluated)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = ("".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p"))
    return "\n".join(paragraphs)


def language(text: str) -> str:
    """vi, en or other (Portuguese, German …): decides what "53,152" means."""
    if len(_VIETNAMESE.findall(text)) >= 3:
        return "vi"
    return "en" if len(_ENGLISH.findall(text)) >= 2 else "other"


def number_value(token: str, lang: str, percent: bool) -> float | None:
    """ "306.822" -> 306822, "96,1" -> 96.1; English "53,206" -> 53206. A comma followed by three digits in a
    Vietnamese count (not a percentage) groups thousands: sources copy English tables ("53,152 (2009)")."""
    if lang == "en":
        thousands, decimal = ",", "."
    else:
        thousands, decimal = ".", ","
        if not percent and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
            thousands, decimal = ",", "."
    groups = re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", token)
    if thousands in token and not groups:
        if token.count(thousands) == 1 and decimal not in token:  # "2.5" in Vietnamese: a decimal point
            return float(token.replace(thousands, "."))
        return None
    return float(token.replace(thousands, "").replace(decimal, "."))


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str
    folded: str
    paragraph: int


def sentences(text: str) -> list[_Sentence]:
    """Sentences within paragraphs. A dot ends a sentence only before a space and a capital letter, and not
    after an abbreviation such as "TP." or a number's own dots."""
    out = []
    for paragraph, match in enumerate(re.finditer(r"[^\n]+", text)):
        start = match.start()
        for end in re.finditer(r"(?<!\bTP)(?<!\bTX)(?<!\b[A-Z])[.!?](?=\s+[\"“(]?[A-ZĐÂĂÊÔƠƯ0-9])", match.group()):
            _add(out, text, start, match.start() + end.end(), paragraph)
            start = match.start() + end.end()
        _add(out, text, start, match.end(), paragraph)
    return out


def _add(out: list[_Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    if start < end:
        out.append(_Sentence(start, end, text[start:end], fold(text[start:end]), paragraph))


def dateline_year(text: str) -> int | None:
    """The year the text was written: the posting date when it says so, otherwise its first date."""
    head = fold(text[:600])
    for match in _FULL_DATE.finditer(head):
        if _POSTED.search(head[max(0, match.start() - 20) : match.start()]):
            return int(match.group(1))
    match = _FULL_DATE.search(head) or _WORD_DATE.search(head)
    return int(match.group(1)) if match else None


def province_named(text: str, index: UnitIndex) -> str | None:
    """The province the text names most often as "tỉnh X" / "thành phố X" / "TP. X"."""
    counts: Counter[str] = Counter()
    for match in _PROVINCE_MENTION.finditer(nfc(text).replace("\n", " ")):
        for name in index.provinces_in(match.group(1)):
            counts[name] += 1
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------------------------------------------------
# Extraction.
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Period:
    """What the sentence says about the time its figures cover."""

    kind: str  # partial | cumulative | as_of | result (a year of its own)
    start: int
    year: int | None  # the period's last year, when it says one


_NO_PERIOD = _Period("result", 0, None)


def extract(text: str, province: str | None = None, year: int | None = None) -> list[Proposal]:
    """Propose figures found in `text`. `province`: the source's province when the text does not name it;
    `year`: its dateline when the text has none. The same figure said twice is proposed once."""
    text = unicodedata.normalize("NFC", text)
    index = UnitIndex.load()
    province = province or province_named(text, index)
    dateline = dateline_year(text) or year
    proposals: list[Proposal] = []
    seen: set[tuple[object, ...]] = set()
    targets = False
    horizon_said: int | None = None
    # A sentence that names no year nor period speaks of the one before ("Trong đó, … 20 vụ").
    carried_year: int | None = None
    carried_period = said_period = _NO_PERIOD
    last_paragraph = -1
    previous = ""
    for sentence in sentences(text):
        sentence = replace(sentence, folded=_relative_years(sentence.folded, dateline))
        if sentence.paragraph != last_paragraph and not _STARTS_WITH_FIGURE.search(sentence.folded):
            targets = False
        last_paragraph = sentence.paragraph
        if _sets_targets(sentence.folded):
            targets = True
            # "Chỉ tiêu cụ thể đến năm 2025:" then its list: the items take the horizon of the sentence that set them.
            horizon_said = _target_year(sentence.folded, len(sentence.folded))
        elif not _STARTS_WITH_FIGURE.search(sentence.folded):
            targets = False
        found = _in_sentence(sentence, language(sentence.text), previous)
        previous = sentence.folded
        own_year = _sentence_year(sentence.folded)
        periods = _periods(sentence.folded)
        if _GOES_ON.match(sentence.folded):
            carried_period = said_period  # "Trong đó, …": the breakdown of the sentence before, whatever its period
        district = _district(sentence, province, own_year or carried_year or dateline, index)
        horizon = _future_horizon(sentence, dateline)
        for p in found:
            at = p.start - sentence.start
            if (targets or p.kind == "target") and p.kind != "change_target":
                kind, p_year = "target", p.year or _target_year(sentence.folded, at) or horizon_said
            elif horizon and p.kind in ("result", "cumulative", "partial") and "đã" not in sentence.text[:at]:
                kind, p_year = "target", horizon  # "Đến năm 2030, 90% xã … có mô hình", said in 2024
            elif p.kind == "change_target":
                kind, p_year = p.kind, p.year or _target_year(sentence.folded, at)
            elif p.kind == "change":
                kind, p_year = p.kind, p.year
            else:
                present = own_year is None and not periods and _PRESENT.search(sentence.folded[:at])
                carried = carried_period if own_year is None and not present else None
                period = _period_of(sentence.folded, at, periods, carried)
                kind = _kind_of(period, p.indicator)
                p_year = p.year or period.year or (dateline if present else None)
            p_year = p_year or _figure_year(sentence.folded, at)
            if not p_year and dateline and _NOW.search(sentence.folded[_clause(sentence.folded, at)[0] : at]):
                p_year = dateline  # "Hiện nay … có 60 mô hình …; số vụ … năm 2019": now, not 2019
            p_year = p_year or carried_year or own_year or dateline
            key = (p.indicator, p.value, p_year, kind, district)
            if key in seen:
                continue
            seen.add(key)
            proposals.append(
                replace(p, year=p_year, province=province, district=district, kind=kind, sentence=sentence.text)
            )
        if found:
            said_period = periods[-1] if periods else _NO_PERIOD if own_year is not None else carried_period
            # A dated period ("7 tháng đầu năm 2025", "trong hai năm 2023, 2024") frames the sentences after it;
            # "đến nay" is what one sentence says of now.
            if periods or own_year is not None:
                carried_period = said_period if said_period.year is not None else _NO_PERIOD
            carried_year = own_year or said_period.year or carried_year
    return proposals


# "last year", "năm ngoái", "this year": a year said relative to the text's date.
_RELATIVE_YEAR = re.compile(
    r"\b(?:last year|nam ngoai)\b|(?<!beginning of )(?<!start of )(?<!far )\bthis year\b(?! so far)"
)


def _relative_years(folded: str, dateline: int | None) -> str:
    """The folded sentence with a year said relative to the text's date written as that year, in the same number
    of characters (positions are spans of the original text): "from 800 in 2009 to 530 last year" reads "… to
    530 in 2012". Without a date the words stay as they are."""
    if dateline is None:
        return folded

    def absolute(m: re.Match[str]) -> str:
        said = m.group()
        year = dateline if said == "this year" else dateline - 1
        word = "nam" if said.startswith("nam") else "in"
        return f"{word} {year}".ljust(len(said))

    return _RELATIVE_YEAR.sub(absolute, folded)


def _sets_targets(folded: str) -> bool:
    """The sentence sets targets ("Phấn đấu …", "mục tiêu …"), not reports on them ("kết quả thực hiện các mục
    tiêu …", "đạt 13/14 chỉ tiêu")."""
    lex = lexicon()
    return any(not lex.target_reported.search(folded[: m.start()]) for m in lex.target_cue.finditer(folded))


def _periods(folded: str) -> list[_Period]:
    """Every period the sentence names, in order: part of a year, a total up to now or over years, an as-of."""
    lex = lexicon()
    found = []
    spans: list[tuple[int, int]] = []
    for kind, pattern in (("partial", lex.partial), ("cumulative", lex.cumulative), ("as_of", lex.as_of)):
        for m in pattern.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b in spans):
                continue  # "từ đầu năm đến nay": read once, as part of a year, not also as "đến nay"
            spans.append(m.span())
            years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", folded[m.start() : m.end() + 14])]
            found.append(_Period(kind, m.start(), max(years) if years and kind != "as_of" else None))
    return sorted(found, key=lambda p: p.start)


def _period_of(folded: str, at: int, periods: list[_Period], carried: _Period | None) -> _Period:
    """The period a figure at `at` is about: one named in its clause; else a year of its clause makes it a year's
    figure; else the nearest period named before it; else the sentence before's, when this one names no year."""
    clause = _clause(folded, at)
    in_clause = [p for p in periods if clause[0] <= p.start < clause[1]]
    if in_clause:
        before = [p for p in in_clause if p.start <= at]
        return before[-1] if before else in_clause[0]
    if any(clause[0] <= pos < clause[1] for pos, _ in _year_mentions(folded)):
        return _NO_PERIOD
    earlier = [p for p in periods if p.start < at]
    if earlier:
        return earlier[-1]
    return carried or _NO_PERIOD


def _kind_of(period: _Period, indicator: str) -> str:
    """A count up to a date is part of a year for a flow (cases, classes), a level as of then for a stock."""
    if period.kind == "as_of":
        flow = catalogue().get(indicator)
        return "partial" if flow is not None and flow.kind == "flow" else "result"
    return period.kind


def _future_horizon(s: _Sentence, dateline: int | None) -> int | None:
    """The year a sentence looks ahead to ("Đến năm 2030, …", "by 2030"), when it is after the text's own date."""
    if dateline is None:
        return None
    years = [int(m.group(1)) for m in _HORIZON.finditer(s.folded) if int(m.group(1)) > dateline]
    return years[0] if years else None


def _target_year(folded: str, at: int) -> int | None:
    """A target's year is its horizon: "Phấn đấu đến năm 2015 có trên 85% …", or the end of the plan's period
    ("Giai đoạn 2021-2025, phấn đấu …")."""
    horizons = list(_TARGET_YEAR.finditer(folded[:at]))
    if horizons:
        return int(horizons[-1].group(1))
    period = _PLAN_PERIOD.search(folded)
    if period:
        return int(period.group(1))
    later = _TARGET_YEAR.search(folded, at)  # "… 90% of communes with a model by 2025"
    return int(later.group(1)) if later else None


def _clause(folded: str, at: int) -> tuple[int, int]:
    for m in re.finditer(r"(?:[^,;:()]|(?<=\d),(?=\d))+", folded):  # "300,000", "96,1": a number's own comma
        if m.start() <= at < m.end():
            return m.span()
    return 0, len(folded)


@dataclass
class _Reading:
    """One sentence being read: what is taken (a date, a fraction, a figure) and what was found."""

    s: _Sentence
    lang: str
    taken: list[bool]
    out: list[Proposal] = field(default_factory=list)
    previous: str = ""  # the sentence before, folded: a bare "cases" may take its subject from it

    @property
    def f(self) -> str:
        return self.s.folded

    def free(self, a: int, b: int) -> bool:
        return not any(self.taken[a:b])

    def take(self, a: int, b: int) -> None:
        for i in range(a, b):
            self.taken[i] = True

    def add(self, indicator: str, value: float, a: int, b: int, rule: str, **extra: object) -> None:
        fields = {"year": None, "is_approx": False, "kind": "result"} | extra
        self.out.append(Proposal(indicator, value, fields["year"], None, None, fields["is_approx"], fields["kind"],
                                 "", self.s.start + a, self.s.start + b, rule))  # fmt: skip
        self.take(a, b)


def _in_sentence(s: _Sentence, lang: str, previous: str = "") -> list[Proposal]:
    """Every figure in one sentence, read in steps, each taking what it reads; positions are in the whole text.
    `previous`: the sentence before it, folded."""
    reading = _Reading(s, lang, [False] * len(s.folded), previous=previous)
    steps: tuple[Callable[[_Reading], None], ...] = (
        _labelled_lists,
        _dates,
        _from_to,
        _from_baselines,
        _ranges,
        _fractions,
        _slash_pairs,
        _numbers,
        _zeros,
        _training_audience,
    )
    for step in steps:
        step(reading)
    return reading.out


def _labelled_lists(r: _Reading) -> None:
    """Lists copied from statistics tables: "Tổng số vụ bạo lực gia đình: 53,152 (2009); 58,863 (2010)"."""
    for m in re.finditer(r"([^:;.()]{2,80}):\s*((?:\d[\d.,]*\s*\(\s*(?:19|20)\d\d\s*\)\s*[;,]?\s*)+)", r.s.text):
        indicator = _label_indicator(r.s.text[m.start(1) : m.end(1)].split(" - ")[-1])
        if indicator:
            for item in re.finditer(r"(\d[\d.,]*)\s*\(\s*((?:19|20)\d\d)\s*\)", m.group(2)):
                value = number_value(item.group(1), r.lang, False)
                if value is not None:
                    a = m.start(2) + item.start()
                    r.add(indicator, value, a, m.start(2) + item.end(), "label_list", year=int(item.group(2)))
        r.take(m.start(2), m.end(2))


def _dates(r: _Reading) -> None:
    """Dates and times ("22/11", "28.6.2001", "15:35"); "16/28" is no date: a fraction."""
    for m in _DATE.finditer(r.f):
        day, month = m.group(1) or m.group(3), m.group(2) or m.group(4)
        if day is None or (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
            r.take(m.start(), m.end())


def _from_to(r: _Reading) -> None:
    """ "from 277 in 2009 to 77 in 2017": two figures of the subject named before them, each with its year."""
    for m in _FROM_TO.finditer(r.f):
        subject = None
        for group, year_group in ((1, 2), (3, 4)):
            a, b = m.span(group)
            if not r.free(a, b) or _noun(r, a, b, r.f[max(0, a - 40) : a], True):
                continue  # "from 4,000 cases in 2022": the number's own noun says what it counts
            subject = subject or _subject(r.f[: m.start()])
            value = number_value(r.s.text[a:b], r.lang, False)
            if subject and value is not None:
                approx = bool(lexicon().approx.search(r.f[max(0, a - 20) : a]))
                r.add(subject, value, a, b, "from_to", year=int(m.group(year_group)), is_approx=approx)


def _from_baselines(r: _Reading) -> None:
    """ "giảm từ 210 vụ xuống còn 180 vụ": where a change started, at a time the sentence does not say."""
    for m in _FROM_BASE.finditer(r.f):
        if r.free(m.start(1), m.end(1)):
            r.take(m.start(1), m.end(1))


def _ranges(r: _Reading) -> None:
    """ "từ 20 đến 35 hộ": a range, not a count."""
    for m in _RANGE.finditer(r.f):
        if r.free(m.start(1), m.end(2)):
            r.take(m.start(1), m.end(2))


def _fractions(r: _Reading) -> None:
    """ "190/220 xã": 220 is every commune, 190 those the words after say; "64/64 đường dây nóng": one in every
    commune. Any other fraction ("13/14 chỉ tiêu") is not a figure of ours."""
    lex = lexicon()
    for m in _FRACTION.finditer(r.f):
        if not r.free(m.start(), m.end()):
            continue
        after = r.f[m.end() :]
        part_value = number_value(m.group(1), r.lang, False)
        whole_value = number_value(m.group(2), r.lang, False)
        for whole_re, whole in lex.fraction_wholes:
            noun = re.match(r"\s*" + whole_re.pattern, after)
            if not noun:
                continue
            end = m.end() + noun.end()
            if whole_value is not None:
                r.add(whole, whole_value, m.start(2), end, "fraction")
            for part_re, part in lex.fraction_parts if whole == "communes_total" else ():
                if part_value is not None and part_re.match(r.f[end:]):
                    r.add(part, part_value, m.start(), m.end(1), "fraction")
            break
        else:
            noun = _count_noun(after)
            if noun and part_value is not None:
                counted = next((i for p, i in lex.fraction_counts if p.match(after.lstrip())), None)
                r.add(counted or noun[0], part_value, m.start(), m.end() + noun[1], "fraction_count")
                if counted and whole_value is not None:  # "64/64 đường dây nóng": one in each of 64 communes
                    r.add("communes_total", whole_value, m.start(2), m.end(2), "fraction_count")
        r.take(m.start(), m.end())


def _slash_pairs(r: _Reading) -> None:
    """ "96 vụ/95 đối tượng bạo lực gia đình": each count with its own noun and the words they share."""
    for m in _SLASH_PAIR.finditer(r.f):
        if not r.free(m.start(), m.end()):
            continue
        tail = r.f[m.end() :]
        for number, noun in ((1, 2), (3, 4)):
            found = _count_noun(m.group(noun) + tail)
            value = number_value(r.s.text[m.start(number) : m.end(number)], r.lang, False)
            if found and value is not None:
                r.add(found[0], value, m.start(number), m.end(noun), "slash_pair")
        r.take(m.start(), m.end())


def _tokens(r: _Reading) -> list[tuple[int, int, float | None, bool]]:
    """Numbers in digits, and numbers in words ("hai", "bốn"): (start, end, value if a word, is a word)."""
    found: list[tuple[int, int, float | None, bool]] = [
        (m.start(), m.end(), None, False)
        for m in _NUMBER.finditer(r.f)
        if r.s.text[m.start()].isdigit()  # not a relative year written out ("last year": _relative_years)
    ]
    numbers = lexicon().numbers
    for m in _WORD.finditer(r.f):
        word = r.s.text[m.start() : m.end()].lower()
        if word in numbers:
            found.append((m.start(), m.end(), float(numbers[word]), True))
    return sorted(found)


def _numbers(r: _Reading) -> None:
    """Every number left: a percentage, or a count with the noun that says what it counts."""
    lex = lexicon()
    for a, b, word_value, is_word in _tokens(r):
        if not r.free(a, b):
            continue
        before = r.f[max(0, a - 40) : a]
        if _DOCUMENT.search(before) or _PAGE_VIEWS.search(before):
            continue
        token = r.s.text[a:b]
        after = r.f[b:]
        percent = None if is_word else re.match(r"\s*(?:%|phan tram|percent|per cent|por cento|prozent)", after)
        if not is_word and re.fullmatch(r"(?:19|20)\d\d", token) and not percent:
            continue  # a year
        if not percent and _per_unit(r, a):
            continue
        multiplier = None if percent else lex.multiplier.match(after)
        end = b + (percent.end() if percent else multiplier.end() if multiplier else 0)
        value = word_value if is_word else number_value(token, r.lang, bool(percent))
        if value is None:
            continue
        scale = lex.multipliers[multiplier.group(1)] if multiplier else 1.0
        approx = bool(lex.approx.search(before)) or scale > 1
        if percent:
            found = _percent(r.f, a, end)
            if found:
                indicator, kind, start = found
                signed = -value if kind == "change_target" and "giam" in r.f[start:a] else value
                r.add(indicator, signed, start, end, "percent", is_approx=approx, kind=kind)
            continue
        rest = r.f[end:]
        said_as_change = _CHANGE_BEFORE.search(before[-12:]) and _CHANGE_AFTER.search(rest[:40])
        if said_as_change or _CHANGE_AFTER.match(_skip_noun(rest)):
            # "tăng 54 vụ so với năm 2018": a change on the year before, not a level; kept as one when it is
            # said as a rise with its noun ("giảm 41 vụ" is not what was added).
            if _CHANGE_VERB.search(before[-12:]) and not re.search(r"(?:giam|down)\s*(?:them\s*)?$", before[-12:]):
                counted = _noun(r, a, end, before, True) or _commented(r, a, end)
                if counted:
                    r.add(counted[0], value * scale, a, counted[1], "change", is_approx=approx, kind="change")
            continue
        direction = _DIRECTION.search(before[-18:])
        if direction:
            # "giảm 15 vụ", "tăng thêm 3 câu lạc bộ": a change, never a level; what was added is kept as one, a fall
            # (what was not added) is not proposed.
            counted = _noun(r, a, end, before, is_word) if direction.group("up") else None
            if counted:
                r.add(counted[0], value * scale, a, counted[1], "change", is_approx=approx, kind="change")
            continue
        grouped = None if is_word else _people_group(r, a, end)
        if grouped:
            r.add(grouped[0], value, a, grouped[1], "people_group", is_approx=approx)
            continue
        noun = _noun(r, a, end, before, is_word)
        if noun:
            indicator, noun_end, rule = noun
            if indicator == "victims_total" and rule == "bare_noun":
                # "nạn nhân … là nữ 52 người, nam 8 người": the victims of one sex
                sex = re.search(r"\b(nu|nam)\s*$", before)
                indicator = {"nu": "victims_female", "nam": "victims_male"}[sex.group(1)] if sex else indicator
            if _NARROWED.match(r.f[noun_end:]):
                continue  # "2 vụ bạo lực gia đình làm chết người": some of the cases, not all of them
            if _PER_YEAR.match(r.f[noun_end:]):
                continue  # "100,000 cases … each year": an average, not a year's figure
            if indicator == "training_classes" and value == 1:
                continue  # "tổ chức 1 lớp tập huấn … có 70 cán bộ tham dự": one event told, not a count
            year = _YEAR_IN_BRACKETS.match(r.f[noun_end:]) or _YEAR_IN_BRACKETS.match(rest)
            kind = "change" if lex.change.search(before) else "result"
            if kind == "result" and r.out and _LIST_GOES_ON.fullmatch(r.f[r.out[-1].end - r.s.start : a]):
                kind = r.out[-1].kind  # "thành lập được 299 câu lạc bộ … và 35 nhóm …": the list shares its verb
            r.add(indicator, value * scale, a, noun_end, rule, is_approx=approx, kind=kind,
                  year=int(year.group(1) or year.group(2)) if year else None)  # fmt: skip


def _noun(r: _Reading, a: int, end: int, before: str, is_word: bool) -> tuple[str, int, str] | None:
    """(indicator, end of its noun, rule) for a number ending at `end`: its counted noun, a bare noun with the
    label before it, a noun counted after "có", or the people who attended a training."""
    f = r.f
    rest = f[end:]
    noun = _count_noun(rest)
    if noun and noun[0] == "training_participants" and rest.lstrip().startswith("luot") and not _TRAINING.search(f):
        return None  # "35 buổi tuyên truyền với 3.500 lượt người tham dự": an audience, not trainees
    if noun:
        return noun[0], end + noun[1], "count_noun"
    stripped = rest.lstrip(" “\"'")
    lead = len(rest) - len(stripped)
    for bare in lexicon().bare_nouns:
        m = bare.noun.match(stripped)
        if m:
            window = f[max(0, a - bare.within) : a] if bare.within else f[:a]
            label = _nearest_label(window, bare.labels)
            ends = re.match(r"\s*(?:[.,;:)]|$)", stripped[m.end() :])  # "12 vụ trộm cắp" says its own subject
            if not label and not bare.within and ends and not _nearest_label(f[a:], bare.labels):
                # "Incidents of domestic violence dropped … In the first half of this year, the locality recorded
                # just over 240 cases.": a sentence naming no subject at all goes on with the one before's.
                label = _nearest_label(r.previous, bare.labels)
            if label:
                return label, end + lead + m.end(), "bare_noun"
    if is_word:
        return None  # "hai", "ba": only before a noun that is counted
    if re.match(r"\s*(?:[,;.)(]|$)", rest):
        for pattern, indicator in lexicon().labelled_before:
            if pattern.search(f[max(0, a - 120) : a]):
                return indicator, end, "labelled_before"  # "Số bạo lực gia đình là 58, trong đó …"
    stripped = rest.lstrip()
    lead = len(rest) - len(stripped)
    for pattern, indicator in lexicon().counted_after_has:
        m = pattern.match(stripped)
        if m and _HAS.search(before):
            return indicator, end + lead + m.end(), "counted_after_has"
    people = _PEOPLE.match(stripped)
    if people and (_AUDIENCE.search(f[:a]) or (_TRAINING.search(f[:a]) and _ATTENDED.match(stripped[people.end() :]))):
        return "training_participants", end + lead + people.end(), "audience"
    return None


def _people_group(r: _Reading, a: int, end: int) -> tuple[str, int] | None:
    """(indicator, end) for "N người" of one sex or age among victims or perpetrators: the group said just before
    ("nữ giới là 24 người") or just after ("07 người là nam giới", "50 người gây bạo lực gia đình là nam giới")."""
    lex = lexicon()
    noun = re.match(r"\s*nguoi\b", r.f[end:])
    if not noun:
        return None
    after = r.f[end + noun.end() :]
    phrase = re.match(r"(?:\s+(?:gay|co hanh vi) (?:bao luc gia dinh|bao luc|blgd))?\s+(?:la\s+)?", after)
    group = None
    stop = end + noun.end()
    for pattern, name in lex.people_groups:
        if phrase:
            m = re.compile(pattern.pattern + r"\b").match(after, phrase.end())
            if m:
                group, stop = name, end + noun.end() + m.end()
                break
        if re.search(r"(?:^|[\s,;:(])" + pattern.pattern + r"\s*(?:la\s*)?$", r.f[max(0, a - 30) : a]):
            group = name
            break
    if group is None:
        return None
    context = r.f[:a] + r.f[end:stop]
    subject = _nearest_label(context, lex.people_subjects)
    code = f"{subject}_{group}" if subject else None
    return (code, stop) if code and code in catalogue() else None


def _per_unit(r: _Reading, a: int) -> bool:
    """A number said per unit or on average ("mỗi xã có 3 số điện thoại", "each commune has two hotlines")."""
    for pattern, text in ((_PER_UNIT, r.s.text), (_PER_UNIT_EN, r.f)):
        said = list(pattern.finditer(text, 0, a))
        last = said[-1] if said else None
        if last and not re.search(r"[;:]|\b(?:tong|total|toan(?! bo))\b", r.f[last.end() : a]):
            return True
    return False


def _commented(r: _Reading, a: int, end: int) -> tuple[str, int, str] | None:
    """ "15 trẻ em bị xâm hại (tăng 5 so với năm 2009)": a number in brackets right after a figure speaks of it."""
    if r.out and re.fullmatch(r"\s*(?:[a-z]+\s+){0,3}\(\s*(?:[a-z]+\s+){1,2}", r.f[r.out[-1].end - r.s.start : a]):
        return r.out[-1].indicator, end, "commented"
    return None


def _zeros(r: _Reading) -> None:
    for m in ZERO_CASES.finditer(r.f):
        r.add("dv_cases", 0.0, m.start(), m.end(), "zero")


def _training_audience(r: _Reading) -> None:
    """A training sentence names its audience after "cho" ("tập huấn … cho lãnh đạo …; 150 địa chỉ tin cậy")
    and the network it served after its training word: those are who attended, not the province's network."""
    audience = re.search(r"(?:tap huan|boi duong)[^.;]{0,120}?\bcho\b", r.f)
    training = _TRAINING.search(r.f)
    start = r.s.start

    def kept(p: Proposal) -> bool:
        if audience and p.start - start >= audience.end() and p.indicator != "training_participants":
            return False
        return not (training and p.start - start >= training.end() and p.indicator in _NETWORK)

    r.out = [p for p in r.out if kept(p)]


def _subject(before: str) -> str | None:
    """The indicator the nearest counted noun before a position names ("số vụ bạo lực gia đình giảm từ …")."""
    best: tuple[int, str] | None = None
    for pattern, indicator in lexicon().count_nouns:
        for m in pattern.finditer(before):
            if best is None or m.end() > best[0]:
                best = (m.end(), indicator)
    return best[1] if best else None


def _count_noun(rest: str) -> tuple[str, int] | None:
    """The indicator a count's noun names, and the noun's length (quotes and "các" before it allowed). A name in
    quotes inside the noun is read without them: "131 câu lạc bộ “Gia đình phát triển bền vững”"."""
    kept = [i for i, ch in enumerate(rest) if ch not in _QUOTES]
    plain = "".join(rest[i] for i in kept)
    lead = re.match(r"[\s(]*(?:cac\s+)?\s*", plain)
    offset = lead.end() if lead else 0
    for pattern, indicator in lexicon().count_nouns:
        m = pattern.match(plain, offset)
        if m:
            end = kept[m.end() - 1] + 1 if m.end() else 0
            closing = re.match(f"[{_QUOTES}]*", rest[end:])
            return indicator, end + (closing.end() if closing else 0)
    return None


def _skip_noun(rest: str) -> str:
    noun = _count_noun(rest)
    if noun:
        return rest[noun[1] :]
    m = re.match(r"\s*\w+", rest)
    return rest[m.end() :] if m else rest


def _nearest_label(before: str, labels: Pairs) -> str | None:
    """The label closest before a position: "bạo lực tinh thần 1.400 vụ" -> dv_cases_mental."""
    best: tuple[int, str] | None = None
    for pattern, indicator in labels:
        for m in pattern.finditer(before):
            if best is None or m.end() > best[0]:
                best = (m.end(), indicator)
    return best[1] if best else None


def _label_indicator(label: str) -> str | None:
    """The indicator a table label names ("Tổng số vụ bạo lực gia đình", "Kinh tế", "Số địa chỉ tin cậy …")."""
    label = label.strip(" -–")
    code = match_header(label)
    if code:
        return code
    folded = fold(label)
    noun = _count_noun(re.sub(r"^(?:tong so|so luong|so)\s+", "", folded))
    return noun[0] if noun else None


def _percent(f: str, a: int, end: int) -> tuple[str, str, int] | None:
    """(indicator, kind, start) for a percentage: a rate after its number ("65% các xã … mô hình"), a rate
    named before it ("tỷ lệ hộ … đạt 96,1%"), or a target change ("Giảm 10% số vụ bạo lực gia đình")."""
    before = f[:a]
    change = _CHANGE_TARGET.search(before[-20:])
    if change:
        if _CHANGE_AFTER.match(f[end:]):
            return None  # "giảm 10% so với năm trước": a result change, not a level
        noun = _count_noun(re.sub(r"^\s*(?:so|tong so)\s+", "", f[end:]))
        start = a - (len(before[-20:]) - change.start())
        return (noun[0], "change_target", start) if noun else None
    if re.search(r"(?:chiem|accounting for|bang|khoang)\s*$", before) or _CHANGE_AFTER.match(f[end:]):
        return None
    if _SOME_UNITS.search(before):
        return None  # "5 huyện đã có 100% số xã …": a share within some districts, not the province's
    kind = "target" if _AT_LEAST.match(f[end:]) else "result"
    indicator = _percent_noun(f, end)
    if indicator:
        return indicator, kind, a
    rate = re.search(r"(?:ty le|ti le|so)\b[^.;]*$", before)
    if rate and re.search(r"\bdat\s*$", before):
        for pattern, code in lexicon().percent_nouns:
            if pattern.search(rate.group()):
                return code, kind, a
    return None


def _percent_noun(f: str, end: int) -> str | None:
    """What a percentage ending at `end` measures, said after it; "85% và đến năm 2020 có 95% số hộ …": both."""
    clause_end = re.search(r"[.;]|$", f[end:]).start() + end
    after = re.sub(r"^\s*(?:(?:tro len|at least|cac|so)\s+)*", "", f[end:clause_end])
    for pattern, indicator in lexicon().percent_nouns:
        if re.match(r"(?:cac\s+)?" + pattern.pattern, after):
            return indicator
    shared = re.match(r"[^%]{0,50}?(?:\bva\b|,)[^%]{0,50}?\d[\d.,]*\s*%", f[end:clause_end])
    return _percent_noun(f, end + shared.end()) if shared else None


def _figure_year(folded: str, at: int) -> int | None:
    """The year a figure at position `at` is about: a year named in its own clause, else the nearest year
    named before it in the sentence."""
    clause = _clause(folded, at)
    in_clause = [(pos, y) for pos, y in _year_mentions(folded) if clause[0] <= pos < clause[1]]
    # "… 19.274 vụ trong năm 2015 và 7.831 vụ trong năm 2020": the year said after a figure, before the next one.
    number_end = re.match(r"[\d.,]*", folded[at:]).end() + at
    for pos, y in in_clause:
        if pos >= number_end and not re.search(r"\d[\d.,]*\s+(?!nam\b)\w", folded[number_end:pos]):
            return y
    before = [y for pos, y in in_clause if pos < at]
    if before:
        return before[-1]
    if in_clause:
        return in_clause[0][1]
    earlier = [y for pos, y in _year_mentions(folded) if pos < at]
    return earlier[-1] if earlier else None


def _sentence_year(folded: str) -> int | None:
    """The sentence's own year; one said only in brackets ("(năm 2022 là …)") is a comparison."""
    brackets = [m.span() for m in re.finditer(r"\([^)]*\)?", folded)]
    mentions = [(pos, y) for pos, y in _year_mentions(folded) if not any(x <= pos < z for x, z in brackets)]
    return mentions[0][1] if mentions else None


def _year_mentions(folded: str) -> list[tuple[int, int]]:
    """(position, year) for every year a figure could be about: "năm 2023", "tháng 6/2019", "23/4/2018",
    "In 2024"; not horizons ("đến năm 2020"), comparisons ("so với năm 2018") or document dates."""
    found: list[tuple[int, int]] = []
    for m in _MONTH_YEAR.finditer(folded):
        found.append((m.start(), int(m.group(1) or m.group(2))))
    for m in _FULL_DATE.finditer(folded):
        if not re.search(r"(?:\bso\s*\d+/[\w-]+|\d+/[a-z]{2,}[\w/-]*)\s*(?:ngay\s*)?$", folded[: m.start()]):
            found.append((m.start(), int(m.group(1))))
    for m in _YEAR.finditer(folded):
        if any(m.start() >= pos and m.start() < pos + 12 for pos, _ in found):
            continue  # already read as part of a date
        if _NOT_FIGURE_YEAR.search(folded[max(0, m.start() - 18) : m.start()]):
            continue
        if re.match(r"\s*[-–]\s*(?:19|20)\d\d", folded[m.end() :]):
            continue  # a period "2021 - 2025"
        if re.search(r"/\s*$", folded[: m.start()]):
            continue  # the year of a document number "13/2022/QH15"
        found.append((m.start(), int(m.group(1))))
    return sorted(found)


def _district(s: _Sentence, province: str | None, year: int | None, index: UnitIndex) -> str | None:
    """The one district (before 7/2025) or commune (after) a sentence is about, when it names exactly one and
    does not speak of the whole province."""
    if not province or not year or _WHOLE_PROVINCE.search(s.folded):
        return None
    system = PRE2025 if year < 2025 else "y2025"
    level = "D" if system == PRE2025 else "C"
    try:
        parent = index.match(province, system, "P").unit_id
    except UnitNotFound:
        return None
    named = set()
    for m in _UNIT_MENTION.finditer(s.text):
        if (level == "D") != (fold(m.group(1)) in _DISTRICT_WORDS):
            continue
        try:
            named.add(index.match(f"{m.group(1)} {m.group(2)}", system, level, parent).name)
        except UnitNotFound:
            continue
    return named.pop() if len(named) == 1 else None


# ---------------------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------------
# Evaluation against figures written down by hand (published_figures*.csv: one row per figure, with its quote;
# an optional `kind` column: result, target, partial, cumulative, change, or none for a quote with no figure).
# ---------------------------------------------------------------------------------------------------------
SPLIT_SEED = "extract-split-24"
CHECK_TENTHS = 3  # the share of sources held out as the check part
PARTS = ("dev", "check")
# A proposal's kind as the files write it: a target change is a target.
_SCORED_AS = {k: k for k in KINDS} | {"change_target": "target"}
_QUOTE_NOTE = re.compile(r"\[[^\]]*\]")
_PLAIN = ("result", "cumulative", "partial")  # what a file without a kind column can be wrong about


def split_part(source_url: str) -> str:
    """ "dev" or "check", for all the rows of one source together: a hash of its address with a fixed seed. Rules
    are written against the dev part only; the check part measures them on sources they were not written for."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{source_url}".encode()).hexdigest()
    return "check" if int(digest, 16) % 10 < CHECK_TENTHS else "dev"


@dataclass(frozen=True)
class Scored:
    """One proposal (right, wrong or unscored) or one figure of the file the extractor did not find (missed)."""

    outcome: str  # right | wrong | unscored | missed
    part: str  # dev | check
    kind: str  # as the files write it
    indicator: str
    value: float
    year: int | None
    quote: str


@dataclass(frozen=True)
class Score:
    right: int
    wrong: int
    missed: int
    unscored: int

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 0.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 0.0


@dataclass(frozen=True)
class Evaluation:
    items: tuple[Scored, ...]

    def score(self, part: str | None = None, kind: str | None = None) -> Score:
        """Counts over one part (or both) and one kind (or all)."""
        chosen = [i for i in self.items if (part is None or i.part == part) and (kind is None or i.kind == kind)]
        count = Counter(i.outcome for i in chosen)
        return Score(count["right"], count["wrong"], count["missed"], count["unscored"])

    def kinds(self) -> list[str]:
        return [k for k in (*KINDS, "none") if any(i.kind == k for i in self.items)]

    def of(self, outcome: str, part: str | None = None) -> list[Scored]:
        return [i for i in self.items if i.outcome == outcome and (part is None or i.part == part)]

    @property
    def precision(self) -> float:
        return self.score().precision

    @property
    def recall(self) -> float:
        return self.score().recall


@dataclass
class _Row:
    indicator: str
    value: float
    year: int | None
    kind: str
    matched: bool = False


def evaluate(*paths: Path) -> Evaluation:
    """Run the extractor over the quotes of each source (in file order, one paragraph each, so a sentence can
    lean on the one before as on the page) and score every proposal against the rows of its quote.

    Right: the quote has a row with its indicator, value, kind and year (a row without a year is scored without
    one). Wrong: anything else the quote's rows do not hold, every proposal from a quote that has no figure of
    ours (indicator "none"), and the same figure proposed twice. Unscored: a value the file gives only as an
    "other" figure, or from another quote. Editors' notes in square brackets are not part of the source's text.
    A file without a `kind` column records years' results and levels as of a date (a cumulative stock)."""
    import pandas as pd

    from core.indicators import catalogue_frame

    codes = set(catalogue_frame().code)
    items: list[Scored] = []
    for path in paths:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False)
        has_kinds = "kind" in rows.columns
        known = {(r.province, float(r.value)) for r in rows.itertuples() if r.value.strip()}
        for url, source in rows.groupby("source_url", sort=False):
            items += _score_source(source, split_part(url), codes, known, has_kinds)
    return Evaluation(tuple(items))


def _score_source(
    source: pd.DataFrame, part: str, codes: set[str], known: set[tuple[str, float]], has_kinds: bool
) -> list[Scored]:
    """Every proposal from one page's quotes, scored, and every figure of its rows that was not found."""
    quotes: dict[str, tuple[list[_Row], set[float], bool]] = {}
    for r in source.itertuples():
        text = re.sub(r"\s+", " ", _QUOTE_NOTE.sub(" ", r.quote)).strip()
        expected, others, empty = quotes.setdefault(text, ([], set(), False))
        kind = (getattr(r, "kind", "") or "result") if has_kinds else "result"
        year = int(r.year) if r.year.strip() and "YEAR UNCERTAIN" not in r.quote else None
        if r.indicator == "none" or kind == "none":
            quotes[text] = (expected, others, True)
        elif r.indicator in codes and r.value.strip():
            row = _Row(r.indicator, float(r.value), year, kind)
            if row not in (e for rows, _, _ in quotes.values() for e in rows):  # a figure quoted twice is one
                expected.append(row)
        elif r.value.strip():
            others.add(float(r.value))
    first = source.iloc[0]
    province = None if first.province == "Toàn quốc" else first.province
    years = [y for y in source.year if y.strip()]
    dateline = int(first.published[:4]) if first.published[:4].isdigit() else int(years[0]) if years else None
    text = "\n\n".join(quotes)
    starts, at = [], 0
    for quote in quotes:
        starts.append(at)
        at += len(quote) + 2
    by_quote: dict[str, list[Proposal]] = {q: [] for q in quotes}
    for p in extract(text, province, dateline):
        index = max(i for i, s in enumerate(starts) if s <= p.start)
        by_quote[list(quotes)[index]].append(p)
    # A figure is the page's: an editor may quote the same sentence twice, and the extractor proposes it once.
    page = [e for expected, _, _ in quotes.values() for e in expected]
    out: list[Scored] = []
    for quote, (_, others, empty) in quotes.items():
        for p in by_quote[quote]:
            kind = _SCORED_AS[p.kind]
            row = None if empty else next((e for e in page if not e.matched and _same(e, p, kind, has_kinds)), None)
            if row:
                row.matched = True
                outcome = "right"
            elif empty or any(e.indicator == p.indicator and e.value == p.value for e in page):
                outcome = "wrong"  # a quote without our figures, or a wrong kind, a wrong year, a duplicate
            elif p.value in others or (first.province, p.value) in known or not (has_kinds or kind in _PLAIN):
                outcome = "unscored"  # an "other" figure, another quote's, or a kind the file cannot record
            else:
                outcome = "wrong"
            out.append(Scored(outcome, part, "none" if empty else kind, p.indicator, p.value, p.year, quote))
    for quote, (expected, _, _) in quotes.items():
        out += [Scored("missed", part, e.kind, e.indicator, e.value, e.year, quote) for e in expected if not e.matched]
    return out


def _same(row: _Row, p: Proposal, kind: str, has_kinds: bool) -> bool:
    kinds = {row.kind} if has_kinds else {"result", "cumulative"}  # a level as of a date: cumulative or not
    return row.indicator == p.indicator and row.value == p.value and kind in kinds and row.year in (None, p.year)
