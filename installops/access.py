"""Who may open a page: the one check every view in the project goes through.

Every view class takes `AccessControlMixin` and states its decision in class attributes:

    class JobEditView(AccessControlMixin, FormView):
        permission_required = "jobs.change_job"       # what the role must be allowed to do
        object_permission_required = "jobs.edit_job"  # a `rules` permission on the loaded object

        def get_object(self):                         # through a visibility selector
            return selectors.job_get_for_detail(user=self.request.user, pk=self.kwargs["pk"])

A request is checked in this order, before the view's own `get`/`post` runs:

1. `public = True`: nothing is checked. Only for pages that work without signing in (a customer's
   confirm link, sign-in itself); the class's docstring says why.
2. Anonymous visitors are sent to the sign-in page, which brings them back afterwards.
3. `permission_required`, one name or several (all needed): the model permissions the user's role
   group holds (`people/roles.py`), or a `rules` permission that needs no object. Without them:
   403. `SIGNED_IN` says that any signed-in person may open the page. Leaving it unset is an error.
4. `get_object()`, when the view has one, loads the page's object through the visibility selectors
   (`jobs.selectors.job_list_visible_to` and those built on it). `DoesNotExist` (or `Http404`)
   answers 404: what the user may not see does not exist for them. The object is `self.object`.
5. `object_permission_required`: a `rules` permission checked on `get_permission_object()` (the
   object by default), for actions that depend on the object (an open job, a movable visit): 403.

A denial calls `permission_denied()`, which raises `PermissionDenied` (the friendly 403 page); an
endpoint that answers in JSON overrides it. This module imports no app: apps import it.
"""

from collections.abc import Iterable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.views.generic.edit import BaseCreateView


class _SignedIn:
    def __repr__(self) -> str:
        return "SIGNED_IN"


# `permission_required = SIGNED_IN`: every signed-in person may open the page, whatever their role.
SIGNED_IN = _SignedIn()


class AccessControlMixin:
    """Sign-in, role permissions, object visibility and object rules, in one place (see the module)."""

    public: bool = False
    permission_required: str | Iterable[str] | _SignedIn | None = None
    object_permission_required: str | None = None

    def get_permission_required(self) -> tuple[str, ...]:
        """The permissions this page needs; an empty tuple for `SIGNED_IN`."""
        required = self.permission_required
        name = type(self).__name__
        if self.public:
            if required is not None or self.object_permission_required:
                raise ImproperlyConfigured(f"{name} is public: it cannot also require permissions.")
            return ()
        if required is SIGNED_IN:
            return ()
        if isinstance(required, str):
            required = (required,)
        required = tuple(required or ())
        if not required or not all(isinstance(permission, str) and "." in permission for permission in required):
            raise ImproperlyConfigured(
                f"{name} must say who may open it: permission_required = 'app.codename' (or several), "
                "SIGNED_IN, or public = True."
            )
        return required

    def loads_object(self) -> bool:
        """Whether the page has an object: it has `get_object()` (Django's create views have one, no object).

        Django's DetailView and UpdateView call `get_object()` again in `get()`; the project's views
        use TemplateView or FormView and `self.object` instead, so the object is loaded once.
        """
        return callable(getattr(self, "get_object", None)) and not isinstance(self, BaseCreateView)

    def get_permission_object(self):
        """What `object_permission_required` is checked on: the page's object unless a view says otherwise."""
        return self.object

    def permission_denied(self):
        raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        # A view that did not decide fails on its first request, whoever asks.
        required = self.get_permission_required()
        loads_object = self.loads_object()
        if self.object_permission_required and not loads_object:
            raise ImproperlyConfigured(f"{type(self).__name__} checks an object permission but has no get_object().")
        if self.public:
            return super().dispatch(request, *args, **kwargs)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.has_perms(required):
            return self.permission_denied()
        if loads_object:
            try:
                self.object = self.get_object()
            except ObjectDoesNotExist:
                raise Http404("Not found.") from None
        if self.object_permission_required and not user.has_perm(
            self.object_permission_required, self.get_permission_object()
        ):
            return self.permission_denied()
        return super().dispatch(request, *args, **kwargs)


def public(view):
    """Marks a view function from another package (Django's sign-in and sign-out) as public on purpose.

    The project's own public views say `public = True` on their class instead.
    """
    view.public = True
    return view
