"""German reported speech: verbs of saying, attribution phrases, Konjunktiv I forms, role
words and pronouns. Data only; ``analyse.quotes`` uses it."""

# Finite forms that introduce or close a quotation ("…“, sagte sie.; Er erklärte: „…“).
SPEECH_VERBS = frozenset(
    """
sagte sagten sagt sagen erklärte erklärten erklärt betonte betonten betont fügte fügten
schrieb schrieben schreibt meinte meinten meint warnte warnt kritisierte kritisiert
forderte fordert teilte teilten berichtete berichteten berichtet kündigte nannte nannten
nennt bezeichnete bezeichneten sprach sprachen räumte versicherte bekräftigte behauptete
behaupten behauptet äußerte antwortete ergänzte unterstrich zitierte twitterte postete
bestätigte dementierte bestreitet bestreiten mahnte verkündete verkündeten
drohte lobte hieß heißt gab zeigte versprach versprachen verspricht riet
begrüßte begrüßten forderten kritisierten warnten
""".split()
)

# Attribution without a verb: "so Uschakow", "laut Kreml", "Uschakow zufolge".
ATTRIBUTION_BEFORE_NAME = frozenset({"so", "laut", "zufolge"})

# Konjunktiv I: marks indirect speech, also in a sentence that continues reported speech.
SUBJUNCTIVE = frozenset(
    """
sei seien seiest habe gebe werde könne müsse solle wolle dürfe möge wisse liege stehe
komme gehe bleibe hänge trage sehe
""".split()
)

# Konjunktiv II: also conditional, so it marks indirect speech only next to an attribution.
SUBJUNCTIVE_II = frozenset("hätte hätten wäre wären würde würden gäbe könnte könnten".split())

# Words for roles and functions; compounds ending in them ("Nato-Generalsekretär") count too.
ROLE_WORDS = frozenset(
    """
berater beraterin sprecher sprecherin pressesprecher pressesprecherin präsident präsidentin
minister ministerin außenminister außenministerin kanzler kanzlerin chef chefin kremlchef
portal zeitung sender medien agentur magazin blatt institut angaben umfrage worten
berichten informationen einschätzung kämmerer stadtkämmerer innenministerin
dezernent dezernentin direktor direktorin leiter leiterin trainer trainerin kapitän landrat
landrätin
generalsekretär generalsekretärin sondergesandte sondergesandter gesandte gesandter
unterhändler unterhändlerin botschafter botschafterin analyst analystin kommentator
kommentatorin historiker historikerin bürgermeister bürgermeisterin oberbürgermeisterin
oberbürgermeister diktator general armeegeneral vorsitzende vorsitzender abgeordnete
abgeordneter senator senatorin delegation regierung verwaltung stadt ministerium
""".split()
)

PRONOUNS = frozenset({"er", "sie", "ihm", "ihr", "ihn", "dieser", "diese"})

# Adverbs between the verb and the speaker ("sagte dagegen Uschakow"): skipped.
SKIPPED_ADVERBS = frozenset("dagegen auch noch weiter zudem jedoch aber bereits ebenfalls".split())

# Determiners that open an object after the speaker ("bekräftigte Putin seine Behauptung").
DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer sein seine seinen ihr ihre ihren diese
    dieser dieses diesen jene alle allen aller viele vielen einige einigen manche beide beiden
    kein keine keinen""".split()
)

# Indefinite determiners: "ein Sprecher" is someone not named before.
INDEFINITE = frozenset("ein eine einer einem einen".split())

# Words that end the speaker phrase after a verb ("sagte X nach den Verhandlungen").
PHRASE_STOPS = frozenset(
    """
nach am an auf aus bei gegenüber im in mit vor vom von zu zum zur über unter während
hinzu neulich zuvor später kurz dann damals und oder dass ob wie als
""".split()
)

# Articles after which a capitalised run names an organisation or place, not the speaker
# ("die Pressesprecherin des Weißen Hauses").
GENITIVE_ARTICLES = frozenset({"des", "der", "dem", "den"})
