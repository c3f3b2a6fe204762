from django.urls import path

from . import views

urlpatterns = [
    path("", views.stats_page, name="stats"),
    path("danh-sach/", views.stats_members, name="stats-members"),
    path("tai-ve/<str:fmt>/", views.stats_download, name="stats-download"),
]
