from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views import View


class HomeView(LoginRequiredMixin, View):
    """Sends each person to the page they start their day on."""

    def get(self, request):
        return redirect("jobs:job_list")
