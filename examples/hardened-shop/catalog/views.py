import logging
import subprocess

import yaml
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .forms import CatalogImportForm, PriceFilterForm, ProductImageForm, ProductImportForm, ReviewForm, StockReportForm
from .models import Product, Review

logger = logging.getLogger(__name__)

RECENTLY_VIEWED_COOKIE = "recently_viewed"
RECENTLY_VIEWED_SALT = "catalog.recently_viewed"
RECENTLY_VIEWED_MAX_AGE = 30 * 24 * 60 * 60


def product_list(request):
    products = Product.objects.filter(is_active=True)
    form = PriceFilterForm(request.GET)
    max_price = form.cleaned_data["max_price"] if form.is_valid() else None
    if max_price is not None:
        products = products.filter(price__lte=max_price)
    return render(request, "catalog/product_list.html", {"products": products, "max_price": max_price})


def _recently_viewed(request):
    value = request.get_signed_cookie(
        RECENTLY_VIEWED_COOKIE, default="", salt=RECENTLY_VIEWED_SALT, max_age=RECENTLY_VIEWED_MAX_AGE
    )
    return [int(pk) for pk in value.split(",") if pk.isdigit()]


def product_detail(request, slug):
    product = get_object_or_404(Product, slug=slug, is_active=True)
    recent = [pk for pk in _recently_viewed(request) if pk != product.pk][:4]
    context = {
        "product": product,
        "reviews": product.reviews.filter(approved=True),
        "form": ReviewForm(),
        "recently_viewed": Product.objects.filter(pk__in=recent),
    }
    response = render(request, "catalog/product_detail.html", context)
    response.set_signed_cookie(
        RECENTLY_VIEWED_COOKIE,
        ",".join(str(pk) for pk in [product.pk] + recent),
        salt=RECENTLY_VIEWED_SALT,
        max_age=RECENTLY_VIEWED_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def search(request):
    term = request.GET.get("q", "").strip()
    results = []
    if term:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, name, slug, price FROM catalog_product WHERE is_active = %s AND name LIKE %s",
                [True, "%" + term + "%"],
            )
            columns = [column[0] for column in cursor.description]
            results = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return render(request, "catalog/search.html", {"query": term, "results": results})


def reviews_by_author(request):
    author = request.GET.get("author", "")
    reviews = Review.objects.filter(approved=True, author=author).select_related("product")
    return render(request, "catalog/reviews_by_author.html", {"author": author, "reviews": reviews})


@require_POST
def add_review(request, slug):
    product = get_object_or_404(Product, slug=slug, is_active=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        review = form.save(commit=False)
        review.product = product
        if request.user.is_authenticated:
            review.user = request.user
        review.save()
        messages.success(request, "Thanks for your review!")
    else:
        messages.error(request, "Please correct the errors in your review.")
    return redirect(product)


def _make_thumbnail(path):
    # An argument list and no shell: the file name is never parsed by a shell.
    try:
        subprocess.run(["/usr/bin/convert", path, "-resize", "300x300", path + ".thumb.jpg"], check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        logger.warning("Could not make a thumbnail of %s", path, exc_info=True)


@login_required
@permission_required("catalog.add_productimage", raise_exception=True)
def upload_image(request, slug):
    product = get_object_or_404(Product, slug=slug)
    form = ProductImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        image = form.save(commit=False)
        image.product = product
        image.uploaded_by = request.user
        image.save()
        _make_thumbnail(image.image.path)
        messages.success(request, "Image uploaded.")
        return redirect(product)
    return render(request, "catalog/upload.html", {"product": product, "form": form})


@staff_member_required
def stock_report(request):
    form = StockReportForm(request.GET)
    form.is_valid()
    threshold = form.cleaned_data.get("below")
    threshold = 5 if threshold is None else threshold
    order = form.cleaned_data.get("order") or "stock"
    rows = Product.objects.filter(stock__lt=threshold).order_by(order).values_list("name", "slug", "stock")
    return render(request, "catalog/stock_report.html", {"rows": rows, "threshold": threshold})


@staff_member_required
@permission_required("catalog.add_product", raise_exception=True)
def import_catalog(request):
    form = CatalogImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = yaml.safe_load(form.cleaned_data["catalog"].read())
        except yaml.YAMLError:
            data = None
        items = data.get("products") if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            form.add_error("catalog", "The file is not a product export.")
            return render(request, "catalog/import.html", {"form": form})
        created = 0
        with transaction.atomic():
            for number, item in enumerate(items, start=1):
                existing = Product.objects.filter(slug=item.get("slug")).first()
                product_form = ProductImportForm(item, instance=existing)
                if not product_form.is_valid():
                    transaction.set_rollback(True)
                    form.add_error("catalog", "Product %d: %s" % (number, product_form.errors.as_text()))
                    return render(request, "catalog/import.html", {"form": form})
                product_form.save()
                created += existing is None
        messages.success(request, "%d products created." % created)
        return redirect("catalog:product_list")
    return render(request, "catalog/import.html", {"form": form})
