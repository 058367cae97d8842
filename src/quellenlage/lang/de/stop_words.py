"""Frequent German function words: language guessing and TF-IDF stop list."""

STOP_WORDS = frozenset(
    """
aber als am an auch auf aus bei beim bis bereits da damit dann das dass dem den denen der des
dessen die dies diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer
eines er es für gegen gewesen hat hatte hatten haben hier ich ihm ihn ihnen ihr ihre im in
ist ja jedoch jetzt kann kein keine keinen man mehr mit muss nach nicht noch nun nur ob oder
ohne schon sehr sei seien sein seine seiner seit sich sie sind so soll sollen sowie über um
und uns unter vom von vor war waren was weil wenn wer werden wie wieder wir wird wurde wurden
zu zum zur zwischen
""".split()
)
