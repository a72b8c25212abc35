"""Taking a file out of the folder locks it: two people removing it at once record one removal."""

import pytest

from jobs.models import Document
from jobs.services import document_remove
from tests.concurrency import two_at_once
from tests.jobs.factories import JobFactory, UserFactory
from tests.jobs.files import add_document, image_bytes


@pytest.mark.django_db(transaction=True)
def test_two_removals_at_once_record_one(coordinator):
    document = add_document(JobFactory(), "pictures", image_bytes(), "attic.jpg", by=coordinator)
    colleague = UserFactory(username="rosa")
    # Each request loads its own copy; the colleague's is loaded before the first removal: still in the folder.
    colleague_copy = Document.objects.get(pk=document.pk)

    def remove_mine():
        return document_remove(document=Document.objects.get(pk=document.pk), by=coordinator)

    outcomes = two_at_once(remove_mine, lambda: document_remove(document=colleague_copy, by=colleague))

    assert all(isinstance(outcome, Document) for outcome in outcomes.values()), outcomes
    document.refresh_from_db()
    assert document.removed_by == coordinator
    removals = document.history.filter(history_change_reason="Removed from the folder")
    assert removals.count() == 1
