"""Promotional banners shown above the catalogue."""


def banner_context(message):
    return {"banner": message.strip(), "show_banner": bool(message)}
