"""Two requests at once, for the tests of what the services lock: each on its own database connection."""

import threading
import time

from django.db import connection, transaction


def two_at_once(first_call, second_call) -> dict[str, object]:
    """Run `first_call` in a transaction held open for a moment while `second_call` runs beside it.

    Returns {"first": ..., "second": ...}: what each returned, or the exception it raised. The second
    starts once the first has done its work but before it commits, the way two people's clicks overlap.
    """
    first_done = threading.Event()
    outcomes: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                outcomes["first"] = first_call()
                first_done.set()
                time.sleep(0.5)  # not committed yet while the second one runs
        except Exception as error:
            outcomes["first"] = error
        finally:
            first_done.set()
            connection.close()

    def second() -> None:
        try:
            first_done.wait(timeout=10)
            outcomes["second"] = second_call()
        except Exception as error:
            outcomes["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
