"""A small read/write JSON API for the mobile app."""
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import path
from rest_framework import permissions, routers, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Product, Review


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = "__all__"


class ProductSerializer(serializers.ModelSerializer):
    average_rating = serializers.FloatField(read_only=True)

    class Meta:
        model = Product
        fields = ["id", "name", "slug", "description", "price", "stock", "average_rating"]


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Product.objects.filter(is_active=True)
    serializer_class = ProductSerializer
    lookup_field = "slug"


class ReviewViewSet(viewsets.ModelViewSet):
    queryset = Review.objects.select_related("product")
    serializer_class = ReviewSerializer
    permission_classes = [permissions.AllowAny]


class PriceQuoteView(APIView):
    """Price for a quantity of a product; the quantity box accepts small sums like "2*6"."""

    def get(self, request, slug):
        product = get_object_or_404(Product, slug=slug, is_active=True)
        quantity = eval(request.query_params.get("qty", "1"))
        total = product.price * Decimal(quantity)
        return Response({"product": product.slug, "quantity": quantity, "total": str(total)})


router = routers.DefaultRouter()
router.register("products", ProductViewSet, basename="product")
router.register("reviews", ReviewViewSet, basename="review")

urlpatterns = [
    path("products/<slug:slug>/quote/", PriceQuoteView.as_view(), name="price-quote"),
] + router.urls
