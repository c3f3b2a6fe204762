"""The member's photo as the file keeps it: any picture a clerk has (a phone's JPEG, a scan's
PNG) read with Pillow, turned upright, cut to 3×4 around its centre and stored as a JPEG at
most 600 px high; anything that is not a picture is refused with a Vietnamese reason."""

from __future__ import annotations

import io

from dangbo.domain.problems import FORM_REF, DomainError, Problem

MAX_BYTES = 8 * 1024 * 1024  # a phone's photo, with room
MAX_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded
HEIGHT = 600


def normalized(data: bytes, column: str = "anh") -> bytes:
    """The stored JPEG of an uploaded picture (DomainError when it is not one)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    def refuse(message: str):
        raise DomainError([Problem(FORM_REF, column, None, message, code="photo_invalid")])

    if not data:
        refuse("Chưa chọn ảnh.")
    if len(data) > MAX_BYTES:
        refuse(f"Ảnh quá lớn ({len(data) // 1024 // 1024} MB): tối đa {MAX_BYTES // 1024 // 1024} MB.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                refuse("Ảnh có quá nhiều điểm ảnh: hãy chụp hoặc quét lại với độ phân giải nhỏ hơn.")
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format == "JPEG" and opened.size == (HEIGHT * 3 // 4, HEIGHT) and not opened.getexif().get(0x0112):
                return data  # already as the file keeps it (an export's): not encoded again, nothing lost
            upright = ImageOps.exif_transpose(opened).convert("RGB")
            framed = ImageOps.fit(upright, (HEIGHT * 3 // 4, HEIGHT), centering=(0.5, 0.4))
            out = io.BytesIO()
            framed.save(out, "JPEG", quality=88)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        refuse("Tệp không phải ảnh JPEG hoặc PNG đọc được.")
    raise AssertionError  # refuse() raised
