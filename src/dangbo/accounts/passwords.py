"""Password rules with Vietnamese messages: Django's own Vietnamese translation leaves the
length rule's refusal in English ("This password is too short…")."""

from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimumLength(MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."
