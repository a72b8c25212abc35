from django import forms

from installops.clock import company_today
from installops.forms import Form

from ..choices import PacketStatus
from ..models import PermitPacket

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PacketMailedForm(Form):
    """ "Mailed on": the day the office put the packet in the mail (today unless they say otherwise)."""

    RETURN_CHOICES = [("job", "The job page"), ("queue", "The packets to mail")]

    mailed_on = forms.DateField(label="Mailed on", required=False, widget=DATE_INPUT)
    return_to = forms.ChoiceField(choices=RETURN_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"mailed_on": company_today()})
        super().__init__(*args, **kwargs)

    def back_to_queue(self) -> bool:
        self.is_valid()
        return self.cleaned_data.get("return_to") == "queue"


class PacketsMailedForm(Form):
    """The packets checked on the packets-to-mail page, mailed together on one day."""

    packets = forms.ModelMultipleChoiceField(
        queryset=PermitPacket.objects.filter(status=PacketStatus.DONE, mailed_on__isnull=True),
        error_messages={"required": "Check the packets that went in the mail."},
    )
    mailed_on = forms.DateField(label="Mailed on", required=False, widget=DATE_INPUT)
