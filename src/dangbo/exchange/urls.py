"""The import wizard's addresses (under /nhap-du-lieu/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.wizard, name="import-wizard"),
    path("mau.xlsx", views.template, name="import-template"),
    path("<str:upload_id>/", views.status, name="import-status"),
    path("<str:upload_id>/xac-nhan/", views.confirm, name="import-confirm"),
    path("<str:upload_id>/loi.xlsx", views.annotated, name="import-annotated"),
]
