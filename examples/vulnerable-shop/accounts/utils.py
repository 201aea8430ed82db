"""Helpers shared by the account views."""


def next_url(request, default="/"):
    return request.POST.get("next") or request.GET.get("next") or default
