"""Every write of billing. One module per concern; the public functions are re-exported here.

collections    the collection log: contacts with a customer about their balance, promises to pay
"""

from .collections import collection_note_add

__all__ = [
    "collection_note_add",
]
