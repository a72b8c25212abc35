"""Permissions of the project's own pages (the `rules` package; no permission rows)."""

import rules

# The system status page: office coordinators (the admin office is one) and superusers.
rules.add_perm("installops.view_system_status", rules.is_group_member("coordinator") | rules.is_superuser)
