"""Interface strings of the brief work, merged into core.i18n.STRINGS."""

STRINGS: dict[str, tuple[str, str]] = {}
