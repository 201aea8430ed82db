from django import forms

from .models import ProductImage, Review


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["author", "rating", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class ProductImageForm(forms.ModelForm):
    image_url = forms.URLField(required=False, help_text="Or import the image from a URL.")

    class Meta:
        model = ProductImage
        fields = ["image", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].required = False


class CatalogImportForm(forms.Form):
    catalog = forms.FileField(help_text="A YAML export from the warehouse system.")
