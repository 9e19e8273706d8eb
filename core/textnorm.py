"""Vietnamese text normalisation: NFC, diacritic-free match keys, unit-type prefixes."""

from __future__ import annotations

import re
import unicodedata

# Unit-type words that reports put in front of names ("Huyện Yên Lạc", "TP. Vĩnh Yên", "TX Phúc Yên").
# Matched on the diacritic-free lower-case form, longest first, followed by a separator; one-letter
# abbreviations ("H. Yên Lạc", "Q. 1") only with their dot.
_PREFIXES = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "xa",
    "t.p",
    "tp",
    "tx",
    "tt",
)
_PREFIX_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(p) for p in _PREFIXES) + r")[\s.]+|(?:tp|tx|tt)(?=[a-z]{3})|[hqpx]\.\s*)"
)


def nfc(text: str) -> str:
    """Compose to NFC and collapse whitespace (line breaks in headers included)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def ascii_fold(text: str) -> str:
    """Lower-case text without diacritics; đ becomes d."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def key(text: str) -> str:
    """Match key: diacritic-free, lower-case, letters and digits only ("Hoà Bình" -> "hoabinh")."""
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text))


def short_key(text: str) -> str:
    """Match key with a leading unit-type word removed ("TP. Vĩnh Yên" -> "vinhyen").

    Names may themselves start with such a word ("Quan Hóa", "Tịnh Biên"): match on key() first.
    """
    folded = ascii_fold(text)
    # "TP.HCM" and "TPHCM" carry the prefix glued to an abbreviation.
    stripped = _PREFIX_RE.sub("", folded, count=1)
    return key(stripped) or key(folded)


_DECLARED = (
    ("huyen ", "D"),
    ("quan ", "D"),
    ("thi xa ", "D"),
    ("xa ", "C"),
    ("phuong ", "C"),
    ("thi tran ", "C"),
    ("dac khu ", "C"),
    ("tinh ", "P"),
    # Shortenings as officers write them ("X. Tân Lập", "H. Gia Viễn"); "TP" names a province or a district.
    ("x.", "C"),
    ("p.", "C"),
    ("tt.", "C"),
    ("tt ", "C"),
    ("h.", "D"),
    ("q.", "D"),
    ("tx.", "D"),
    ("tx ", "D"),
)


def declared_level(text: str) -> str | None:
    """The level a name's own prefix states ("Huyện Yên Lạc" -> "D"); None when it states none or is ambiguous."""
    folded = ascii_fold(text)
    return next((level for prefix, level in _DECLARED if folded.startswith(prefix)), None)
