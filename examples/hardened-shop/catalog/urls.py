from django.urls import path

from . import partners, views

app_name = "catalog"

urlpatterns = [
    path("", views.product_list, name="product_list"),
    path("search/", views.search, name="search"),
    path("reviews/", views.reviews_by_author, name="reviews_by_author"),
    path("products/<slug:slug>/", views.product_detail, name="product_detail"),
    path("products/<slug:slug>/reviews/", views.add_review, name="add_review"),
    path("products/<slug:slug>/images/", views.upload_image, name="upload_image"),
    path("staff/stock/", views.stock_report, name="stock_report"),
    path("staff/import/", views.import_catalog, name="import_catalog"),
    path("partners/feed/", partners.feed_preview, name="feed_preview"),
    path("partners/cart/", partners.shared_cart, name="shared_cart"),
    path("partners/exports/<path:name>/", partners.download_export, name="download_export"),
    path("staff/exports/compress/", partners.compress, name="compress_export"),
    path("staff/sales/", partners.sales, name="sales"),
    path("offers/", partners.promotion, name="promotion"),
]
