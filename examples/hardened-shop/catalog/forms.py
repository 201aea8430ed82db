import posixpath
from urllib.parse import urlsplit

import requests
from django import forms
from django.conf import settings
from django.core.files.base import ContentFile

from .models import Product, ProductImage, Review

ORDERINGS = [("stock", "Stock, lowest first"), ("-stock", "Stock, highest first"), ("name", "Name")]


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["author", "rating", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class PriceFilterForm(forms.Form):
    max_price = forms.DecimalField(required=False, min_value=0, max_digits=8, decimal_places=2)


class StockReportForm(forms.Form):
    below = forms.IntegerField(required=False, min_value=0, initial=5)
    order = forms.ChoiceField(required=False, choices=ORDERINGS)


def fetch_image(url):
    """Download an image from an allow-listed host, without following redirects."""
    try:
        response = requests.get(url, timeout=5, allow_redirects=False, stream=True)
        response.raise_for_status()
        data = response.raw.read(settings.MAX_IMAGE_SIZE + 1, decode_content=True)
    except requests.RequestException:
        raise forms.ValidationError("The image could not be downloaded.")
    if len(data) > settings.MAX_IMAGE_SIZE:
        raise forms.ValidationError("The image is too large.")
    return ContentFile(data, name=posixpath.basename(urlsplit(url).path) or "imported")


class ProductImageForm(forms.ModelForm):
    image_url = forms.URLField(required=False, help_text="Or import the image from a supplier URL.")

    class Meta:
        model = ProductImage
        fields = ["image", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].required = False

    def clean_image_url(self):
        url = self.cleaned_data["image_url"]
        if url:
            parts = urlsplit(url)
            if parts.scheme != "https" or parts.hostname not in settings.IMAGE_IMPORT_HOSTS:
                raise forms.ValidationError("Images can only be imported over HTTPS from our suppliers' image hosts.")
        return url

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("image") and cleaned.get("image_url"):
            # The model field's validators (extension, size, content) run on the download too.
            cleaned["image"] = fetch_image(cleaned["image_url"])
        if not cleaned.get("image") and not self.errors:
            raise forms.ValidationError("Choose an image file or give its URL.")
        return cleaned


class CatalogImportForm(forms.Form):
    catalog = forms.FileField(help_text="A YAML export from the warehouse system.")

    def clean_catalog(self):
        catalog = self.cleaned_data["catalog"]
        if catalog.size > 1024 * 1024:
            raise forms.ValidationError("The export is larger than 1 MB.")
        return catalog


class ProductImportForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["slug", "name", "price", "stock"]
