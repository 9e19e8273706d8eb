"""Interface strings of the compare work, merged into core.i18n.STRINGS."""

STRINGS: dict[str, tuple[str, str]] = {}
