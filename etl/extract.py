"""Figures proposed from prose (reports, news, plans): every pattern and the lexicon behind it, in one place."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

from core.indicators import match_header
from core.textnorm import nfc
from core.units import PRE2025, UnitIndex, UnitNotFound

# ---------------------------------------------------------------------------------------------------------
# Lexicon. Patterns run on folded text (lower case, no diacritics, đ -> d), which keeps every character's
# position, so a match is also a span of the original text.
# ---------------------------------------------------------------------------------------------------------
_BLGD = r"(?:bao luc gia dinh|blgd|bao hanh gia dinh)"
_PC = r"(?:phong,? ?chong|pc|phong ngua)"

# The noun that follows a count ("135 câu lạc bộ …", "707 địa chỉ tin cậy"), longest first.
COUNT_NOUNS: tuple[tuple[str, str], ...] = (
    # A count of clubs "and groups" is one count of both: "135 câu lạc bộ GĐPTBV và nhóm PCBLGĐ".
    (rf"(?:cau lac bo|clb)[^.;:\d]{{0,60}}?,? (?:va )?nhom (?:{_PC} ?)?(?:{_BLGD}|pcblgd)", "clubs_dv_prevention"),
    (rf"(?:cau lac bo|clb|nhom),? (?:nhom )?(?:{_PC} ?{_BLGD}|pcblgd)", "clubs_dv_prevention"),
    (r"(?:cau lac bo|clb) (?:xay dung )?(?:gia dinh phat trien ben vung|gdptbv)", "clubs_sustainable_family"),
    (rf"mo hinh (?:can thiep )?(?:{_PC} ?{_BLGD}|pcblgd)", "dv_models"),
    (r"dia chi tin cay", "trusted_addresses"),
    (r"duong day nong", "hotlines"),
    (r"ban chi dao cong tac gia dinh", "steering_committees"),
    (r"vu (?:bao luc (?:gia dinh )?|blgd )?(?:ve )?tinh than", "dv_cases_mental"),
    (r"vu (?:bao luc (?:gia dinh )?|blgd )?(?:ve )?(?:than the|the chat)", "dv_cases_physical"),
    (r"vu (?:bao luc (?:gia dinh )?|blgd )?(?:ve )?tinh duc", "dv_cases_sexual"),
    (r"vu (?:bao luc (?:gia dinh )?|blgd )?(?:ve )?kinh te", "dv_cases_economic"),
    (rf"vu (?:{_BLGD} )?(?:duoc )?hoa giai", "dv_cases_mediated"),
    (rf"vu {_BLGD}", "dv_cases"),
    (rf"ho (?:gia dinh )?(?:co |xay ra |bi )?{_BLGD}", "dv_households"),
    (rf"nan nhan (?:cua |bi )?{_BLGD}", "victims_total"),
    (rf"nguoi gay {_BLGD}", "perpetrators_total"),
    (r"nguoi bi (?:xu ly hinh su|truy cuu trach nhiem hinh su)", "handled_criminal"),
    (r"nguoi bi xu phat (?:vi pham )?hanh chinh", "handled_admin_penalty"),
    (r"nguoi bi (?:ap dung bien phap )?cam tiep xuc", "handled_no_contact"),
    (r"nguoi bi gop y,? phe binh", "handled_criticism"),
    (r"vu xam hai tre em", "child_abuse_cases"),
    (r"lop (?:tap huan|boi duong)", "training_classes"),
    (r"hoc vien|luot nguoi (?:duoc )?tap huan", "training_participants"),
    (r"tre (?:em )?(?:co hoan canh dac biet|hcdb)", "children_special"),
    (r"tre (?:em )?duoi 6 tuoi", "children_under6"),
    (r"tre em duoi 16 tuoi", "children_total"),
    # English editions of provincial portals, and the Portuguese and German mirrors of Vietnamese news.
    (r"(?:domestic violence|dv) cases|cases of domestic violence", "dv_cases"),
    (r"child abuse cases|cases of child abuse", "child_abuse_cases"),
    (r"trusted addresses|trusted community addresses", "trusted_addresses"),
    (r"hotlines|hot lines", "hotlines"),
    (r"children in (?:special|extremely difficult) circumstances", "children_special"),
    (r"(?:training courses|training classes)", "training_classes"),
    (
        r"(?:domestic violence prevention )?(?:clubs|groups) (?:on|for) (?:domestic violence prevention)",
        "clubs_dv_prevention",
    ),
    (r"grupos de prevencao(?: e combate)? (?:a|da) violencia domestica", "clubs_dv_prevention"),
    (r"clubes de \W?desenvolvimento familiar sustentavel", "clubs_sustainable_family"),
    (r"enderecos confiaveis", "trusted_addresses"),
    (r"linhas diretas", "hotlines"),
    (r"casos de violencia domestica", "dv_cases"),
    (r"(?:dieser )?kinder (?:befinden sich )?in besonderen lebenslagen", "children_special"),
    (r"kinder(?:n)? unter 16 jahren", "children_total"),
    (r"(?:kinder )?unter 6 jahren", "children_under6"),
)
# "… có 306.822 trẻ em", "The province has 486,000 children": all the children, said only after "có"/"has".
_CHILDREN = re.compile(r"(?:tre em|children)\b(?! (?:duoi 6|co hoan canh|in |at risk))")
_HAS = re.compile(r"(?:\bco|\bhas|\bhave)\s*(?:gan|hon|khoang|tren|nearly|over|about)?\s*$")
# A bare "vụ"/"cases" takes its kind from the nearest label before it in the sentence.
_BARE_CASES = re.compile(r"vu\b|cases\b|casos\b")
CASE_LABELS: tuple[tuple[str, str], ...] = (
    (r"bao luc (?:ve )?tinh than", "dv_cases_mental"),
    (r"bao luc (?:ve )?(?:than the|the chat)", "dv_cases_physical"),
    (r"bao luc (?:ve )?tinh duc", "dv_cases_sexual"),
    (r"bao luc (?:ve )?kinh te", "dv_cases_economic"),
    (r"xam hai (?:tinh duc )?tre em", "child_abuse_cases"),
    (rf"{_BLGD}|domestic violence|violencia domestica", "dv_cases"),
)
# "Không xảy ra vụ bạo lực gia đình nào": a zero said in words.
ZERO_CASES = re.compile(
    rf"khong (?:co|xay ra|phat hien|ghi nhan) (?:vu|truong hop) {_BLGD}|\bno (?:cases of domestic violence|domestic"
    r" violence cases?) (?:was |were )?(?:recorded|reported)|nenhum caso de violencia domestica"
)
# People who attended training: "tập huấn … cho 2.040 cán bộ", "80 học viên".
_AUDIENCE = re.compile(r"(?:tap huan|boi duong)[^.;]{0,120}?\b(?:cho|cung)\s+(?:hon |gan |khoang |tren )?$")
_PEOPLE = re.compile(r"(?:can bo|cong chuc|vien chuc|nguoi|dai bieu|hoi vien|thanh vien|cong tac vien)\b")
# What a percentage measures, looked for just after the number or in "tỷ lệ … đạt N%" before it.
PERCENT_NOUNS: tuple[tuple[str, str], ...] = (
    (
        r"(?:xa|phuong|thi tran|don vi cap xa)[^.;]{0,60}?(?:thanh lap|co|xay dung|duy tri|trien khai)[^.;]{0,20}?"
        r"mo hinh",
        "pct_communes_with_model",
    ),
    (r"(?:xa|phuong|thi tran)[^.;]{0,40}?co duong day nong", "pct_communes_with_hotline"),
    (
        r"ho gia dinh[^.;]{0,30}?(?:duoc cung cap|duoc tiep can|tiep can|duoc tuyen truyen)[^.;]{0,15}?"
        r"(?:thong tin|kien thuc)",
        "pct_households_informed",
    ),
    (r"ho gia dinh[^.;]{0,30}?thuc hien[^.;]{0,10}?bo tieu chi ung xu", "pct_households_behaviour_code"),
    (r"(?:cong chuc|vien chuc|can bo|nguoi)[^.;]{0,120}?(?:duoc|tham gia) tap huan", "pct_officials_trained"),
)
# Fractions over units: "190/220 xã" (the whole is every commune), "1.962.291/2.091.335 hộ gia đình".
FRACTION_WHOLES: tuple[tuple[str, str], ...] = (
    (r"(?:cac )?(?:xa|phuong|thi tran|don vi cap xa)\b", "communes_total"),
    (r"ho(?: gia dinh)?\b", "households_total"),
)
FRACTION_PARTS: tuple[tuple[str, str], ...] = (
    (r"[^.;]{0,30}?co mo hinh", "communes_with_model"),
    (r"[^.;]{0,30}?co duong day nong", "communes_with_hotline"),
)
# Words that make a number approximate, and what multiplies it.
_APPROX = re.compile(
    r"\b(?:gan|hon|khoang|tren|xap xi|uoc|uoc tinh|chung|nearly|almost|over|more than|about|around|approximately"
    r"|cerca de|mais de|quase|etwa|rund|uber|mehr als)\s*$"
)
_MULTIPLIER = re.compile(r"\s*(trieu|nghin|ngan|ty|million|thousand|milhoes|mil|millionen)\b")
_MULTIPLIERS = {"trieu": 1e6, "nghin": 1e3, "ngan": 1e3, "ty": 1e9, "million": 1e6, "thousand": 1e3}
_MULTIPLIERS |= {"milhoes": 1e6, "mil": 1e3, "millionen": 1e6}
# A percentage that is a change or a share of something else, not a level: never a figure.
_CHANGE_AFTER = re.compile(r"\s*(?:so voi|compared|than|em relacao|gegenuber)")
_CHANGE_BEFORE = re.compile(r"(?:tang|giam|chiem|accounting for|up|down|increase of|decrease of)\s*$")
_CHANGE_TARGET = re.compile(r"(giam|tang)\s*(?:it nhat |toi thieu )?$")
# Target language: the sentence that sets targets, and "N% trở lên".
_TARGET_CUE = re.compile(r"muc tieu|chi tieu|phan dau|de ra|target|\bdat it nhat")
_AT_LEAST = re.compile(r"\s*tro len")
# What a target or result sentence starts with, to carry a list of targets over its paragraphs.
_STARTS_WITH_FIGURE = re.compile(r"^\W*(?:(?:giam|tang)\s+)?\d[\d.,]*\s*%")
# Not figures: document numbers ("Kế hoạch số 925/KH-UBND", "Chỉ thị số 146"), hotline numbers, page views.
_DOCUMENT = re.compile(
    r"(?:chi thi|quyet dinh|nghi dinh|thong tu|ke hoach|cong van|nghi quyet|van ban|luat)(?: so)?\s*$"
)
_PAGE_VIEWS = re.compile(r"(?:luot xem|luot doc|views?|tong dai|hotline|dien thoai)\W*$")

# ---------------------------------------------------------------------------------------------------------
# Numbers, dates and years.
# ---------------------------------------------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(?![\w/]|[.,]\d)")
_FRACTION = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d{3})*)\s*/\s*(\d+(?:[.,]\d{3})*)(?![\w/]|[.,]\d)")
_DATE = re.compile(r"(?<![\w/])\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*(?:19|20)\d\d)?(?![\w/])|\d{1,2}:\d{2}(?::\d{2})?")
_FULL_DATE = re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}/((?:19|20)\d\d)(?!\d)")
_WORD_DATE = re.compile(r"ngay \d{1,2} thang \d{1,2} nam ((?:19|20)\d\d)")
_MONTH_YEAR = re.compile(r"thang \d{1,2}\s*/\s*((?:19|20)\d\d)\b|thang \d{1,2} nam ((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\w/.,])((?:19|20)\d\d)(?![\w/]|[.,]\d)")
_YEAR_IN_BRACKETS = re.compile(r"\s*\(\s*((?:19|20)\d\d)\s*\)")
# Years that are horizons or comparisons, not the year a figure is about.
_NOT_FIGURE_YEAR = re.compile(r"(?:den|toi|giai doan|tam nhin|so voi|truoc|until|by|to|-|–)\s*(?:nam\s*)?$")
_POSTED = re.compile(r"ngay dang|dang ngay|cap nhat|posted|published")
_UNIT_MENTION = re.compile(
    r"(?<!\w)(?i:(huyện|quận|thị xã|thành phố|tp\.?|xã|phường|đặc khu))\s*"
    r"((?:[A-ZĐÂĂÊÔƠƯ]\w*|\d+)(?:\s+[A-ZĐÂĂÊÔƠƯ]\w*){0,3})"
)
_DISTRICT_WORDS = ("huyen", "quan", "thi xa", "thanh pho", "tp.", "tp")
_WHOLE_PROVINCE = re.compile(r"toan tinh|toan thanh pho|tren dia ban tinh|cac huyen|cac quan|\d+ (?:huyen|quan)\b")
_PROVINCE_MENTION = re.compile(r"(?<!\w)(?i:tỉnh|thành phố|tp\.?)\s*((?:[A-ZĐ][\w]*)(?:\s+[A-ZĐ][\w]*){0,3})")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ]", re.I)
_ENGLISH = re.compile(r"\b(?:the|and|of|cases|children|has|with|were|was)\b", re.I)


@dataclass(frozen=True)
class Proposal:
    """One figure found in the text, for a person to accept, correct or reject."""

    indicator: str
    value: float
    year: int | None
    province: str | None  # as named in the text or given for the source
    district: str | None  # a district (before 7/2025) or commune (after) named in the sentence
    is_approx: bool
    kind: str  # result | target | change_target (a percent change on the year before)
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
def extract(text: str, province: str | None = None, year: int | None = None) -> list[Proposal]:
    """Propose figures found in `text`. `province`: the source's province when the text does not name it;
    `year`: its dateline when the text has none."""
    text = unicodedata.normalize("NFC", text)
    index = UnitIndex.load()
    province = province or province_named(text, index)
    dateline = dateline_year(text) or year
    proposals: list[Proposal] = []
    targets = False
    previous_year: int | None = None
    last_paragraph = -1
    for sentence in sentences(text):
        if sentence.paragraph != last_paragraph and not _STARTS_WITH_FIGURE.search(sentence.folded):
            targets = False
        last_paragraph = sentence.paragraph
        if _TARGET_CUE.search(sentence.folded):
            targets = True
        elif not _STARTS_WITH_FIGURE.search(sentence.folded):
            targets = False
        found = _in_sentence(sentence, language(sentence.text))
        said_year = _sentence_year(sentence.folded)
        default_year = said_year or previous_year or dateline
        district = _district(sentence, province, default_year, index)
        for p in found:
            p_year = p.year or _figure_year(sentence.folded, p.start - sentence.start) or default_year
            kind = "target" if (targets or p.kind == "target") and p.kind != "change_target" else p.kind
            proposals.append(
                replace(
                    p,
                    year=p_year,
                    province=province,
                    district=district,
                    kind=kind,
                    sentence=sentence.text,
                )
            )
        if found:
            previous_year = said_year or previous_year
    return proposals


def _in_sentence(s: _Sentence, lang: str) -> list[Proposal]:
    """Every figure in one sentence; positions are in the whole text."""
    f = s.folded
    taken = [False] * len(f)  # characters already read as part of a date, fraction or figure
    out: list[Proposal] = []

    def take(a: int, b: int) -> None:
        for i in range(a, b):
            taken[i] = True

    def add(indicator: str, value: float, a: int, b: int, rule: str, **extra: object) -> None:
        fields = {"year": None, "is_approx": False, "kind": "result"} | extra
        out.append(Proposal(indicator, value, fields["year"], None, None, fields["is_approx"], fields["kind"], "",
                            s.start + a, s.start + b, rule))  # fmt: skip
        take(a, b)

    # Labelled lists copied from statistics tables: "Tổng số vụ bạo lực gia đình: 53,152 (2009); 58,863 (2010)".
    for m in re.finditer(r"([^:;.()]{2,80}):\s*((?:\d[\d.,]*\s*\(\s*(?:19|20)\d\d\s*\)\s*[;,]?\s*)+)", s.text):
        label = s.text[m.start(1) : m.end(1)].split(" - ")[-1]
        indicator = _label_indicator(label)
        if indicator:
            for item in re.finditer(r"(\d[\d.,]*)\s*\(\s*((?:19|20)\d\d)\s*\)", m.group(2)):
                value = number_value(item.group(1), lang, False)
                if value is not None:
                    a = m.start(2) + item.start()
                    add(indicator, value, a, m.start(2) + item.end(), "label_list", year=int(item.group(2)))
        take(m.start(2), m.end(2))

    for m in _DATE.finditer(f):
        take(m.start(), m.end())
    for m in _FRACTION.finditer(f):
        if any(taken[m.start() : m.end()]):
            continue
        after = f[m.end() :]
        for whole_re, whole in FRACTION_WHOLES:
            noun = re.match(r"\s*" + whole_re, after)
            if not noun:
                continue
            part_value = number_value(m.group(1), lang, False)
            whole_value = number_value(m.group(2), lang, False)
            end = m.end() + noun.end()
            if whole_value is not None:
                add(whole, whole_value, m.start(2), end, "fraction")
            for part_re, part in FRACTION_PARTS if whole == "communes_total" else ():
                if part_value is not None and re.match(part_re, f[end:]):
                    add(part, part_value, m.start(), m.end(1), "fraction")
            break
        take(m.start(), m.end())

    for m in _NUMBER.finditer(f):
        a, b = m.span()
        if any(taken[a:b]):
            continue
        before = f[max(0, a - 40) : a]
        if _DOCUMENT.search(before) or _PAGE_VIEWS.search(before):
            continue
        token = s.text[a:b]
        after = f[b:]
        percent = re.match(r"\s*(?:%|phan tram|percent|por cento|prozent)", after)
        if re.fullmatch(r"(?:19|20)\d\d", token) and not percent:
            continue  # a year
        multiplier = _MULTIPLIER.match(after)
        end = b
        if percent:
            end = b + percent.end()
        elif multiplier:
            end = b + multiplier.end()
        value = number_value(token, lang, bool(percent))
        if value is None:
            continue
        scale = _MULTIPLIERS[multiplier.group(1)] if multiplier and not percent else 1.0
        approx = bool(_APPROX.search(before)) or scale > 1
        rest = f[end:]
        year = _YEAR_IN_BRACKETS.match(rest)
        extra = {"is_approx": approx, "year": int(year.group(1)) if year else None}
        if percent:
            found = _percent(f, a, end, value)
            if found:
                indicator, kind, start = found
                add(indicator, value if kind != "change_target" else -value if "giam" in f[start:a] else value,
                    start, end, "percent", is_approx=approx, kind=kind)  # fmt: skip
            continue
        said_as_change = _CHANGE_BEFORE.search(before[-12:]) and _CHANGE_AFTER.search(rest[:40])
        if said_as_change or _CHANGE_AFTER.match(_skip_noun(rest)):
            continue  # "tăng 54 vụ so với năm 2018": a change, not a level
        value *= scale
        noun = _count_noun(rest)
        if noun:
            indicator, length = noun
            add(indicator, value, a, end + length, "count_noun", **extra)
        elif _BARE_CASES.match(rest.lstrip(' “"')):
            label = _nearest_label(f[:a], CASE_LABELS)
            if label:
                add(label, value, a, end + _BARE_CASES.match(rest.lstrip(' “"')).end(), "cases_label", **extra)
        elif _CHILDREN.match(rest.lstrip()) and _HAS.search(before):
            add("children_total", value, a, end + _CHILDREN.match(rest.lstrip()).end() + 1, "children", **extra)
        elif _PEOPLE.match(rest.lstrip()) and _AUDIENCE.search(f[:a]):
            add("training_participants", value, a, end + _PEOPLE.match(rest.lstrip()).end() + 1, "audience", **extra)

    for m in ZERO_CASES.finditer(f):
        add("dv_cases", 0.0, m.start(), m.end(), "zero")

    # A training sentence lists its audience after "cho": "tập huấn … cho lãnh đạo …; 150 địa chỉ tin cậy".
    # Those are the people who attended, not the province's network: only head counts of trainees are kept.
    audience = re.search(r"(?:tap huan|boi duong)[^.;]{0,120}?\bcho\b", f)
    if audience:
        out = [p for p in out if p.start - s.start < audience.end() or p.indicator == "training_participants"]
    return out


def _count_noun(rest: str) -> tuple[str, int] | None:
    """The indicator a count's noun names, and the noun's length (quotes and "các" before it allowed)."""
    lead = re.match(r"[\s“”\"'(]*(?:cac\s+)?[\s“”\"']*", rest)
    offset = lead.end() if lead else 0
    for pattern, indicator in COUNT_NOUNS:
        m = re.match(pattern, rest[offset:])
        if m:
            return indicator, offset + m.end()
    return None


def _skip_noun(rest: str) -> str:
    noun = _count_noun(rest)
    if noun:
        return rest[noun[1] :]
    m = re.match(r"\s*\w+", rest)
    return rest[m.end() :] if m else rest


def _nearest_label(before: str, labels: tuple[tuple[str, str], ...]) -> str | None:
    """The label closest before a position: "bạo lực tinh thần 1.400 vụ" -> dv_cases_mental."""
    best: tuple[int, str] | None = None
    for pattern, indicator in labels:
        for m in re.finditer(pattern, before):
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


def _percent(f: str, a: int, end: int, value: float) -> tuple[str, str, int] | None:
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
    kind = "target" if _AT_LEAST.match(f[end:]) else "result"
    clause_end = re.search(r"[.;]|$", f[end:]).start() + end
    after = re.sub(r"^\s*(?:tro len|cac)?\s*", "", f[end:clause_end])
    for pattern, indicator in PERCENT_NOUNS:
        m = re.match(r"(?:cac\s+)?" + pattern, after)
        if m:
            return indicator, kind, a
    rate = re.search(r"(?:ty le|ti le|so)\b[^.;]*$", before)
    if rate and re.search(r"\bdat\s*$", before):
        for pattern, indicator in PERCENT_NOUNS:
            if re.search(pattern, rate.group()):
                return indicator, kind, a
    return None


def _figure_year(folded: str, at: int) -> int | None:
    """The year a figure at position `at` is about: a year named in its own clause, else the nearest year
    named before it in the sentence."""
    clauses = [m.span() for m in re.finditer(r"[^,;:]+", folded)]
    clause = next(((x, y) for x, y in clauses if x <= at < y), (0, len(folded)))
    in_clause = [y for pos, y in _year_mentions(folded) if clause[0] <= pos < clause[1]]
    if in_clause:
        return in_clause[0]
    earlier = [y for pos, y in _year_mentions(folded) if pos < at]
    return earlier[-1] if earlier else None


def _sentence_year(folded: str) -> int | None:
    mentions = _year_mentions(folded)
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
# Evaluation against figures written down by hand (published_figures.csv: one row per figure, with its quote).
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Evaluation:
    true_positives: list[tuple[str, str, float]]  # (quote, indicator, value)
    false_positives: list[tuple[str, str, float]]
    misses: list[tuple[str, str, float]]
    unscored: int  # found figures the file records for another quote, or as "other": neither right nor wrong
    targets: int  # targets found; the file records results, so targets are counted apart

    @property
    def precision(self) -> float:
        found = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / found if found else 0.0

    @property
    def recall(self) -> float:
        expected = len(self.true_positives) + len(self.misses)
        return len(self.true_positives) / expected if expected else 0.0


def evaluate(path: Path) -> Evaluation:
    """Run the extractor over every distinct quote and compare (indicator, value) with the rows of that quote.

    A found figure is right when the quote's rows hold it; wrong when the file records nothing with that value
    for the quote's place; unscored when the file has it only as an "other" figure or from another quote (the
    same national series quoted twice). Editors' notes in square brackets are not part of the source's text."""
    import pandas as pd

    from core.indicators import catalogue

    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    codes = catalogue()
    known = {(r.province, float(r.value)) for r in rows.itertuples()}
    tp: list[tuple[str, str, float]] = []
    fp: list[tuple[str, str, float]] = []
    fn: list[tuple[str, str, float]] = []
    unscored = targets = 0
    for quote, group in rows.groupby("quote", sort=False):
        text = re.sub(r"\s+", " ", re.sub(r"\[[^\]]*\]", " ", quote)).strip()
        first = group.iloc[0]
        province = None if first.province == "Toàn quốc" else first.province
        expected = {(r.indicator, float(r.value)) for r in group.itertuples() if r.indicator in codes}
        others = {float(r.value) for r in group.itertuples() if r.indicator not in codes}
        found = extract(text, province, int(first.year))
        targets += sum(p.kind != "result" for p in found)
        got = {(p.indicator, p.value) for p in found if p.kind == "result"}
        for pair in sorted(got):
            if pair in expected:
                tp.append((text, *pair))
            elif pair[1] in others or (first.province, pair[1]) in known:
                unscored += 1
            else:
                fp.append((text, *pair))
        fn += [(text, *pair) for pair in sorted(expected - got)]
    return Evaluation(tp, fp, fn, unscored, targets)
