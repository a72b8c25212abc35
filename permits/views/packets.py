"""The permit packet: the job page's panel (make, download, print, record mailed) and the packets to mail."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from installops.access import AccessControlMixin
from installops.downloads import stored_file_response
from installops.errors import DomainError
from installops.forms import DownloadForm
from jobs import selectors as job_selectors
from jobs.models import Job

from .. import selectors, services
from ..choices import NUMBERED_PERMIT_STATUSES, PacketStatus
from ..forms.packets import PacketMailedForm, PacketsMailedForm
from ..models import PermitPacket

PRINT_PERMISSIONS = ("permits.change_permitpacket", "installops.add_printjob")


def visible_job(view) -> Job:
    return job_selectors.job_list_visible_to(view.request.user).get(pk=view.kwargs["pk"])


def visible_packet(view) -> PermitPacket:
    return selectors.permit_packet_get_visible(user=view.request.user, pk=view.kwargs["packet_pk"])


def packet_panel_context(request, job: Job, *, mailed_form: PacketMailedForm | None = None, error: str = "") -> dict:
    user = request.user
    permit = selectors.permit_get_live(job=job)
    packet = selectors.permit_packet_latest(permit=permit) if permit else None
    return {
        "job": job,
        "permit": permit,
        "permit_issued": permit is not None and permit.status in NUMBERED_PERMIT_STATUSES,
        "packet": packet,
        "polling": packet is not None and packet.status in (PacketStatus.QUEUED, PacketStatus.RENDERING),
        "can_make": user.has_perm("permits.add_permitpacket"),
        "can_print": user.has_perms(PRINT_PERMISSIONS),
        "can_mail": user.has_perm("permits.change_permitpacket"),
        "mailed_form": mailed_form or PacketMailedForm(),
        "error": error,
    }


def _panel(request, job: Job, **kwargs):
    return render(request, "permits/packets/_packet_panel.html", packet_panel_context(request, job, **kwargs))


class PermitPacketPanelView(AccessControlMixin, View):
    """The job page's side panel: the permit packet's state and what the office can do with it."""

    permission_required = "permits.view_permitpacket"
    get_object = visible_job

    def get(self, request, *args, **kwargs):
        return _panel(request, self.object)


class PermitPacketRequestView(AccessControlMixin, View):
    """ "Make packet": queue (or reuse) the packet PDF of the job's issued permit."""

    permission_required = "permits.add_permitpacket"
    get_object = visible_job

    def post(self, request, *args, **kwargs):
        job = self.object
        permit = selectors.permit_get_live(job=job)
        error = ""
        try:
            if permit is None:
                raise DomainError("This job has no permit yet.")
            services.permit_packet_request(permit=permit, by=request.user)
        except DomainError as refusal:
            error = refusal.message
        if request.htmx:
            return _panel(request, job, error=error)
        if error:
            messages.error(request, error)
        else:
            messages.info(request, "The permit packet will be ready shortly.")
        return redirect(job)


class PermitPacketDownloadView(AccessControlMixin, View):
    permission_required = "permits.view_permitpacket"
    get_object = visible_packet

    def get(self, request, *args, **kwargs):
        packet = self.object
        if packet.status != PacketStatus.DONE:
            raise Http404("That packet is not ready.")
        return stored_file_response(
            packet.file,
            content_type="application/pdf",
            download_name=f"{packet.permit.job.number}-permit-packet.pdf",
            as_attachment=DownloadForm(request.GET).as_attachment(),
        )


class PermitPacketPrintView(AccessControlMixin, View):
    """ "Print": send the made packet to the office's printer."""

    permission_required = PRINT_PERMISSIONS
    get_object = visible_packet

    def post(self, request, *args, **kwargs):
        packet = self.object
        error = ""
        try:
            services.permit_packet_print(packet=packet, by=request.user)
        except DomainError as refusal:
            error = refusal.message
        if request.htmx:
            return _panel(request, packet.permit.job, error=error)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, f"Permit packet {packet.permit.number} sent to the printer.")
        return redirect(packet.permit.job)


class PermitPacketMailedView(AccessControlMixin, View):
    """ "Mailed on": the office records the day the packet went in the mail."""

    permission_required = "permits.change_permitpacket"
    get_object = visible_packet

    def post(self, request, *args, **kwargs):
        packet = self.object
        job = packet.permit.job
        form = PacketMailedForm(request.POST)
        back_to_queue = form.back_to_queue()
        if form.is_valid():
            try:
                services.permit_packet_record_mailed(
                    packet=packet, by=request.user, mailed_on=form.cleaned_data["mailed_on"]
                )
            except DomainError as refusal:
                form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        if request.htmx and not back_to_queue:
            return _panel(request, job, mailed_form=form if form.errors else None)
        if form.errors:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, f"Permit packet {packet.permit.number}: {error}")
        else:
            messages.success(request, f"Permit packet {packet.permit.number} recorded as mailed.")
        return redirect(reverse("permits:packet_queue") if back_to_queue else job.get_absolute_url())


class PermitPacketQueueView(AccessControlMixin, TemplateView):
    """The packets to mail: made and not mailed, oldest first, to print in one go and mark mailed."""

    permission_required = "permits.view_permitpacket"
    template_name = "permits/packets/packet_queue.html"

    def get_context_data(self, **kwargs):
        packets, total = selectors.permit_packet_queue()
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "packets": packets,
            "total": total,
            "more": total - len(packets),
            "can_print": user.has_perms(PRINT_PERMISSIONS),
            "can_mail": user.has_perm("permits.change_permitpacket"),
            "mailed_form": PacketMailedForm(),
        }


class PermitPacketQueuePrintView(AccessControlMixin, View):
    """ "Print all": every packet on the page, oldest first, to the office's printer."""

    permission_required = PRINT_PERMISSIONS

    def post(self, request, *args, **kwargs):
        packets, total = selectors.permit_packet_queue()
        print_jobs = services.permit_packets_print(packets=packets, by=request.user)
        if print_jobs:
            messages.success(request, f"{len(print_jobs)} packet(s) sent to the printer, oldest first.")
        else:
            messages.info(request, "Nothing new to print: these packets are already on their way to the printer.")
        if total > len(packets):
            messages.info(request, f"{total - len(packets)} more wait after these: print again once they are out.")
        return redirect("permits:packet_queue")


class PermitPacketQueueMailedView(AccessControlMixin, View):
    """ "Mark checked mailed": the packets checked on the page went in the mail on one day."""

    permission_required = "permits.change_permitpacket"

    def post(self, request, *args, **kwargs):
        form = PacketsMailedForm(request.POST)
        if form.is_valid():
            try:
                count = services.permit_packets_record_mailed(
                    packets=list(form.cleaned_data["packets"]),
                    by=request.user,
                    mailed_on=form.cleaned_data["mailed_on"],
                )
            except DomainError as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(request, f"{count} packet(s) recorded as mailed.")
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect("permits:packet_queue")
