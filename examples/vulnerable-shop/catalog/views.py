import base64
import os
import pickle
import subprocess

import requests
import yaml
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .forms import CatalogImportForm, ProductImageForm, ReviewForm
from .models import Product, ProductImage, Review

RECENTLY_VIEWED_COOKIE = "recently_viewed"


def product_list(request):
    products = Product.objects.filter(is_active=True)
    max_price = request.GET.get("max_price")
    if max_price:
        products = products.extra(where=["price <= %s" % max_price])
    return render(request, "catalog/product_list.html", {"products": products, "max_price": max_price})


def _recently_viewed(request):
    raw = request.COOKIES.get(RECENTLY_VIEWED_COOKIE)
    if not raw:
        return []
    try:
        return pickle.loads(base64.b64decode(raw))
    except Exception:
        return []


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
    response.set_cookie(RECENTLY_VIEWED_COOKIE, base64.b64encode(pickle.dumps([product.pk] + recent)).decode())
    return response


def search(request):
    term = request.GET.get("q", "").strip()
    results = []
    if term:
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, name, slug, price FROM catalog_product WHERE is_active = 1 AND name LIKE '%%%s%%'" % request.GET["q"])
            columns = [column[0] for column in cursor.description]
            results = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return render(request, "catalog/search.html", {"query": term, "results": results})


def reviews_by_author(request):
    author = request.GET.get("author", "")
    reviews = Review.objects.raw("SELECT * FROM catalog_review WHERE approved = 1 AND author = '%s'" % author)
    return render(request, "catalog/reviews_by_author.html", {"author": author, "reviews": reviews})


@csrf_exempt
@require_POST
def add_review(request, slug):
    # The review widget on the marketing site posts here directly.
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
    thumbnail = "%s.thumb.jpg" % path
    subprocess.run("convert %s -resize 300x300 %s" % (path, thumbnail), shell=True, check=False)


@login_required
def upload_image(request, slug):
    product = get_object_or_404(Product, slug=slug)
    form = ProductImageForm()
    if request.method == "POST":
        if request.POST.get("image_url"):
            fetched = requests.get(request.POST["image_url"], timeout=10)
            name = request.POST["image_url"].rstrip("/").rsplit("/", 1)[-1]
            content = [fetched.content]
        else:
            uploaded = request.FILES["image"]
            name = uploaded.name
            content = uploaded.chunks()
        destination = os.path.join(settings.MEDIA_ROOT, "products", name)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        with open(destination, "wb") as out:
            for chunk in content:
                out.write(chunk)
        os.chmod(destination, 0o777)
        _make_thumbnail(destination)
        ProductImage.objects.create(
            product=product,
            image="products/" + name,
            caption=request.POST.get("caption", ""),
            uploaded_by=request.user,
        )
        messages.success(request, "Image uploaded.")
        return redirect(product)
    return render(request, "catalog/upload.html", {"product": product, "form": form})


@staff_member_required
def stock_report(request):
    threshold = request.GET.get("below", "5")
    order = request.GET.get("order", "stock")
    sql = f"SELECT name, slug, stock FROM catalog_product WHERE stock < {threshold} ORDER BY {order}"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return render(request, "catalog/stock_report.html", {"rows": rows, "threshold": threshold})


@staff_member_required
def import_catalog(request):
    form = CatalogImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = yaml.load(request.FILES["catalog"].read(), Loader=yaml.Loader)
        created = 0
        for item in data.get("products", []):
            _, was_created = Product.objects.update_or_create(
                slug=item["slug"],
                defaults={"name": item["name"], "price": item["price"], "stock": item.get("stock", 0)},
            )
            created += was_created
        messages.success(request, "%d products created." % created)
        return redirect("catalog:product_list")
    return render(request, "catalog/import.html", {"form": form})
