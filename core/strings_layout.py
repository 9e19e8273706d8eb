"""Interface strings of the layout work, merged into core.i18n.STRINGS."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav_heading": ("Các trang", "Pages"),
    "uploader_drop": ("Kéo thả tệp vào đây", "Drag a file here"),
    "uploader_browse": ("Chọn tệp", "Choose a file"),
    "scorecard_as_table": ("Xem dạng bảng", "Show as a table"),
}
