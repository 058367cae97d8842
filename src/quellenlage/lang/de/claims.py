"""Words that negate a statement or dispute one (contradiction detection; data only)."""

NEGATIONS = frozenset("kein keine keinen keinem keiner keines nicht nie niemals ohne".split())
DISPUTE_MARKERS = frozenset(
    """
bestreitet bestreiten bestritt bestritten dementiert dementierte dementierten lüge
widersprach widersprechen widerspricht zurückgewiesen
""".split()
)
