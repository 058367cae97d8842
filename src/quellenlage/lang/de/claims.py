"""Words that negate a statement or dispute one (contradiction detection; data only)."""

NEGATIONS = frozenset("kein keine keinen keinem keiner keines nicht nie niemals ohne".split())
DISPUTE_MARKERS = frozenset(
    """
bestreitet bestreiten bestritt bestritten dementiert dementierte dementierten dementieren lüge
lügen widersprach widersprachen widersprechen widerspricht zurückgewiesen zurückweisen
falschmeldung falschmeldungen
""".split()
)
