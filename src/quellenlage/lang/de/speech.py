"""German reported speech: verbs of saying, attribution phrases, Konjunktiv I forms, role
words and pronouns. Data only; ``analyse.quotes`` uses it."""

# Finite forms and participles ("den X als „…“ bezeichnet hatte") that introduce or close a
# quotation ("…“, sagte sie.; Er erklärte: „…“).
SPEECH_VERBS = frozenset(
    """
sagte sagten sagt sagen erklärte erklärten erklärt betonte betonten betont fügte fügten schrieb
schrieben schreibt meinte meinten meint warnte warnt kritisierte kritisiert forderte fordert
teilte teilten berichtete berichteten berichtet kündigte nannte nannten nennt bezeichnete
bezeichneten sprach sprachen räumte versicherte bekräftigte behauptete behaupten behauptet
äußerte antwortete ergänzte unterstrich zitierte twitterte postete bestätigte dementierte
bestreitet bestreiten mahnte verkündete verkündeten drohte lobte hieß heißt gab zeigte
versprach versprachen verspricht riet begrüßte begrüßten forderten kritisierten warnten
mitteilte mitteilten teilt sagen erklären betonen warf warfen wirft wies wiesen weist hob hoben
hebt verwies verweist entgegnete erwiderte widersprach argumentierte schilderte beschrieb
beklagte bemängelte monierte bilanzierte verriet gestand unterstrichen ergänzten räumten
kündigten bestätigten dementierten gesagt erklärt betont bezeichnet genannt angekündigt
mitgeteilt berichtet gewarnt kritisiert gefordert versichert bestätigt behauptet geäußert
geschrieben gesprochen dementiert erzählte erzählten erzählt erzählen zitiert titelte titelten
titelt argumentieren argumentiert beschreibt schildert klagt klagte klagten lobt lobten verrät
gesteht ergänzt appellierte appelliert schwärmte schwärmt resümierte resümiert kommentierte
kommentiert antwortet entgegnet erwidert widerspricht unterstreicht bekräftigt beteuerte
beteuert meldete meldet jubelte jubelt schimpfte schimpft urteilte urteilt prophezeite fragte
fragt räumt fügt mahnt verkündet begründet begründete begründeten rechtfertigt rechtfertigte
""".split()
)

# Nouns of a source's statement ("nach Angaben von X", "nach den Worten des X", "nach
# Kreml-Angaben", "so die Aussage des X", "In dem X-Bericht hieß es"): the phrase names who
# said it.
REPORT_NOUNS = frozenset(
    """angaben worten informationen einschätzung aussage aussagen darstellung ansicht
    auffassung meinung berichten bericht erklärung mitteilung stellungnahme aussendung
    kommentar antwort fazit reaktion""".split()
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
dezernent dezernentin direktor direktorin leiter leiterin trainer trainerin kapitän kapitänin
landrat
landrätin
opposition kommission koalition fraktion redaktion organisation führung stiftung vereinigung
bewegung leitung vertretung polizei feuerwehr partei gewerkschaft staatsanwaltschaft gericht
verband behörde kämmerin gutachter gutachterin statiker statikerin schulleiter schulleiterin
generalsekretär generalsekretärin sondergesandte sondergesandter gesandte gesandter
unterhändler unterhändlerin botschafter botschafterin analyst analystin kommentator
kommentatorin historiker historikerin bürgermeister bürgermeisterin oberbürgermeisterin
oberbürgermeister diktator general armeegeneral vorsitzende vorsitzender abgeordnete
abgeordneter senator senatorin delegation regierung verwaltung stadt ministerium
zeuge zeugin
experte expertin professor professorin forscher forscherin wissenschaftler
wissenschaftlerin autor autorin anwalt anwältin ermittler ermittlerin verteidiger
verteidigerin manager managerin gründer gründerin vorstand geschäftsführer
geschäftsführerin unternehmer unternehmerin moderator moderatorin journalist journalistin
regisseur regisseurin spieler spielerin sänger sängerin intendant intendantin pfarrer
pfarrerin bischof papst kommissar kommissarin polizist polizistin beamter beamtin politiker
politikerin aktivist aktivistin mitarbeiter mitarbeiterin vertreter vertreterin kritiker
kritikerin ökonom ökonomin hauptmann hauptfrau promoter stürmer torhüter nachbar nachbarin
anwohner anwohnerin
""".split()
)

# Pronouns that refer to someone named before; "sich" too ("sagte X, der sich …" opens a
# relative clause, not what X said).
PRONOUNS = frozenset({"er", "sie", "ihm", "ihr", "ihn", "dieser", "diese", "sich"})

# Subject pronouns of the third person singular: next to a Konjunktiv I form ("lehne er …
# ab", "Er habe …") they mark reported speech of the person named before.
SUBJECT_PRONOUNS = frozenset({"er", "sie", "es", "man"})

# Pronouns of the speaker himself: a sentence with them continues unmarked direct speech.
FIRST_PERSON = frozenset(
    """ich mich mir mein meine meinen meinem meiner wir uns unser unsere unseren unserem
    unserer""".split()
)

# Determiners that never open a subject (accusative or dative only): "nannte den Zustand".
OBJECT_DETERMINERS = frozenset(
    "den dem einen einem diesen diesem seinen seinem ihren ihrem keinen keinem".split()
)

# Words ending in -e that are not verbs, so they never read as a Konjunktiv I form.
NOT_VERBS_IN_E = frozenset(
    """gerne heute lange gerade beinahe alleine ohne bitte danke nahe ebenfalls hierzulande
    bislang solange sobald ehe beide wurde""".split()
)

# Derivational endings of abstract nouns ("Darstellung-en", "Frei-heit", "Ergebnis"): such a
# phrase is what is said, never who says it (organisations among them are ROLE_WORDS).
ABSTRACT_ENDINGS = (
    "ungen",
    "ung",
    "heiten",
    "heit",
    "keiten",
    "keit",
    "nisse",
    "nis",
    "ismus",
    "itäten",
    "ität",
    "ionen",
    "ion",
    "schaften",
)

# Words that open a verb-final clause whose subject follows them ("den Putin … bezeichnet
# hatte", "wie der Kreml mitteilte").
RELATIVE_PRONOUNS = frozenset(
    "der die das den dem denen dessen deren welcher welche welches welchen welchem".split()
)
SUBORDINATORS = frozenset("wie als dass nachdem weil da ob während wenn obwohl bevor".split())

# A clause after "sagte X," that starts with one of these is not what X said (nor a question:
# "sagen, was er will"); a Konjunktiv in such a clause ("…, weil er … hätte") reports nothing.
# The gender a person noun before a name gives that person ("Sprecherin X", "Sprecher X"),
# honorifics ("Frau X") and the gender a pronoun refers to ("Kanzlerin X … sagte er" is not
# her). Nouns in -e ("Vorsitzende") are either.
GENDERED_ENDINGS = (("f", ("in",)), ("m", ("er", "or", "ent", "ist", "ant", "eur", "chef")))
HONORIFICS = (("frau", "f"), ("herr", "m"), ("herrn", "m"))
PRONOUN_GENDERS = (("er", "m"), ("ihm", "m"), ("ihn", "m"), ("sie", "f"))
ARTICLE_GENDERS = (("der", "m"), ("die", "f"))  # of an epithet: "der 33-Jährige"

# Possessive determiners of the third person: "Ihr Kommentar: „…“" is the owner's speech.
POSSESSIVES = frozenset("sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer".split())

# Auxiliaries of the perfect and the passive: "…, hatte ein Sprecher gesagt", "…, wird X
# zitiert" close what was said.
AUXILIARIES = frozenset("hat hatte habe hätte haben hatten hätten wird wurde".split())

# Conjunctions that join a main clause: "Die Kinder dürfen erzählen, aber sie müssen nicht"
# reports nothing after the comma.
COORDINATORS = frozenset("aber sondern und oder denn doch".split())

NOT_REPORTED_OPENERS = frozenset(
    """obwohl weil wenn um ohne nachdem da als bevor damit während sodass sofern falls indem
    anstatt statt sobald seit seitdem bis wodurch weshalb was wer wo warum wann wieso ob
    wie sollte sollten hätte hätten wäre wären würde würden""".split()
)

# "Das teilte X mit": the demonstrative points back to the sentence before as X's words.
BACK_POINTERS = frozenset({"das", "dies"})

# Adverbs and conjunctions that start sentences and are never part of a name ("So", "Nun").
FUNCTION_WORDS = frozenset(
    """so nun wenn doch dann da daher deshalb deswegen trotzdem allerdings außerdem zudem
    jedenfalls immerhin zwar also nämlich damals inzwischen unterdessen dabei darum danach
    zuvor zunächst schließlich später heute gestern morgen bisher bislang erst auch noch
    aber und oder denn sondern weil dass ob als wie wo was wer warum hier dort es das dies
    man auch sogar jedoch dennoch vielmehr ebenso folglich zuletzt demnach morgens abends
    nachts mittags anfangs besonders bereits dazu erneut daraufhin darauf dafür hierzu
    zugleich gleichzeitig ebenfalls wiederum indes derweil jetzt anschließend ferner
    überdies stattdessen einmal erstmals nochmals""".split()
)

# Nouns that name a work, a list or a plan: a quotation right after them is its title
# ("die Initiative „…“", "der Roman „…“"), compounds ending in them too.
TITLE_NOUNS = frozenset(
    """buch roman oper zeitung film titel motto stück lied album serie sendung magazin
    zeitschrift blatt initiative programm operation projekt kampagne gesetz plan liste
    aktion kolumne artikel essay schrift werk gedicht drama ausstellung festival show podcast
    slogan parole verein bündnis strategie konzept bericht studie grundsatz prinzip devise
    illustrierte illustrierten""".split()
)

# Adverbs between the verb and the speaker ("sagte dagegen Uschakow"): skipped.
SKIPPED_ADVERBS = frozenset("dagegen auch noch weiter zudem jedoch aber bereits ebenfalls".split())

# Determiners that open an object after the speaker ("bekräftigte Putin seine Behauptung").
DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer sein seine seinen ihr ihre ihren diese
    dieser dieses diesen jene alle allen aller viele vielen einige einigen manche beide beiden
    kein keine keinen eines""".split()
)

# Indefinite determiners: "ein Sprecher" is someone not named before.
INDEFINITE = frozenset("ein eine einer einem einen eines".split())

# Words that end the speaker phrase after a verb ("sagte X nach den Verhandlungen").
PHRASE_STOPS = frozenset(
    """
nach am an ans auf aus bei beim gegenüber ins im in mit vor vom von zu zum zur über unter während
hinzu neulich zuvor später kurz dann damals und oder dass ob wie als ab seit bis für gegen ohne
um durch wegen trotz
""".split()
)

# Articles after which a capitalised run names an organisation or place, not the speaker
# ("die Pressesprecherin des Weißen Hauses").
GENITIVE_ARTICLES = frozenset({"des", "der", "dem", "den", "eines"})

# Endings of person nouns, not bodies: "Sprecherin" (but "die Autobahnpolizei Köln": a name).
PERSON_ENDINGS = ("er", "in", "or", "ent", "chef", "e", "ist", "ant", "eur", "är", "än", "at")

# Singular articles of a phrase for the person named before, with its noun's endings: "die Chefin".
EPITHET_ARTICLES = (
    ("der", ("er", "or", "ent", "eur", "chef", "e", "ist", "ant")),
    ("die", ("in",)),
)

# The age noun of such a phrase, whatever its ending: "der 63-Jährige", "die 37-Jährige".
AGE_EPITHET = r"\d+-[jJ]ährige[nr]?"

# Endings of the adjective that closes an attribute before its noun: "die in Graz tätige X".
ATTRIBUTE_ENDINGS = ("e", "en")

# Endings a word loses before it is looked up as a role: "des Sprechers", "dem Präsidenten".
INFLECTION_SUFFIXES = ("s", "n", "en")

# Genitive ending of the word before an adjective and a role: "Putins außenpolitischer Berater".
GENITIVE_ENDINGS = ("s",)

# Ending of a Konjunktiv I form not in SUBJUNCTIVE, next to "er" or "man": "lehne er ab".
SUBJUNCTIVE_ENDINGS = ("e",)

# Weak past endings: never Konjunktiv I, alike to Konjunktiv II: "Es fehlten Millionen, sagte X".
WEAK_PAST_ENDINGS = ("te", "ten")

# Subject pronouns of no person ("man plane", "es gebe"); the other SUBJECT_PRONOUNS are persons.
IMPERSONAL_PRONOUNS = frozenset({"es", "man"})

# The pronoun after a verb of saying whose source follows: ", heißt es aus dem Ministerium".
EXPLETIVE_PRONOUNS = frozenset({"es"})

# Reflexive pronouns: "äußerte sich X" names X after them.
REFLEXIVE_PRONOUNS = frozenset({"sich"})

# Pronouns that are only ever a subject: "Erneut forderte er …" has its subject after the
# verb, so the word before it ("Erneut", "Dazu") is no speaker.
NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir", "du", "man"})

# Prepositions that name the source after "heißt es": "heißt es aus dem Landesbetrieb".
SOURCE_PREPOSITIONS = frozenset({"aus", "von"})

# "…, heißt es im Markt", "hieß es in Regierungskreisen": the circle after them is the source.
PLACE_PREPOSITIONS = frozenset({"in", "im"})

# Genitive articles that open a dative after "heißt es" (no source): "hieß es in dem Bericht".
DATIVE_ARTICLES = frozenset({"den", "dem"})

# A preposition of time between the verb and the speaker, as written: "sagte am Dienstag X".
TIME_PREPOSITIONS = frozenset({"am"})

# Closes speech after a comma, as a verb of saying does: "…, so Uschakow".
CLOSING_ATTRIBUTION = frozenset({"so"})

# A preposition before the source of what the sentence says: "laut Kreml".
SOURCE_BEFORE = frozenset({"laut"})

# A postposition after the source of what the sentence says: "Uschakow zufolge".
SOURCE_AFTER = frozenset({"zufolge"})

# A preposition before a noun of REPORT_NOUNS: "nach Angaben von X", "nach Kreml-Angaben".
REPORT_PREPOSITIONS = frozenset({"nach"})

# Makes the sentence's subject the source of a report noun: "nach eigenen Angaben".
OWN_WORDS = frozenset({"eigenen"})

# Endings of an adjective between that preposition and its noun: "nach russischen Angaben".
REPORT_ADJECTIVE_ENDINGS = ("en", "er")

# Endings an adjective's stem takes in every declension, as a first name's never all do: a
# sentence's capitalised first word so attested is no name ("Fröhliche Stimmung …").
DECLENSION_ENDINGS = ("e", "en", "er", "es")

# A preposition after a statement noun that names its owner: "die Angaben von X".
OWNER_PREPOSITIONS = frozenset({"von"})

# Opens the clause of what was said after a verb of saying: "sagte, dass …".
COMPLEMENTIZERS = frozenset({"dass"})

# Opens a clause after a comma that ends in a verb of saying: "…, wie die Firma mitteilte".
AS_SAID = frozenset({"wie"})

# Gives a sentence to the source just named, without a verb: "Der Mann lag demnach im Wald".
ACCORDINGLY = frozenset({"demnach"})

# The word before the last verb of an infinitive clause: "warf ihm vor, … ignoriert zu haben".
INFINITIVE_MARKERS = frozenset({"zu"})

# A verb with that word inside it, an infinitive too: "fernzuhalten", "abzuwarten".
INFIX_INFINITIVE = r"^(?:ab|an|auf|aus|ein|fern|fest|her|hin|mit|nach|vor|weg|zurück)zu\w+en$"

# A name in parentheses right after a quotation, its author: "„Was wir brauchen …“ (Max Muster)".
CITED_NAME = r"\s*\(\s*([A-ZÄÖÜ][\w.-]+(?: [A-ZÄÖÜ][\w.-]+){0,3})\s*\)"
