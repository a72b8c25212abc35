from celery import shared_task

from .daily_runs import daily_tasks_catch_up


@shared_task
def daily_tasks_catch_up_task() -> str:
    """Every minute (beat): queue today's daily tasks that beat could not publish at their time."""
    queued = daily_tasks_catch_up()
    return f"caught up: {', '.join(queued)}" if queued else "nothing missed"
