from django.conf import settings
from django.db import models
from django.db.models import Avg
from django.urls import reverse
from django.utils.safestring import mark_safe

RATING_CHOICES = [(value, "%d star%s" % (value, "" if value == 1 else "s")) for value in range(1, 6)]


class Product(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True, help_text="HTML is allowed.")
    price = models.DecimalField(max_digits=8, decimal_places=2)
    stock = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:product_detail", args=[self.slug])

    def average_rating(self):
        return self.reviews.filter(approved=True).aggregate(avg=Avg("rating"))["avg"]


class Review(models.Model):
    product = models.ForeignKey(Product, related_name="reviews", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    author = models.CharField(max_length=80)
    rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES)
    body = models.TextField()
    approved = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return "%s on %s" % (self.author, self.product)

    def author_badge(self):
        return mark_safe("<b>%s</b> rated it %d/5" % (self.author, self.rating))


class ProductImage(models.Model):
    product = models.ForeignKey(Product, related_name="images", on_delete=models.CASCADE)
    image = models.FileField(upload_to="products/")
    caption = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.caption or self.image.name
