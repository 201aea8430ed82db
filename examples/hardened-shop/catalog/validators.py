"""Validation of uploaded product images."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat

ALLOWED_IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]

validate_image_extension = FileExtensionValidator(ALLOWED_IMAGE_EXTENSIONS)

# Leading bytes of the formats we accept. Pillow is not a dependency of this shop,
# so the content is checked by signature rather than by decoding it.
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


def validate_image_size(file):
    if file.size > settings.MAX_IMAGE_SIZE:
        raise ValidationError(
            "The image is %(size)s; the limit is %(limit)s.",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.MAX_IMAGE_SIZE)},
            code="file_too_large",
        )


def validate_image_content(file):
    position = file.tell()
    file.seek(0)
    header = file.read(12)
    file.seek(position)
    is_webp = header[:4] == b"RIFF" and header[8:12] == b"WEBP"
    if not (is_webp or header.startswith(_SIGNATURES)):
        raise ValidationError("The file is not a JPEG, PNG, GIF or WebP image.", code="invalid_image")
