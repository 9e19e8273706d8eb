"""Who is reading and what they may see: roles and provinces from the access file, or the laptop's one user."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from core.problems import Bilingual
from core.units import PRE2025, Y2025, UnitIndex, UnitNotFound, unit_frames

ROLES = ("viewer", "province", "officer", "admin")  # each may do what the one before it may
LOCAL_USER = "local"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class AccessError(Bilingual):
    """An access file the app cannot use; the message says where."""


@dataclass(frozen=True)
class Scope:
    """What one reader may see. Provinces are unit ids; None means every province.

    detail: provinces whose district and commune figures they see (summaries of every province are public);
    raw: provinces whose small sensitive counts they may see unsuppressed; imports: provinces they may load."""

    user: str
    role: str
    detail: frozenset[str] | None = frozenset()
    raw: frozenset[str] | None = frozenset()
    imports: frozenset[str] | None = frozenset()
    threshold: int = 4
    local: bool = False
    provinces: tuple[str, ...] = field(default=(), compare=False)  # as the access file names them, for display

    def sees_detail(self, province_id: str) -> bool:
        return self.detail is None or province_id in self.detail

    def sees_raw(self, province_id: str) -> bool:
        return self.raw is None or province_id in self.raw

    def may_import(self, province_id: str) -> bool:
        return self.imports is None or province_id in self.imports

    @property
    def may_import_any(self) -> bool:
        return self.imports is None or bool(self.imports)


def local(threshold: int) -> Scope:
    """The one user of a laptop without sign-in: the officer at the machine, every province."""
    return Scope(LOCAL_USER, "admin", None, None, None, threshold, local=True)


def with_predecessors(province_ids: set[str]) -> frozenset[str]:
    """A 2025 province's rights reach the former provinces it was formed from: their districts are its history."""
    _, crosswalk, _ = unit_frames()
    old = crosswalk[crosswalk["to_unit"].isin(province_ids) & crosswalk["from_unit"].str.startswith(f"{PRE2025}:P:")]
    return frozenset(province_ids | set(old["from_unit"]))


def province_id(text: str) -> str:
    """A province as the access file writes it: a unit id, or a name or code of a 2025 province (else a
    former one: 'Vĩnh Phúc' means the former province only, its districts before the reform)."""
    units = UnitIndex.load()
    if text in units.unit.index and units.get(text).level == "P":
        return text
    try:
        return units.match(text, Y2025, "P").unit_id
    except UnitNotFound:
        return units.match(text, PRE2025, "P").unit_id


@dataclass(frozen=True)
class _Grant:
    role: str
    provinces: frozenset[str]
    names: tuple[str, ...]


@dataclass(frozen=True)
class Rules:
    users: dict[str, _Grant]
    groups: dict[str, _Grant]
    default: str | None  # the role of a signed-in user the file does not list; None: refused

    def scope(self, user: str, groups: list[str], threshold: int) -> Scope | None:
        """The union of what the user's own entry, their groups and the default grant; None when nothing does."""
        grants = [g for g in (self.users.get(user.lower()), *(self.groups.get(x) for x in groups)) if g]
        if not grants and self.default:
            grants = [_Grant(self.default, frozenset(), ())]
        if not grants:
            return None
        if any(g.role == "admin" for g in grants):
            return Scope(user, "admin", None, None, None, threshold)

        def union(*roles: str) -> frozenset[str]:
            return frozenset().union(*(g.provinces for g in grants if g.role in roles))

        role = max((g.role for g in grants), key=ROLES.index)
        names = tuple(dict.fromkeys(n for g in grants for n in g.names))
        return Scope(
            user, role, union("province", "officer"), union("officer"), union("officer"), threshold, provinces=names
        )


def _grant(where: str, entry: object) -> _Grant:
    if not isinstance(entry, dict):
        raise AccessError(f"{where}: cần role và provinces", f"{where}: needs a role and provinces")
    role = entry.get("role")
    if role not in ROLES:
        allowed = ", ".join(ROLES)
        raise AccessError(
            f"{where}: role '{role}' không hợp lệ, phải là một trong {allowed}",
            f"{where}: role '{role}' is not valid; it must be one of {allowed}",
        )
    names = entry.get("provinces", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise AccessError(
            f"{where}: provinces phải là danh sách tên tỉnh", f"{where}: provinces must be a list of province names"
        )
    if role in ("province", "officer") and not names:
        raise AccessError(
            f"{where}: vai trò {role} cần ít nhất một tỉnh", f"{where}: the role {role} needs at least one province"
        )
    found: set[str] = set()
    for name in names:
        try:
            found.add(province_id(name))
        except UnitNotFound as exc:
            raise AccessError(f"{where}: {exc}", f"{where}: {exc.en}") from None
    return _Grant(role, with_predecessors(found), tuple(names))


@cache
def _rules(path: Path, mtime: float) -> Rules:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AccessError(f"{path.name}: {exc}") from None
    default = raw.get("default_role")
    if default is not None and default not in ROLES:
        raise AccessError(
            f"{path.name}: default_role '{default}' không hợp lệ", f"{path.name}: default_role '{default}' is not valid"
        )
    sections = {}
    for kind in ("users", "groups"):
        table = raw.get(kind, {})
        if not isinstance(table, dict):
            raise AccessError(f"{path.name}: [{kind}] phải là bảng", f"{path.name}: [{kind}] must be a table")
        sections[kind] = {
            (k.lower() if kind == "users" else k): _grant(f'{path.name}: {kind}."{k}"', v) for k, v in table.items()
        }
    return Rules(sections["users"], sections["groups"], default)


def rules(path: Path) -> Rules:
    """The access file, read again whenever it changes."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        raise AccessError(f"{path}: không đọc được tệp phân quyền", f"{path}: the access file cannot be read") from None
    return _rules(path, mtime)
