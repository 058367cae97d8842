"""Templates: Jinja2 with autoescaping on, and every shown string passed through
``visible_controls`` (bidi and invisible characters become visible escapes). Shared by the
pages and the HTML export; free of the web framework, so an export loads no server code.

Article data is never marked safe: the templates only ever print it through ``{{ }}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from quellenlage.dossier.safe_text import visible_controls

TEMPLATES = Path(__file__).parent / "templates"


def _shown(value: Any) -> Any:
    """What ``{{ value }}`` prints: strings with hidden controls made visible (before escaping).
    Markup is the output of a macro, whose own values went through here already."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return visible_controls(value)
    return value


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    finalize=_shown,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
