"""Views for partner sites: feeds, shared carts, exports and promotions."""
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from .services.banners import banner_context
from .services.carts import partner_items, restore_cart
from .services.exports import compress_export, open_export, sales_rows
from .services.feeds import fetch_feed


@staff_member_required
def feed_preview(request):
    feed = fetch_feed(request.GET["partner"])
    return JsonResponse({"items": feed.get("items", [])[:10]})


@require_POST
def shared_cart(request):
    cart = restore_cart(request.body)
    return JsonResponse({"items": cart.get("items", []), "partner": partner_items(request.body)})


@staff_member_required
def download_export(request, name):
    return FileResponse(open_export(name), as_attachment=True)


@require_POST
@staff_member_required
def compress(request):
    compress_export(request.POST["name"])
    return JsonResponse({"ok": True})


@staff_member_required
def sales(request):
    return JsonResponse({"rows": sales_rows(request.GET.get("order", "total"))})


def promotion(request):
    return render(request, "catalog/promotion.html", banner_context(request.GET.get("message", "")))
