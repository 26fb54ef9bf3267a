from django.urls import path

from . import data_views, sharing_views, views

app_name = "dashboards"
urlpatterns = [
    path("me/", views.applicant, name="applicant"),
    path("me/score-again/", views.score_again, name="score_again"),
    path("me/apply/", sharing_views.apply, name="apply"),
    path("me/applications/<int:pk>/withdraw/", sharing_views.withdraw, name="withdraw"),
    path("me/access/", sharing_views.access, name="access_log"),
    path("me/data/", data_views.my_data, name="my_data"),
    path("me/export/", data_views.download, name="download"),
    path("me/delete/", data_views.delete_all, name="delete_all"),
    path("me/delete-account/", data_views.delete_account, name="delete_account"),
    path("lender/applicants/", views.lender_list, name="lender_list"),
    path("lender/applicants.csv", views.lender_csv, name="lender_csv"),
    path("lender/applicants/<int:pk>/", views.lender_detail, name="lender_detail"),
    path("lender/population/", views.lender_population, name="lender_population"),
    path("lender/api/", views.lender_api, name="lender_api"),
]
