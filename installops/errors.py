from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DomainError(Exception):
    """A business rule refused an action. Views show its message; it is never a 500.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> "DomainError":
        """The first field a model's validation refused, with its messages."""
        if hasattr(error, "error_dict"):
            field, messages = next(iter(error.message_dict.items()))
            return cls(" ".join(messages), field=None if field == NON_FIELD_ERRORS else field)
        return cls(" ".join(error.messages))


def full_clean_or_refuse(instance, **kwargs) -> None:
    """`instance.full_clean(**kwargs)` for a service: what it refuses is raised as a DomainError on the
    field it names, which the views show as a form error (never a 500)."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise DomainError.from_validation_error(error) from error
