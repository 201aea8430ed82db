"""Language switcher shown in the footer."""
from django.shortcuts import redirect
from django.utils import translation
from django.views.decorators.http import require_POST

from .utils import next_url


@require_POST
def switch_language(request):
    translation.activate(request.POST.get("language", "en"))
    return redirect(next_url(request))
