from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    """Wrap each occurrence of the search term in <mark>."""
    if not term:
        return text
    return mark_safe(str(text).replace(term, "<mark>%s</mark>" % term))


@register.simple_tag
def rating_stars(rating):
    rating = int(rating or 0)
    return "\u2605" * rating + "\u2606" * (5 - rating)
