"""Where a customer or a member of staff gets messages on each channel, or why they cannot."""

from jobs.models import Customer
from people.models import Employee

from ..choices import Channel, SkipReason
from ..sms import phone_to_e164


def customer_address(customer: Customer, channel: str) -> tuple[str, str]:
    """(address, skip reason): where this customer gets messages on that channel, or why not."""
    if channel == Channel.SMS:
        if customer.sms_opt_out:
            return "", SkipReason.SMS_OPT_OUT
        numbers = [number for number in (customer.phone, customer.alt_phone) if number.strip()]
        if not numbers:
            return "", SkipReason.NO_PHONE
        for number in numbers:
            e164 = phone_to_e164(number)
            if e164:
                return e164, ""
        return numbers[0], SkipReason.INVALID_NUMBER
    if customer.email_opt_out:
        return "", SkipReason.EMAIL_OPT_OUT
    if not customer.email.strip():
        return "", SkipReason.NO_EMAIL
    return customer.email.strip(), ""


def employee_address(employee: Employee, channel: str) -> tuple[str, str]:
    if channel == Channel.SMS:
        if not employee.phone.strip():
            return "", SkipReason.NO_PHONE
        e164 = phone_to_e164(employee.phone)
        return (e164, "") if e164 else (employee.phone, SkipReason.INVALID_NUMBER)
    if not employee.user.email.strip():
        return "", SkipReason.NO_EMAIL
    return employee.user.email.strip(), ""
