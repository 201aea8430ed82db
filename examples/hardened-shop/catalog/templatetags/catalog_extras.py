import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(needs_autoescape=True)
def highlight(text, term, autoescape=True):
    """Wrap each occurrence of the search term in <mark>; everything else is escaped."""
    esc = conditional_escape if autoescape else (lambda value: value)
    text = str(text)
    if not term:
        return esc(text)
    # Splitting on a capturing group alternates text and matches: odd pieces are matches.
    pieces = re.split("(%s)" % re.escape(term), text, flags=re.IGNORECASE)
    result = "".join("<mark>%s</mark>" % esc(piece) if index % 2 else esc(piece) for index, piece in enumerate(pieces))
    return mark_safe(result)


@register.simple_tag
def rating_stars(rating):
    rating = int(rating or 0)
    return "\u2605" * rating + "\u2606" * (5 - rating)
