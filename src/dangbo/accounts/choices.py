"""Roles, with Vietnamese labels."""

from django.utils.translation import gettext_lazy as _

ADMIN, BOARD, INSPECTOR, SECRETARY, LEADERSHIP = "admin", "ban_to_chuc", "kiem_tra", "bi_thu", "lanh_dao"
ROLE_CHOICES = [
    (ADMIN, _("Quản trị hệ thống")),
    (BOARD, _("Cán bộ Ban Tổ chức")),
    (INSPECTOR, _("Cán bộ Ủy ban Kiểm tra")),
    (SECRETARY, _("Bí thư / văn thư cơ sở")),
    (LEADERSHIP, _("Lãnh đạo (chỉ xem)")),
]
# Who may change the register (the inspection records get their own rule with the work areas).
WRITERS = frozenset({ADMIN, BOARD, SECRETARY})
