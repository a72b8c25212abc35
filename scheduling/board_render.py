"""The board's blocks as HTML, built in Python: a week of 2,000 visits is too many for template
loops to stay fast. The markup matches `_board_grid.html`; every value is escaped here."""

from django.utils.html import escape

from .selectors import Board


def _visit_block(block, visit_url: str, day_view: bool) -> str:
    classes = f"visit-block kind-{block.kind} vs-{block.status}"
    if block.movable:
        classes += " movable"
    if block.continued:
        classes += " continued"
    # Placed on the hour's cell by board.js (the page's CSP allows no inline style attribute).
    style = f' data-o="{block.offset}" data-s="{block.span}"' if day_view else ""
    flags = "".join(
        f'<i class="bi {check.icon} vb-flag" title="{check.label}" aria-label="{check.label}"></i>'
        for check in block.missing
    )
    permit = f'<span class="vb-permit">{escape(block.permit)}</span>' if block.permit else ""
    return (
        f'<a href="{visit_url}{block.visit_id}/" draggable="false" class="{classes}" '
        f'data-visit="{block.visit_id}"{style}><span class="vb-time">{escape(block.time_label)}</span> '
        f'<span class="vb-job">{escape(block.job_number)}</span>'
        f'<span class="vb-customer">{escape(block.customer)}</span>'
        f'<span class="vb-meta">{escape(block.city)} · {block.kind_label}</span>{permit}'
        f'<span class="vb-foot"><span class="vb-status">{block.status_label}</span>{flags}</span></a>'
    )


def _subcontractor_block(item: dict, job_url: str) -> str:
    notes = f" · {escape(item['notes'][:40])}" if item["notes"] else ""
    return (
        f'<a href="{job_url}{item["job_id"]}/" class="sub-block">'
        f'<span class="vb-time">{escape(item["time_label"])}</span> '
        f'<span class="vb-job">{escape(item["job_number"])}</span>'
        f'<span class="vb-customer">{escape(item["customer"])}</span>'
        f'<span class="vb-meta">{escape(item["city"])}{notes}</span></a>'
    )


def _cell(row_key: str, cell, inner: str) -> str:
    if cell.off:
        off = escape(cell.off)
        return (
            f'<div class="board-cell is-off" data-row="{row_key}" data-day="{cell.day}" data-hour="{cell.hour}" '
            f'title="{off}"><span class="off-label">{off}</span>{inner}</div>'
        )
    return f'<div class="board-cell" data-row="{row_key}" data-day="{cell.day}" data-hour="{cell.hour}">{inner}</div>'


def board_render_blocks(board: Board, *, visit_url: str, job_url: str) -> None:
    """Sets `row.html`: the row's cells with their blocks, ready for the grid template."""
    day_view = board.mode == "day"
    for row in board.rows:
        row.html = "".join(
            _cell(row.key, cell, "".join(_visit_block(block, visit_url, day_view) for block in cell.blocks))
            for cell in row.cells
        )
    for row in board.subcontractor_rows:
        row.html = "".join(
            '<div class="board-cell sub-cell">'
            + "".join(_subcontractor_block(item, job_url) for item in cell.blocks)
            + "</div>"
            for cell in row.cells
        )
