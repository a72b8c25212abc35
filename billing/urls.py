from django.urls import path

from .views import agreements, rebates, warranties

app_name = "billing"

urlpatterns = [
    # rebates
    path("rebates/", rebates.RebateListView.as_view(), name="rebate_list"),
    path("jobs/<int:pk>/rebates/", rebates.JobRebatesPanelView.as_view(), name="job_rebates"),
    path("jobs/<int:pk>/rebates/open/", rebates.RebateOpenView.as_view(), name="rebate_open"),
    path("rebates/<int:pk>/submit/", rebates.RebateSubmitView.as_view(), name="rebate_submit"),
    path("rebates/<int:pk>/approve/", rebates.RebateApproveView.as_view(), name="rebate_approve"),
    path("rebates/<int:pk>/deny/", rebates.RebateDenyView.as_view(), name="rebate_deny"),
    path("rebates/<int:pk>/paid/", rebates.RebatePaidView.as_view(), name="rebate_paid"),
    # warranty registrations
    path("warranties/", warranties.WarrantyListView.as_view(), name="warranty_list"),
    path("jobs/<int:pk>/warranties/", warranties.JobWarrantiesPanelView.as_view(), name="job_warranties"),
    path("warranties/units/<int:pk>/register/", warranties.WarrantyRegisterView.as_view(), name="warranty_register"),
    # maintenance agreements
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/<int:pk>/", agreements.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/new/job/<int:pk>/", agreements.AgreementEnterView.as_view(), name="agreement_enter"),
    path(
        "agreements/new/customer/<int:pk>/",
        agreements.AgreementEnterForCustomerView.as_view(),
        name="agreement_enter_for_customer",
    ),
    path("agreements/<int:pk>/renew/", agreements.AgreementRenewView.as_view(), name="agreement_renew"),
    path("agreements/<int:pk>/cancel/", agreements.AgreementCancelView.as_view(), name="agreement_cancel"),
    path("jobs/<int:pk>/agreements/", agreements.JobAgreementsPanelView.as_view(), name="job_agreements"),
]
