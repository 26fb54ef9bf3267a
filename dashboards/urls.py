from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("me/", views.applicant, name="applicant"),
    path("me/consent/", views.consent, name="consent"),
    path("me/score-again/", views.score_again, name="score_again"),
    path("me/delete/", views.delete_all, name="delete_all"),
    path("lender/applicants/", views.lender_list, name="lender_list"),
    path("lender/applicants.csv", views.lender_csv, name="lender_csv"),
    path("lender/applicants/<int:pk>/", views.lender_detail, name="lender_detail"),
    path("lender/population/", views.lender_population, name="lender_population"),
    path("lender/api/", views.lender_api, name="lender_api"),
]
