"""Admin routes of the organisation screens (registered under /admin/organisation/)."""

from django.urls import path

from . import admin_people_views, admin_views

app_name = "organisation"

urlpatterns = [
    path("units/", admin_views.UnitTreeView.as_view(), name="units"),
    path("units/add/", admin_views.UnitCreateView.as_view(), name="unit_add"),
    path("units/<int:unit_id>/", admin_views.UnitView.as_view(), name="unit"),
    path("people/", admin_people_views.PeopleListView.as_view(), name="people"),
    path("people/<int:employee_id>/", admin_people_views.PersonView.as_view(), name="person"),
    path("scopes/", admin_views.ScopeListView.as_view(), name="scopes"),
]
