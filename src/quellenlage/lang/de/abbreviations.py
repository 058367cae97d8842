"""German abbreviations that end in a dot and never end a sentence by themselves."""

ABBREVIATIONS = frozenset(
    """
abs. abt. allg. bspw. bzgl. bzw. ca. co. d.h. dipl. dr. etc. evtl. exkl. frl. geb. gem. ggf.
hr. hrsg. i.a. inkl. jh. jr. kap. lt. max. min. mio. mrd. nr. o.ä. prof. rd. s. sen. sog.
st. str. tel. u. u.a. u.ä. usw. v. vgl. vs. z. z.b. z.t. zzgl. b. a. ä. t. h. mag. ing. gen.
oberst. hl. bd. jan. feb. febr. mär. apr. jun. jul. aug. sep. sept. okt. nov. dez.
""".split()
)
