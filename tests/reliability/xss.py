"""XSS vectors of the kinds the OWASP XSS filter-evasion cheat sheet lists, written for this
suite: script tags, event handlers, javascript:/data: URLs, SVG, broken attributes, encodings."""

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=javascript:alert(&quot;XSS&quot;)>",
    '<IMG SRC=`javascript:alert("x")`>',
    '<a href="javascript:alert(1)">klick</a>',
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "![bild](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<video><source onerror=alert(1)></video>",
    "<style>@import 'javascript:alert(1)';</style>",
    "`<script>alert(1)</script>`",
    "<https://evil.example/?q=<script>>",
    "<javascript:alert(1)>",
]

# Vectors that would change the page title if any script ran: the browser test looks for it.
CANARY = "PWNED"
CANARIES = [
    f"<script>document.title='{CANARY}'</script>",
    f"<img src=x onerror=\"document.title='{CANARY}'\">",
    f"<svg onload=\"document.title='{CANARY}'\"></svg>",
    f"\"><img src=x onerror=document.title='{CANARY}'>",
    f"' onmouseover='document.title=\"{CANARY}\"' x='",
]
