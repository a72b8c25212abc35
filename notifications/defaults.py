"""The built-in wording of every message. After every migrate the missing ones are copied into
MessageTemplate rows, which the office edits in admin (an existing row is never overwritten); a
missing or inactive row falls back to this."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from .choices import Channel, MessageKind

K, C = MessageKind, Channel

DEFAULT_TEMPLATES: dict[tuple[str, str], tuple[str, str]] = {
    (K.CONFIRMATION, C.SMS): (
        "",
        "{{ company.name }}: your {{ job.get_kind_display|lower }} visit is {{ visit.starts_at|date:'l, M j' }}"
        "{% if arrival %}, arriving {{ arrival }}{% endif %}, at {{ site.street }}. "
        "Please confirm or ask for another day: {{ confirm_url }} Questions? {{ company.phone }}",
    ),
    (K.CONFIRMATION, C.EMAIL): (
        "Please confirm your appointment on {{ visit.starts_at|date:'l, F j' }}",
        """Hello {{ customer.name }},

This is {{ company.name }}. Your {{ job.get_kind_display|lower }} appointment is on \
{{ visit.starts_at|date:'l, F j' }}{% if arrival %}, with our crew arriving {{ arrival }}{% endif %}.

Address: {{ site.one_line }}
Job number: {{ job.number }}

Please confirm, or tell us you need another day, here:
{{ confirm_url }}

If anything has changed, call us at {{ company.phone }}.

Thank you,
{{ company.name }}
""",
    ),
    (K.VISIT_CHANGE, C.SMS): (
        "",
        "{{ company.name }}: your {{ job.get_kind_display|lower }} visit"
        "{% if was %} of {{ was|date:'l, M j' }}{% endif %} "
        "{% if called_off %}is {{ status_label }}. We will call you about it."
        "{% else %}has changed: it is now {{ visit.starts_at|date:'l, M j' }}"
        "{% if arrival %}, arriving {{ arrival }}{% else %} at {{ visit.starts_at|time:'g:i a' }}{% endif %}, "
        "at {{ site.street }}. Please confirm the new time: {{ confirm_url }}{% endif %} "
        "Questions? {{ company.phone }}",
    ),
    (K.VISIT_CHANGE, C.EMAIL): (
        "{% if called_off %}Your appointment{% if was %} on {{ was|date:'l, F j' }}{% endif %} is {{ status_label }}"
        "{% else %}Your appointment has changed: now {{ visit.starts_at|date:'l, F j' }}{% endif %}",
        """Hello {{ customer.name }},

This is {{ company.name }}. {% if called_off %}Your {{ job.get_kind_display|lower }} appointment\
{% if was %} on {{ was|date:'l, F j' }}{% endif %} is {{ status_label }}. We will call you about it.
{% else %}Your {{ job.get_kind_display|lower }} appointment has changed{% if was %} \
(it was {{ was|date:'l, F j, g:i a' }}){% endif %}.

It is now on {{ visit.starts_at|date:'l, F j' }}{% if arrival %}, with our crew arriving {{ arrival }}\
{% else %} at {{ visit.starts_at|time:'g:i a' }}{% endif %}.

Address: {{ site.one_line }}
Job number: {{ job.number }}

Please confirm the new time, or tell us you need another day, here:
{{ confirm_url }}
{% endif %}
If you have any questions, call us at {{ company.phone }}.

Thank you,
{{ company.name }}
""",
    ),
    (K.ON_MY_WAY, C.SMS): (
        "",
        "{{ company.name }}: {{ tech_name }} is on the way to {{ site.street }} now. Questions? {{ company.phone }}",
    ),
    (K.ON_MY_WAY, C.EMAIL): (
        "{{ tech_name }} is on the way",
        """Hello {{ customer.name }},

{{ tech_name }} from {{ company.name }} is on the way to {{ site.one_line }} now.

If you need to reach us, call {{ company.phone }}.
""",
    ),
    (K.PAGE_OUT, C.SMS): (
        "",
        "{{ company.name }} {{ for_date|date:'D M j' }}: "
        "{% with first=items.0 %}first call {{ first.visit.starts_at|time:'g:i a' }} {{ first.job.number }} "
        "{{ first.customer.name }}, {{ first.site.one_line }}{% endwith %}"
        "{% if items|length > 1 %} (+{{ items|length|add:'-1' }} more){% endif %}. "
        "Folder: {{ items.0.job_folder_url }} Tap to acknowledge: {{ acknowledge_url }}",
    ),
    (K.PAGE_OUT, C.EMAIL): (
        "Tomorrow, {{ for_date|date:'l, M j' }}: first call {{ items.0.visit.starts_at|time:'g:i a' }} "
        "{{ items.0.job.number }}",
        """{{ member_name }}, here is your work for {{ for_date|date:'l, F j' }}.

Acknowledge this page (one tap): {{ acknowledge_url }}
{% for item in items %}
{% if forloop.first %}FIRST CALL{% else %}NEXT{% endif %} — {{ item.visit.starts_at|time:'g:i a' }}\
{% if item.arrival %} (customer told {{ item.arrival }}){% endif %}
{{ item.job.number }} · {{ item.job.get_kind_display }} · {{ item.customer.name }}\
{% if item.customer.phone %} · {{ item.customer.phone }}{% endif %}
{{ item.site.one_line }}
{% if item.site.access_notes %}Access: {{ item.site.access_notes }}
{% endif %}{% if item.job.equipment_proposed %}Equipment: {{ item.job.equipment_proposed|linebreaksbr|cut:'<br>'|safe }}
{% endif %}{% if item.job.description %}Work: {{ item.job.description }}
{% endif %}{% if item.job.salesperson %}Sold by: {{ item.job.salesperson.get_full_name }}
{% endif %}Job folder: {{ item.job_folder_url }}
Sales paperwork and pictures: {{ item.paperwork_url }}
{% if item.service_history %}Service history of this customer:
{% for past in item.service_history %}  - {{ past.sold_on|date:'M j, Y' }} {{ past.number }} \
{{ past.get_kind_display }} ({{ past.get_status_display|lower }})\
{% if past.description %}: {{ past.description }}{% endif %}
{% endfor %}{% elif item.is_service_call %}Service history: no earlier jobs for this customer.
{% endif %}{% endfor %}
{{ company.name }} · {{ company.phone }}
""",
    ),
    (K.PAGE_UPDATE, C.SMS): (
        "",
        "{{ company.name }} CHANGED {{ for_date|date:'D M j' }}: "
        "{% if items %}{% with first=items.0 %}first call {{ first.visit.starts_at|time:'g:i a' }} "
        "{{ first.job.number }} "
        "{{ first.customer.name }}, {{ first.site.one_line }}{% endwith %}"
        "{% if items|length > 1 %} (+{{ items|length|add:'-1' }} more){% endif %}."
        "{% else %}nothing is booked for you that day now.{% endif %} "
        "Tap to acknowledge: {{ acknowledge_url }}",
    ),
    (K.PAGE_UPDATE, C.EMAIL): (
        "Changed: your day on {{ for_date|date:'l, M j' }}"
        "{% if items %}, first call {{ items.0.visit.starts_at|time:'g:i a' }} {{ items.0.job.number }}"
        "{% else %}, nothing booked{% endif %}",
        """{{ member_name }}, your work for {{ for_date|date:'l, F j' }} has changed. This is your day as it is now.

Acknowledge this update (one tap): {{ acknowledge_url }}
{% for item in items %}
{% if forloop.first %}FIRST CALL{% else %}NEXT{% endif %} — {{ item.visit.starts_at|time:'g:i a' }}\
{% if item.arrival %} (customer told {{ item.arrival }}){% endif %}
{{ item.job.number }} · {{ item.job.get_kind_display }} · {{ item.customer.name }}\
{% if item.customer.phone %} · {{ item.customer.phone }}{% endif %}
{{ item.site.one_line }}
{% if item.site.access_notes %}Access: {{ item.site.access_notes }}
{% endif %}Job folder: {{ item.job_folder_url }}
{% empty %}
Nothing is booked for you that day now.
{% endfor %}
{{ company.name }} · {{ company.phone }}
""",
    ),
    (K.PAGE_OUT_COPY, C.EMAIL): (
        "Copy: {{ job.number }} {{ customer.name }} is paged out for {{ for_date|date:'l, M j' }}",
        """For your information: your sale {{ job.number }} ({{ customer.name }}, {{ site.one_line }}) is \
booked for {{ visit.starts_at|date:'l, F j, g:i a' }} with {{ crew_names }}.

The crew has been paged with the job folder and the sales paperwork: {{ job_folder_url }}
If anything in the paperwork is missing, tell the office today.
""",
    ),
    (K.PAGE_ESCALATION, C.SMS): (
        "",
        "{{ company.name }}: {{ pages|length }} page{{ pages|length|pluralize }} for {{ for_date|date:'D M j' }} "
        "not acknowledged: {% for page in pages %}{{ page.employee }}{% if not forloop.last %}, {% endif %}"
        "{% endfor %}. {{ worklist_url }}",
    ),
    (K.PAGE_ESCALATION, C.EMAIL): (
        "{{ pages|length }} crew page{{ pages|length|pluralize }} for {{ for_date|date:'l, M j' }} not acknowledged",
        """These crew members have not acknowledged tomorrow's page:
{% for page in pages %}
  - {{ page.employee }}{% if page.crew %} ({{ page.crew }}){% endif %}{% if page.employee.phone %} · \
{{ page.employee.phone }}{% endif %}{% endfor %}

Please call them. The page-out list: {{ worklist_url }}
""",
    ),
    (K.PERMIT_DIGEST, C.EMAIL): (
        "Follow-up for {{ for_date|date:'l, M j' }}: {{ lines|length }} item{{ lines|length|pluralize }}",
        """Good morning{% if admin_name %} {{ admin_name }}{% endif %},

Permits, inspections, HERS and Title 24 paperwork waiting on the office, oldest first:
{% for line in lines %}
  - {{ line.job_number }} {{ line.customer_name }} · {{ line.kind_label }}, {{ line.age_days }} \
day{{ line.age_days|pluralize }}: {{ line.what }}
    {{ line.url }}{% endfor %}

The whole list: {{ follow_up_url }}
""",
    ),
    (K.INVOICE, C.EMAIL): (
        "Your {{ kind_label }} {{ number }} from {{ company.name }}",
        """Dear {{ customer_name }},

Attached is your {{ kind_label }} {{ number }} of {{ invoice_date|date:'F j, Y' }} for {{ total }}.\
{% if not is_credit_note %} It is due by {{ due_date|date:'F j, Y' }}.{% endif %}

Questions about it? Call us at {{ company.phone }}.

Thank you for choosing {{ company.name }}.
""",
    ),
    (K.WARRANTY_DIGEST, C.EMAIL): (
        "Warranty registrations for {{ for_date|date:'l, M j' }}: {{ lines|length }} unit{{ lines|length|pluralize }}",
        """Good morning{% if first_name %} {{ first_name }}{% endif %},

Installed units to register with their manufacturer (overdue first, then due within {{ within_days }} days):
{% for line in lines %}
  - {{ line.job_number }} {{ line.customer_name }} · {{ line.unit }}: \
{% if line.overdue %}{{ line.days }} day{{ line.days|pluralize }} overdue{% else %}due {{ line.due_on|date:'M j' }}\
{% endif %}{% endfor %}{% if more %}
  … and {{ more }} more.{% endif %}

Register them: {{ warranty_list_url }}
""",
    ),
}


def message_templates_create_missing(apps=global_apps, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """One MessageTemplate per kind and channel, from the wording above, for those not there yet."""
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for (kind, channel), (subject, body) in DEFAULT_TEMPLATES.items():
        MessageTemplate.objects.using(using).get_or_create(
            kind=kind, channel=channel, defaults={"subject": subject, "body": body}
        )


def message_templates_after_migrate(sender, *, apps=global_apps, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    message_templates_create_missing(apps, using=using)
