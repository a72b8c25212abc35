import factory

from people.choices import EmployeeRole
from people.models import Employee
from tests.jobs.factories import UserFactory


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    role = EmployeeRole.INSTALLER
    phone = "(559) 555-0100"
