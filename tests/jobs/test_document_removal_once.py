"""Taking a file out of the folder locks it: two people removing it at once record one removal."""

import threading
import time

import pytest
from django.db import connection, transaction

from jobs.models import Document
from jobs.services import document_remove
from tests.jobs.factories import JobFactory, UserFactory
from tests.jobs.files import add_document, image_bytes


@pytest.mark.django_db(transaction=True)
def test_two_removals_at_once_record_one(coordinator):
    document = add_document(JobFactory(), "pictures", image_bytes(), "attic.jpg", by=coordinator)
    colleague = UserFactory(username="rosa")
    first_removed = threading.Event()
    outcomes: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                mine = Document.objects.get(pk=document.pk)  # each request loads its own copy
                outcomes["first"] = document_remove(document=mine, by=coordinator)
                first_removed.set()
                time.sleep(0.5)  # not committed yet while the colleague removes it too
        except Exception as error:
            outcomes["first"] = error
        finally:
            first_removed.set()
            connection.close()

    def second() -> None:
        try:
            mine = Document.objects.get(pk=document.pk)  # loaded before the first removal: still in the folder
            first_removed.wait(timeout=10)
            outcomes["second"] = document_remove(document=mine, by=colleague)
        except Exception as error:
            outcomes["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert all(isinstance(outcome, Document) for outcome in outcomes.values()), outcomes
    document.refresh_from_db()
    assert document.removed_by == coordinator
    removals = document.history.filter(history_change_reason="Removed from the folder")
    assert removals.count() == 1
