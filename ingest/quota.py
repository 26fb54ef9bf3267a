"""How much an applicant may keep with us across all their sources (``UPLOAD_QUOTA_BYTES``),
as plain arithmetic and the sentences that say so."""
from __future__ import annotations


def human_size(n: int) -> str:
    if n >= 1024**3:
        return f"{n / 1024**3:,.1f} GB"
    if n >= 1024**2:
        return f"{n / 1024**2:,.1f} MB"
    return f"{max(1, round(n / 1024)):,} KB"


def quota_refusal(*, used: int, incoming: int, quota: int) -> str | None:
    """``None`` when ``incoming`` bytes fit beside ``used`` ones, else the sentence saying not."""
    if used + incoming <= quota:
        return None
    return (
        f"This upload would take the data you keep with us past your limit of {human_size(quota)} "
        f"({human_size(used)} already stored, {human_size(incoming)} in this file). "
        "Delete a source you no longer need, or upload a smaller export."
    )


def images_cut_warning(kept: int) -> str:
    were = "image was" if kept == 1 else "images were"
    return f"Only {kept:,} {were} kept for analysis: the rest would take your stored data past your limit."
