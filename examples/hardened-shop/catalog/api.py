"""A small read/write JSON API for the mobile app."""
from django.shortcuts import get_object_or_404
from django.urls import path
from rest_framework import permissions, routers, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Product, Review


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ["id", "product", "author", "rating", "body", "created"]
        read_only_fields = ["created"]


class ProductSerializer(serializers.ModelSerializer):
    average_rating = serializers.FloatField(read_only=True)

    class Meta:
        model = Product
        fields = ["id", "name", "slug", "description", "price", "stock", "average_rating"]


class IsAuthorOrReadOnly(permissions.BasePermission):
    """Reviews can be changed or deleted only by the user who wrote them."""

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.user_id == request.user.pk


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Product.objects.filter(is_active=True)
    serializer_class = ProductSerializer
    lookup_field = "slug"


class ReviewViewSet(viewsets.ModelViewSet):
    queryset = Review.objects.filter(approved=True).select_related("product")
    serializer_class = ReviewSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


class QuoteQuerySerializer(serializers.Serializer):
    qty = serializers.IntegerField(min_value=1, max_value=100, default=1)


class PriceQuoteView(APIView):
    """Price for a quantity of a product."""

    def get(self, request, slug):
        product = get_object_or_404(Product, slug=slug, is_active=True)
        query = QuoteQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        quantity = query.validated_data["qty"]
        total = product.price * quantity
        return Response({"product": product.slug, "quantity": quantity, "total": str(total)})


router = routers.DefaultRouter()
router.register("products", ProductViewSet, basename="product")
router.register("reviews", ReviewViewSet, basename="review")

urlpatterns = [
    path("products/<slug:slug>/quote/", PriceQuoteView.as_view(), name="price-quote"),
] + router.urls
