"""German quotation marks: „…“ (and ‚…‘), »…« / «…», and straight quotes."""

QUOTE_PAIRS = (("„", "“"), ("„", "”"), ("»", "«"), ("«", "»"), ("‚", "‘"), ('"', '"'))
