"""The follow-up list's filter."""

from django import forms

from installops.forms import Form

from ..choices import FollowUpKind


class FollowUpFilterForm(Form):
    kind = forms.ChoiceField(required=False, choices=[("", "Every kind"), *FollowUpKind.choices])
