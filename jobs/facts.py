"""Facts other apps show in the job page's header and as columns of the job list ("Permit B24-0193").

An app above jobs registers a fact from its AppConfig.ready(): SQL expressions annotated on the job
(so the page's one query carries them, whatever the number of rows) and how their values read. The
job pages know nothing else about them. A fact is shown to whoever may open the job: register only
what every role may see (no fees, no prices).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class JobFact:
    name: str
    label: str  # the list's column heading
    annotate: Callable[[str], dict[str, Any]]  # the job's pk field name → {alias: expression}
    text: Callable[[dict[str, Any]], str]  # the annotated values by alias → the words shown; "" for none
    order: int
    keys: tuple[str, ...]  # the aliases `annotate` gives


JOB_FACTS: list[JobFact] = []


def register_job_fact(
    name: str,
    *,
    label: str,
    annotate: Callable[[str], dict[str, Any]],
    text: Callable[[dict[str, Any]], str],
    order: int = 100,
) -> None:
    """Show a fact on the job page and list (registering the same name again replaces it)."""
    fact = JobFact(name, label, annotate, text, order, tuple(annotate("pk")))
    facts = [existing for existing in JOB_FACTS if existing.name != name] + [fact]
    JOB_FACTS[:] = sorted(facts, key=lambda f: (f.order, f.name))


def _alias(fact: JobFact, key: str) -> str:
    return f"fact_{fact.name}_{key}"


def job_facts_annotate(jobs: QuerySet) -> QuerySet:
    """The jobs with every registered fact's values, in the same query."""
    annotations = {}
    for fact in JOB_FACTS:
        annotations.update({_alias(fact, key): expression for key, expression in fact.annotate("pk").items()})
    return jobs.annotate(**annotations) if annotations else jobs


def job_facts_for(job) -> list[tuple[JobFact, str]]:
    """(fact, its words) for a job loaded through `job_facts_annotate`, every fact in order."""
    found = []
    for fact in JOB_FACTS:
        if not all(hasattr(job, _alias(fact, key)) for key in fact.keys):
            found.append((fact, ""))  # loaded without the facts (a page that does not show them)
            continue
        found.append((fact, fact.text({key: getattr(job, _alias(fact, key)) for key in fact.keys})))
    return found
