"""Stage 3b: quotes with their speakers — direct speech in quotation marks (or without them after
"Er sagt:") and indirect speech (the Konjunktiv, "dass" after a verb of saying, "laut X",
"X zufolge", "nach Angaben von X") — found in an article's sentences, with offsets.

The speaker is the phrase next to a verb of saying ("…“, sagte Putins Berater Juri Uschakow"),
the subject of a relative or subordinate clause ("den X … als „…“ bezeichnet hatte"), or the
person an attribution names, in the same sentence or, for speech standing alone, the
neighbouring one. Reported speech continues over a passage in the Konjunktiv; a pronoun next to
a Konjunktiv I form ("lehne er … ab") is the person named last as a subject. A speaker is a
person, organisation, role or group: never an abstract noun phrase, an adverb or a conjunction.
A quotation that names nobody takes the speaker of a later quote that repeats it (a lead
quoting the body) or of a name in parentheses after it. A short quotation nobody is said to
utter, or a title in quotation marks, is a term (``find_terms``), not a quote. The word lists
are language data (``lang/de/speech.py``).

The parts, each using only the ones before it: ``common`` (quotes, speakers, the sentence read),
``marks`` (quotation marks), ``phrases`` (noun phrases and whom they name), ``speakers``
(attribution), ``reported`` (indirect speech) and ``find`` (the finder in order).
"""

from quellenlage.analyse.quotes.common import Quote, Speaker
from quellenlage.analyse.quotes.find import find_quotes, find_terms
from quellenlage.analyse.quotes.phrases import is_role, role_key

__all__ = ["Quote", "Speaker", "find_quotes", "find_terms", "is_role", "role_key"]
