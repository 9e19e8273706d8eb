"""Interface strings of the layout work, merged into core.i18n.STRINGS."""

STRINGS: dict[str, tuple[str, str]] = {}
