"""Language identification for S103: stop-word first pass, then a seeded, trimmed langdetect."""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache, reduce
from itertools import chain, compress
from operator import and_, itemgetter
from typing import Any, NamedTuple

from tmqa.langtags import primary

__all__ = ["STATS", "LangIdStats", "identify", "is_wrong_language"]

# A segment is judged only when it has at least MIN_WORDS ordinary words (2+ letters) holding
# MIN_LETTERS letters, or MIN_DENSE letters of a script written without spaces (CJK, Thai).
MIN_WORDS = 4
MIN_LETTERS = 20
MIN_DENSE = 12
# Below this much text langdetect alone is too erratic to report on: the stop-word pass must
# point at the same foreign language.
LONG_WORDS = 8
LONG_DENSE = 24
# langdetect must give the other language at least REPORT_P and the expected one at most
# EXPECTED_MAX_P. When the stop words already point at the same language on their own, two
# independent signals agree and langdetect's 7 random trials may split 5 to 2 (CONFIRM_*);
# when neither language has a stop-word list nothing can cross-check it, so the bar is
# raised to BLIND_REPORT_P.
REPORT_P = 0.90
EXPECTED_MAX_P = 0.05
CONFIRM_P = 0.70
CONFIRM_EXPECTED_MAX_P = 0.30
BLIND_REPORT_P = 0.98
# A near tie is no verdict: when langdetect gave the expected language some of its trials, the
# other language must have STOP_MARGIN more of the stop words that tell the two apart ("in"
# and "non" are Italian, but "in" is English too: "unsupported reloc in non-static mode").
STOP_MARGIN = 2
# The ordinary words must hold at least PROSE_SHARE of the letters of the text: a command
# synopsis ("git for-each-ref [--contains [<commit>]]") or a list of names has a few ordinary
# words among much that is not evidence, and no verdict.
PROSE_SHARE = 0.5

# Languages that langdetect 1.0.9 ships profiles for (zh-cn and zh-tw are one language here).
# fmt: off
_SUPPORTED = frozenset({
    "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi",
    "fr", "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml",
    "mr", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw",
    "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
})
# fmt: on
_PROFILES_OF = {"zh": ("zh-cn", "zh-tw")}
_FAMILY_OF_PROFILE = {"zh-cn": "zh", "zh-tw": "zh"}
_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "fil": "tl", "mo": "ro"}

_LATIN_DEFAULT = ("en", "fr", "de", "es", "it", "pt", "nl")
# Languages a segment is most often mistaken for, or left in, besides English (always added).
_CONFUSIONS: dict[str, tuple[str, ...]] = {
    "fr": ("es", "it", "de", "pt", "nl", "ca", "ro"),
    "en": ("fr", "de", "es", "it", "pt", "nl"),
    "de": ("nl", "fr", "it", "da", "sv", "no"),
    "nl": ("de", "fr", "af", "da"),
    "es": ("pt", "ca", "it", "fr", "ro"),
    "pt": ("es", "it", "fr", "ca", "ro"),
    "it": ("es", "fr", "pt", "ca", "ro"),
    "ca": ("es", "fr", "it", "pt", "ro"),
    "ro": ("it", "fr", "es", "pt"),
    "sv": ("da", "no", "de"),
    "da": ("no", "sv", "de"),
    "no": ("da", "sv", "de"),
    "fi": ("et", "sv"),
    "et": ("fi",),
    "pl": ("cs", "sk", "de"),
    "cs": ("sk", "pl", "de"),
    "sk": ("cs", "pl", "hu"),
    "hr": ("sl", "cs", "sk"),
    "sl": ("hr", "cs", "sk"),
    "hu": ("de", "ro"),
    "lt": ("lv", "pl"),
    "lv": ("lt",),
    "ru": ("uk", "bg", "mk"),
    "uk": ("ru", "bg"),
    "bg": ("mk", "ru"),
    "mk": ("bg", "ru"),
    "ar": ("fa", "ur"),
    "fa": ("ar", "ur"),
    "ur": ("ar", "fa", "hi"),
    "hi": ("mr", "ne", "ur"),
    "mr": ("hi", "ne"),
    "ne": ("hi", "mr"),
    "zh": ("ja", "ko"),
    "ja": ("zh", "ko"),
    "ko": ("ja", "zh"),
    "id": ("tl", "vi", "nl"),
    "tl": ("id", "es"),
    "af": ("nl",),
    "sq": ("it", "ro"),
    "tr": ("de",),
}

# Letters that only a few languages use: seeing one adds those languages to langdetect's set,
# so that e.g. a Polish segment in a French memory is named Polish rather than the nearest of
# the expected confusions.
_CHAR_HINTS: dict[str, tuple[str, ...]] = {
    "ñ": ("es",),
    "ã": ("pt",),
    "õ": ("pt", "et"),
    "ș": ("ro",),
    "ț": ("ro",),
    "ş": ("ro", "tr"),
    "ţ": ("ro",),
    "ă": ("ro", "vi"),
    "ł": ("pl",),
    "ą": ("pl", "lt"),
    "ę": ("pl", "lt"),
    "ś": ("pl",),
    "ź": ("pl",),
    "ż": ("pl",),
    "ń": ("pl",),
    "ř": ("cs",),
    "ě": ("cs",),
    "ů": ("cs",),
    "ő": ("hu",),
    "ű": ("hu",),
    "ø": ("da", "no"),
    "æ": ("da", "no"),
    "å": ("sv", "da", "no"),
    "ß": ("de",),
    "ğ": ("tr",),
    "ı": ("tr",),
    "đ": ("hr", "vi"),
    "ŀ": ("ca",),
    "ė": ("lt",),
    "ų": ("lt",),
    "ā": ("lv",),
    "ē": ("lv",),
    "ī": ("lv",),
    "ņ": ("lv",),
    "ļ": ("lv",),
    "ķ": ("lv",),
    "ä": ("de", "sv", "fi", "et"),
    "ö": ("de", "sv", "fi", "et", "hu", "tr"),
    "ơ": ("vi",),
    "ư": ("vi",),
    "ŵ": ("cy",),
}
_HINT_CHARS = frozenset(_CHAR_HINTS)

# Scripts other than Latin, as sorted code point ranges; everything else counts as Latin.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x3040, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hangul"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "Han"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF66, 0xFF9F, "Kana"),
)
_SCRIPT_STARTS = [start for start, _, _ in _SCRIPT_RANGES]
_SCRIPT_LANGS: dict[str, tuple[str, ...]] = {
    "Latin": _LATIN_DEFAULT,
    "Greek": ("el",),
    "Cyrillic": ("ru", "uk", "bg", "mk"),
    "Hebrew": ("he",),
    "Arabic": ("ar", "fa", "ur"),
    "Devanagari": ("hi", "mr", "ne"),
    "Bengali": ("bn",),
    "Gurmukhi": ("pa",),
    "Gujarati": ("gu",),
    "Tamil": ("ta",),
    "Telugu": ("te",),
    "Kannada": ("kn",),
    "Malayalam": ("ml",),
    "Thai": ("th",),
    "Hangul": ("ko",),
    "Kana": ("ja",),
    "Han": ("zh", "ja"),
}
_LANG_SCRIPTS: dict[str, frozenset[str]] = {}
for _script, _langs in _SCRIPT_LANGS.items():
    if _script != "Latin":
        for _lang in _langs:
            _LANG_SCRIPTS[_lang] = _LANG_SCRIPTS.get(_lang, frozenset()) | {_script}
_LATIN_ONLY = frozenset({"Latin"})

# The few hundred most frequent function words per language. They settle clear cases without
# langdetect; words shared between languages are fine, the score only counts the difference.
_STOP_WORDS: dict[str, str] = {
    "fr": """
        le la les l un une des du de d au aux et ou mais a donc ni que qu qui quoi dont où ce
        cet cette ces c ça cela ceci il ils elle elles on nous vous je j tu me m te t se s lui
        leur leurs eux moi toi mon ma mes ton ta tes son sa ses notre nos votre vos est sont
        était étaient été être avoir ai avons avez ont avait avaient aura sera seront fait
        faire peut peuvent doit dans par pour sur sous avec sans entre vers chez contre
        pendant depuis selon après avant comme aussi très plus moins bien encore déjà tout
        tous toute toutes ne n pas jamais rien non oui si y en même autre autres quand alors
        ainsi lorsque parce puis cependant également chaque plusieurs quelques aucun aucune
        celui celle ceux celles ici là afin à ces lors dès leurs votre veuillez cliquez
    """,
    "en": """
        the a an and or but if of to in on at by for with from into onto about as than then
        that this these those there here it its is are was were be been being am have has had
        having do does did done will would shall should can could may might must not no nor so
        such very too also just only all any each every some many much more most other which
        who whom whose what when where why how while because although though after before over
        under between through during without within up down out off again further once both few
        own same i me my we us our you your he him his she her they them their myself itself
        themselves yourself don doesn didn isn aren wasn weren won cannot ll ve please
        now new get make made one two been being since until upon per via yet whether
    """,
    "de": """
        der die das den dem des ein eine einer eines einem einen und oder aber doch sondern
        denn weil dass daß wenn als ob wie wo was wer ich du er sie es wir ihr mich mir dich
        dir sich uns euch ihn ihm ihnen mein meine dein sein seine seiner seinen ihre ihrer
        ihren unser unsere nicht kein keine keinen nur noch schon auch sehr mehr so zu zum zur
        im in am an auf aus bei mit nach von vor für über unter durch gegen ohne um bis seit
        zwischen ist sind war waren wird werden wurde wurden worden hat haben hatte hatten habe
        kann können muss müssen soll sollen will wollen darf man dies diese dieser dieses
        diesen jeder jede alle allen hier da dort dann jetzt nun immer wieder ja nein sowie
        bereits beim vom ins damit dabei dazu sie ihnen bitte
    """,
    "es": """
        el la los las lo un una unos unas y e o u ni pero sino que qué quien quienes cual
        cuales cuyo donde cuando como cómo porque pues si sí no ya muy más menos también
        tampoco de del al a en con por para sin sobre entre hasta desde hacia durante según
        contra tras ante es son era eran fue fueron ser estar está están estaba ha han había
        hay he hemos sido tiene tienen tener puede pueden debe hace este esta estos estas ese
        esa esos esas esto eso aquel yo tú él ella ellos ellas nosotros usted ustedes me te se
        nos os le les su sus mi mis tu tus nuestro nuestra nuestros todo toda todos todas otro
        otra otros otras cada mismo misma algo nada mucho muchos tan tanto así aquí entonces
        después antes aunque mientras bien sólo solo
    """,
    "it": """
        il lo la i gli le l un uno una e ed o ma se che chi cui non più anche come dove quando
        perché quindi però già sempre molto tutto tutti tutte tutta di del dello della dei
        degli delle dell a al allo alla ai agli alle all da dal dallo dalla dai dagli dalle
        dall in nel nello nella nei negli nelle nell con col su sul sullo sulla sui sugli sulle
        per tra fra è sono era erano essere stato stata stati ha hanno aveva avere ho abbiamo
        questo questa questi queste quello quella quelli io tu lui lei noi voi loro mi ti si ci
        vi ne suo sua suoi sue mio mia nostro nostra vostro sia solo ancora dopo prima senza
        fino può possono deve fatto altro altri altra ogni stesso così qui
    """,
    "pt": """
        o a os as um uma uns umas e ou mas nem que se não sim já mais menos muito muita também
        só como quando onde porque pois de do da dos das em no na nos nas num numa ao aos à às
        por pelo pela pelos pelas para com sem sobre entre até desde após contra durante é são
        era eram foi foram ser estar está estão estava há tem têm ter pode podem deve este esta
        estes estas esse essa esses essas isto isso aquele aquela eu ele ela eles elas nós você
        vocês me te lhe lhes seu sua seus suas meu minha nosso nossa todo toda todos todas
        outro outra outros outras cada mesmo mesma ainda assim aqui então depois antes embora
        enquanto bem
    """,
    "nl": """
        de het een en of maar dat die dit deze wat wie waar wanneer hoe waarom omdat als dan
        ook niet geen wel nog al zo zeer heel meer veel van in op aan met voor door bij naar uit
        over tot om onder tegen zonder tussen na sinds is zijn was waren wordt worden werd
        werden heeft hebben had hadden kan kunnen moet moeten zal zullen zou zouden wil willen
        mag ik jij je u hij zij ze wij we jullie hen hun mij me mijn jouw jou haar ons onze hem
        er hier daar nu toen alle alles iets niets elk elke andere ander eigen dus toch echter
        alleen uw
    """,
    "ca": """
        el la els les l un una uns unes i o però que qui què on quan com perquè si no ja més
        molt també de del dels d a al als en amb per sense sobre entre fins cap és són era
        eren va van ha han havia ser estar està estan aquest aquesta aquests aquestes aquell
        aquella això allò jo tu ell ella ells elles nosaltres vosaltres em et es ens us li seu
        seva seus seves meu meva nostre nostra tot tota tots totes altre altra altres cada
        mateix així aquí allà doncs encara
    """,
    "ro": """
        și sau dar iar că ca să de din la în pe cu pentru prin despre după până între fără sub
        spre peste un o unei unui niște al ale ai a lui lor este sunt era erau fost fi fie are
        au avea am vor va poate pot trebuie acest această acești aceste acel acea aceasta
        acesta care ce cine cum când unde dacă nu mai foarte doar deja încă tot toate toți eu
        tu el ea noi voi ei ele mă te se ne vă îi le își sa său sale nici decât astfel aici
        acolo atunci
    """,
}
_STOP_LANGS: tuple[str, ...] = tuple(_STOP_WORDS)
_STOP_INDEX = {lang: i for i, lang in enumerate(_STOP_LANGS)}
_ALL_STOP_BITS = (1 << len(_STOP_LANGS)) - 1
_STOP: dict[str, int] = {}
for _i, (_lang, _words) in enumerate(_STOP_WORDS.items()):
    for _word in _words.split():
        for _form in {_word, _word.replace("ș", "ş").replace("ț", "ţ")}:
            _STOP[_form] = _STOP.get(_form, 0) | (1 << _i)
# German-only function words: two of them switch on reading capitalized words as nouns.
# (Less the ones that are also common English or French words.)
_GERMAN_CUES = frozenset(w for w, m in _STOP.items() if m == 1 << _STOP_INDEX["de"]) - {
    "bis",
    "dir",
    "im",
    "ins",
    "man",
    "nun",
    "ob",
    "war",
    "wo",
}

# Spans that are not prose: URLs, e-mail addresses, placeholders, markup, paths and file names,
# dotted numbers. They are blanked before counting words. re tries every alternative at every
# position, so _denoise keeps only the alternatives whose substrings (the second field) occur
# in the text, and when none of those that may run across spaces (the third field) is kept,
# scans only the runs of non-space characters that hold something an alternative needs: the
# same spans, at a fraction of the cost.
_NOISE_PARTS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    (r"(?:https?|ftp)://\S+", ("://",), False),
    (r"www\.\S+", ("www.",), False),
    (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", ("@",), False),
    # Command-line options (-o, --no-checkout, --[no-]progress, --to=si): English or not,
    # they are the program's words, not the translator's.
    (r"(?<![\w-])--?(?=[\[A-Za-z])[\w\[\]-]*(?:=\S*)?", ("-",), False),
    (r"\{\{.*?\}\}", ("{{",), True),
    (r"\$?\{[^{}]*\}", ("{",), True),
    (r"\$\w+", ("$",), False),
    (r"[@\#]\w+", ("@", "#"), False),
    # printf, with its length modifiers (%zu, %lld).
    (r"%(?:\(\w+\))?[-+\#0]*(?:\d+\$)?\d*(?:\.\d+)?(?:hh|ll|[hlLqjzt])?[a-zA-Z@%]", ("%",), False),
    (r"<[^<>]*>", ("<",), True),
    (r"&\#?\w+;", ("&",), False),
    (r"`[^`]*`", ("`",), True),
    (r"\[\[.*?\]\]", ("[[",), True),
    (r"\w+(?:[./\\]\w+)+", (".", "/", "\\"), False),
    (r"[/\\]\w+", ("/", "\\"), False),
)
_NOISE_RE = re.compile("|".join(part for part, _, _ in _NOISE_PARTS))
# (substring, bits of the alternatives that need it)
_NOISE_NEEDLES: tuple[tuple[str, int], ...] = tuple(
    (needle, sum(1 << i for i, (_, needs, _) in enumerate(_NOISE_PARTS) if needle in needs))
    for needle in dict.fromkeys(n for _, needs, _ in _NOISE_PARTS for n in needs)
)
_NOISE_SPANNING = sum(1 << i for i, (_, _, spans) in enumerate(_NOISE_PARTS) if spans)
# A character that the other alternatives need (a "." only between word characters or in
# "www."), found by re's fast scan for the character set it starts with.
_NOISE_SEED_RE = re.compile(r"[:@$#%&/\\.-](?:(?<=[^.])|(?<=\w\.)(?=\w)|(?<=www\.))")
_SPACE_RE = re.compile(r"\s")
_noise_res: dict[int, re.Pattern[str]] = {}
# Cheap tests for whether _NOISE_RE can match at all: most segments have none of these. Each
# pattern is one that re scans for by its first character (a set, a literal).
_NOISE_CHAR_RE = re.compile(r"[@%{}$<&`\[#/\\-]")
_DOTTED_RE = re.compile(r"\.(?<=\w\.)\w")  # \w\.\w


def _denoise(text: str) -> str:
    """``_NOISE_RE.sub(" ", text)``, by the alternatives that can match in `text` only."""
    if not (_NOISE_CHAR_RE.search(text) or ("." in text and _DOTTED_RE.search(text))):
        return text
    key = 0
    for needle, bits in _NOISE_NEEDLES:
        if needle in text:
            key |= bits
    if not key:
        return text
    pattern = _noise_res.get(key)
    if pattern is None:
        if len(_noise_res) >= 256:  # a few dozen combinations occur in practice
            _noise_res.clear()
        pattern = _noise_res[key] = re.compile(
            "|".join(part for i, (part, _, _) in enumerate(_NOISE_PARTS) if key >> i & 1)
        )
    if key & _NOISE_SPANNING:
        return pattern.sub(" ", text)
    # Scan only the runs of non-space characters around the seeds; the reversed text finds
    # where a run starts.
    parts: list[str] = []
    pos = 0
    n = len(text)
    reverse = ""
    while seed := _NOISE_SEED_RE.search(text, pos):
        i = seed.start()
        if not reverse:
            reverse = text[::-1]
        before = _SPACE_RE.search(reverse, n - 1 - i)
        start = n - before.start() if before else 0
        after = _SPACE_RE.search(text, i)
        end = after.start() if after else n
        parts.append(text[pos:start])
        parts.append(pattern.sub(" ", text[start:end]))
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


# Combining marks that re's \w leaves out but that belong inside words (Indic vowel signs,
# Hebrew and Arabic points, Thai and Lao vowels, kana voicing marks).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc"
    "\u0ec8-\u0ecd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f"
)
_SENTENCE_ENDS = ".!?…:;\n\r\t•¿¡"
# A word (elisions held together), or a sentence end: the word after one starts a sentence.
_ITEM_RE = re.compile(rf"[{_SENTENCE_ENDS}]|[\w{_MARKS}]+(?:['’][\w{_MARKS}]+)*")
_NOT_LETTER_RE = re.compile(r"[\d_]")
_NON_LATIN_RE = re.compile(r"[^\x00-\u024F\u1E00-\u1EFF ']")
_LATIN_LETTER_RE = re.compile(r"[a-z\u00C0-\u024F\u1E00-\u1EFF]")
# Han, kana, Thai, Lao, Myanmar, Khmer: scripts written without spaces between words.
_DENSE_RE = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\u3040-\u30ff\u31f0-\u31ff"
    "\uff66-\uff9f\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)


@dataclass
class LangIdStats:
    """How :func:`identify` calls were settled, for benchmarks and tuning."""

    calls: int = 0
    unsupported: int = 0  # expected language that neither langdetect nor the lists know
    skipped: int = 0  # too little ordinary text to judge
    first_pass: int = 0  # settled by the stop-word or script pass alone
    undecided: int = 0  # too short for langdetect alone and no foreign stop words: not judged
    langdetect: int = 0  # needed langdetect's opinion
    langdetect_cached: int = 0  # ... and found it in the cache

    def reset(self) -> None:
        """Set every counter back to zero."""
        for f in fields(self):
            setattr(self, f.name, 0)

    def as_dict(self) -> dict[str, int]:
        """The counters as a plain dict."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


STATS = LangIdStats()


class _Prepared(NamedTuple):
    n_pieces: int  # words for langdetect's stop-word lists: ordinary words, elisions split off
    masks: tuple[int, ...]  # stop-word language bits of the words that are stop words
    n_words: int  # ordinary words of two letters or more
    letters: int
    dense: int  # letters of scripts written without spaces
    text: str  # what langdetect sees: the ordinary words only
    scripts: dict[str, int]  # letters per non-Latin script, plus "Latin"

    @property
    def long_enough(self) -> bool:
        return self.n_words >= LONG_WORDS or self.dense >= LONG_DENSE


_primaries: dict[str, str] = {}
_families: dict[str, str] = {}


def _primary(tag: str) -> str:
    """:func:`tmqa.langtags.primary`, remembered for the few tags of a run."""
    code = _primaries.get(tag)
    if code is None:
        code = primary(tag)
        if len(_primaries) < 1024:
            _primaries[tag] = code
    return code


def _family(tag: str) -> str:
    family = _families.get(tag)
    if family is None:
        code = _primary(tag)
        family = _ALIASES.get(code, code)
        if len(_families) < 1024:
            _families[tag] = family
    return family


def _script_of(ch: str) -> str:
    cp = ord(ch)
    i = bisect_right(_SCRIPT_STARTS, cp) - 1
    if i >= 0 and cp <= _SCRIPT_RANGES[i][1]:
        return _SCRIPT_RANGES[i][2]
    return "Other"


# How _ordinary_words treats each token, as one character, so that regular expressions rather
# than a Python loop per token decide which words of a segment are kept:
# "x" a name, acronym or product (all capitals, camelCase) or a number or identifier (a digit
#     or "_" in something not all letters): never kept, and it drops the words waiting to
#     join it;
# "c" a Capitalized word: "i" at the start of a sentence, else a name ("x");
# "i" a sentence's Capitalized first word: it waits, as the first word of a name ("Microsoft
#     Azure", "The Lord") or of the sentence;
# "j" a short word or a stop word: after a name it waits, since it may link two names ("Bank
#     of the West", "Musée de la Chasse et de la Nature"); "g" the same, a German-only
#     function word; "k" the same, one letter;
# "w" any other word: kept, and so are the words waiting before it;
# "|" a sentence end: the next word starts a sentence; never kept.
_NAME, _CAPITAL, _START, _JOIN, _GERMAN, _LETTER, _WORD, _BREAK = "xcijgkw|"


class _Token(NamedTuple):
    """What _prepare needs to know of a token, computed once per distinct token: its class
    and, for each of the forms it may be kept in, the form and the stop-word masks of the
    words it gives langdetect (elisions split off)."""

    inner: str  # class
    noun: str  # class when Capitalized words are German nouns
    lower: bool  # holds a lower-case or title-case letter: the text is not all capitals
    form: str  # kept as this: lower case, with straight apostrophes unless Capitalized
    form_masks: tuple[int, ...]
    norm: str  # kept as this as a German noun: lower case with straight apostrophes
    norm_masks: tuple[int, ...]


_get_inner = itemgetter(0)
_get_noun = itemgetter(1)
_get_lower = itemgetter(2)
_get_form = itemgetter(3)
_get_form_masks = itemgetter(4)
_get_norm = itemgetter(5)
_get_norm_masks = itemgetter(6)
_BREAKS = dict.fromkeys(_SENTENCE_ENDS, _Token(_BREAK, _BREAK, False, "", (), "", ()))
_MAX_TOKENS = 100_000  # entries of each of the two caches below


class _TokenCache(dict[str, _Token]):
    """Token text -> _Token, computed on first sight."""

    def __missing__(self, tok: str) -> _Token:
        info = _BREAKS.get(tok) or _token(tok)
        if len(self) >= _MAX_TOKENS:
            self.clear()
        self[tok] = info
        return info


_TOKENS = _TokenCache()
# A Capitalized word after a sentence end (or at the start).
_SENTENCE_START_RE = re.compile(r"(?:^|(?<=\|))c")
# The words that a name (or a number) drops: up to four joining words waiting after a name,
# or a sentence's Capitalized first word and up to three joining words after it. One more
# joining word, or any other word, or a new sentence's first word keeps what waits.
_DROPPED_RE = re.compile(r"x\|*(?:[jgk]\|*){1,4}(?=x)|i\|*(?:[jgk]\|*){0,3}(?=x)")
# itertools.compress selectors: the words kept, once names and what they drop are all "x".
_KEPT_BYTES = bytes.maketrans(b"xijgkw|", b"\0\1\1\1\1\1\0")


# Stop words of some languages only as the elided start of a word (d'un, l'agence, qu'il,
# all'ora): alone they are letters ("Ctrl-D", "plan B") or words of other languages ("all").
_ELIDED_ONLY: dict[str, int] = {
    form: sum(1 << _STOP_INDEX[lang] for lang in langs)
    for forms, langs in (
        ("c j m n s t qu", ("fr",)),
        ("d", ("fr", "ca")),
        ("l", ("fr", "it", "ca")),
        ("all dell dall nell", ("it",)),
    )
    for form in forms.split()
}


def _stop_masks(form: str) -> tuple[int, ...]:
    """The stop-word masks of the words `form` gives langdetect (its elisions split off)."""
    pieces = form.split("'")
    masks = list(map(_STOP.get, pieces))
    elided = _ELIDED_ONLY.get(pieces[-1])
    if elided and masks[-1]:
        masks[-1] &= ~elided  # the last piece is no elision
    return tuple(filter(None, masks))


def _token(tok: str) -> _Token:
    low = tok.lower()
    kind = 0  # 0 lower case or one letter, 1 Capitalized, 2 other capitals
    if tok != low and len(tok) > 1:
        kind = 2 if tok[1:] != low[1:] else 1
    not_letter = not tok.isalpha() and _NOT_LETTER_RE.search(tok) is not None
    norm = low.replace("’", "'") if "’" in low else low
    if not_letter:
        ordinary = _NAME
    elif len(norm) == 1:
        ordinary = _LETTER
    elif len(norm) <= 3 or norm in _STOP:
        ordinary = _JOIN
    else:
        ordinary = _WORD
    if kind == 0:
        inner = _GERMAN if low in _GERMAN_CUES else ordinary
    else:
        inner = _CAPITAL if kind == 1 else _NAME
    form = low if kind == 1 else norm
    norm_masks = _stop_masks(norm)
    return _Token(
        inner,
        _NAME if kind == 2 else ordinary,
        not (tok + "A").isupper(),  # str.isupper's own test, per token
        form,
        norm_masks if form == norm else _stop_masks(form),
        norm,
        norm_masks,
    )


def _tokens(text: str) -> list[_Token]:
    """The words and sentence ends of `text`."""
    return list(map(_TOKENS.__getitem__, _ITEM_RE.findall(text)))


class _ChunkCache(dict[str, tuple[_Token, ...]]):
    """Run of non-space characters -> the tokens of its denoised text."""

    def __missing__(self, chunk: str) -> tuple[_Token, ...]:
        if chunk.isalpha():
            # One word, and no noise pattern matches letters only.
            tokens: tuple[_Token, ...] = (_TOKENS[chunk],)
        else:
            tokens = tuple(_tokens(_denoise(chunk)))
        if len(self) >= _MAX_TOKENS:
            self.clear()
        self[chunk] = tokens
        return tokens


_CHUNKS = _ChunkCache()
# Characters that _chunk_tokens must look at: those that start noise patterns that may span
# spaces ("{{", "{", "<", "`"; "[[" is looked for apart), and sentence ends that are spaces.
_CHUNK_SPECIAL_RE = re.compile("[{<`\n\r\t]")
_SPANNING_RE = re.compile("[{<`]")


def _chunk_tokens(text: str) -> list[_Token] | None:
    """``_tokens(_denoise(text))``, from the tokens of each run of non-space characters, which
    repeat far more than segments do ("l’agence", "fédérale", "2022."); None when that may
    not be the same, or when the text may be all capitals.

    No noise pattern matches a space, but those that _SPANNING_RE announces, nor does a token
    hold one: the runs are denoised and split into tokens alike on their own. _denoise only
    looks for noise when the text holds one of a few characters, any of which announces all
    the patterns but "www." before a character that is not a letter ("www.?"): with no
    "www." in the text, a run is denoised alike whether the text holds one or not.
    """
    if "[[" in text or "www." in text:
        return None
    if _CHUNK_SPECIAL_RE.search(text):
        if _SPANNING_RE.search(text):
            return None
        for end in "\n\r\t":
            if end in text:
                # A sentence end that is a space: a run of its own, then, like any other.
                text = text.replace(end, " . ")
    tokens = list(chain.from_iterable(map(_CHUNKS.__getitem__, text.split())))
    if tokens and (tokens[0].lower or any(map(_get_lower, tokens))):
        return tokens
    return None


def _ordinary_words(tokens: list[_Token], classes: str, nouns: bool) -> tuple[list[_Token], str]:
    """The ordinary words among `tokens`, whose classes are `classes`, and the classes once
    the words not kept are all "x".

    With `nouns`, capitalized words inside a sentence are German nouns rather than names.
    """
    if nouns:
        classes = "".join(map(_get_noun, tokens))
    elif _CAPITAL in classes:
        # A capital at the start of a sentence is the sentence's, not a name's.
        if classes[0] == _CAPITAL:
            classes = _START + classes[1:]
        if _CAPITAL in classes:
            if _BREAK in classes:
                classes = _SENTENCE_START_RE.sub(_START, classes)
            classes = classes.replace(_CAPITAL, _NAME)
    if _NAME in classes:
        classes = _DROPPED_RE.sub(_as_names, classes)
    elif _BREAK not in classes:
        return tokens, classes
    return list(compress(tokens, classes.encode("ascii").translate(_KEPT_BYTES))), classes


def _as_names(match: re.Match[str]) -> str:
    return _NAME * (match.end() - match.start())


def _prepare(text: str) -> _Prepared | None:
    """Keep the ordinary words of `text`, or None when too few are left to judge."""
    # Too short to hold MIN_LETTERS letters or MIN_DENSE dense ones (the UI strings of a
    # software memory: "Cancel", "%s: not found"). Only non-ASCII text may change length on
    # the way: lower() makes two letters of "İ", but 11 characters still give no 4 words of 20.
    if text.isascii():
        if len(text) < MIN_LETTERS:
            return None
    else:
        text = unicodedata.normalize("NFC", text)
        if len(text) < MIN_DENSE:
            return None
    tokens = _chunk_tokens(text)
    if tokens is None:
        text = _denoise(text)
        if text.isupper():
            # An all-capitals segment is shouting, not a string of acronyms.
            text = text.lower()
        tokens = _tokens(text)
    classes = "".join(map(_get_inner, tokens))
    # German capitalizes every noun: after two German-only function words, capitalized words
    # are read as nouns rather than names.
    nouns = classes.count(_GERMAN) >= 2
    kept, classes = _ordinary_words(tokens, classes, nouns)
    if not kept:
        return None
    if nouns:
        joined = " ".join(map(_get_norm, kept))
        masks = tuple(chain.from_iterable(map(_get_norm_masks, kept)))
    else:
        joined = " ".join(map(_get_form, kept))
        masks = tuple(chain.from_iterable(map(_get_form_masks, kept)))
    # Elisions (l'agence) count as one word of their letters but give langdetect's stop-word
    # lists two words; no kept word holds a space.
    apostrophes = joined.count("'")
    letters = len(joined) - len(kept) + 1 - apostrophes
    n_words = len(kept) - classes.count(_LETTER)
    dense = 0
    scripts: dict[str, int] = {"Latin": letters}
    if not joined.isascii() and _NON_LATIN_RE.search(joined):
        dense = len(_DENSE_RE.findall(joined))
        scripts["Latin"] = len(_LATIN_LETTER_RE.findall(joined))
        for ch in _NON_LATIN_RE.findall(joined):
            script = _script_of(ch)
            scripts[script] = scripts.get(script, 0) + 1
    if (n_words < MIN_WORDS or letters < MIN_LETTERS) and dense < MIN_DENSE:
        return None
    return _Prepared(len(kept) + apostrophes, masks, n_words, letters, dense, joined, scripts)


def _dominates(prep: _Prepared, lang: str) -> bool:
    """True when `lang`'s stop words clearly outnumber those of every other listed language."""
    bit = 1 << _STOP_INDEX[lang]
    masks = prep.masks
    mine = [m for m in masks if m & bit]
    hits = len(mine)
    # Function words of other languages only (los, the, und...) betray a foreign text or a
    # quotation: leave those to langdetect.
    foreign = len(masks) - hits
    if hits < 2 or foreign * 4 > hits:
        return False
    # Ordinary prose is a third to a half function words; a fifth is the least to go on, an
    # eighth when no other language's function word appears at all.
    if hits * (8 if foreign == 0 else 5) < prep.n_pieces:
        return False
    # Shared words (de, la, en, a...) fit several languages: at least one word must tell
    # `lang` apart from each of the others, that is no other language has them all.
    return reduce(and_, mine) & _ALL_STOP_BITS & ~bit == 0


# The language indexes of each stop-word mask.
_MASK_BITS = tuple(
    tuple(i for i in range(len(_STOP_LANGS)) if m >> i & 1) for m in range(_ALL_STOP_BITS + 1)
)


def _stop_hits(prep: _Prepared) -> list[int]:
    """How many of the segment's stop words each listed language has, by _STOP_INDEX."""
    hits = [0] * len(_STOP_LANGS)
    for m in prep.masks:
        for i in _MASK_BITS[m]:
            hits[i] += 1
    return hits


def _may_dominate(prep: _Prepared, hits: int) -> bool:
    """False when :func:`_dominates` is sure to be: fewer than 2 stop words, or a fifth of them
    foreign."""
    return hits >= 2 and hits * 5 >= len(prep.masks) * 4


def _rival(prep: _Prepared, exp: str, hits: list[int] | None = None) -> str | None:
    """The listed language other than `exp` that dominates the stop words, if any."""
    if hits is None:
        hits = _stop_hits(prep)
    best = None
    best_hits = 1
    for i, lang in enumerate(_STOP_LANGS):
        if lang != exp and hits[i] > best_hits:
            best, best_hits = lang, hits[i]
    if best is not None and _dominates(prep, best):
        return best
    return None


def _exclusive(prep: _Prepared, lang: str, other: str) -> int:
    """Stop words of `lang` in the segment that are not also stop words of `other`."""
    bit = 1 << _STOP_INDEX[lang]
    obit = 1 << _STOP_INDEX[other]
    return sum(1 for m in prep.masks if m & bit and not m & obit)


# --- langdetect, loaded on first need -------------------------------------------------------

_lock = threading.Lock()
_profiles: dict[str, Any] = {}
_factories: dict[tuple[str, ...], Any] = {}
_MAX_FACTORIES = 16


def _profile(code: str) -> Any:
    prof = _profiles.get(code)
    if prof is None:
        from importlib import resources

        from langdetect.utils.lang_profile import LangProfile

        path = resources.files("langdetect") / "profiles" / code
        prof = LangProfile(**json.loads(path.read_text(encoding="utf-8")))
        _profiles[code] = prof
    return prof


def _factory(codes: tuple[str, ...]) -> Any:
    """A detector factory holding only the profiles `codes`, built once per set."""
    factory = _factories.get(codes)
    if factory is not None:
        return factory
    with _lock:
        factory = _factories.get(codes)
        if factory is None:
            from langdetect.detector_factory import DetectorFactory

            factory = DetectorFactory()
            for index, code in enumerate(codes):
                factory.add_profile(_profile(code), index, len(codes))
            # Every detector reseeds its random walk from this, so a text always gets the same
            # probabilities, in any process.
            factory.seed = 0
            if len(_factories) >= _MAX_FACTORIES:
                del _factories[next(iter(_factories))]
            _factories[codes] = factory
    return factory


# langdetect's n-gram extraction and random walk (Detector._extract_ngrams and _detect_block),
# redone with the same random draws and the same float operations in the same order, so the
# same probabilities to the last bit (tests/test_langid_fast.py checks it against langdetect),
# four times faster: langdetect calls a method per character, per draw and per update, and
# S103 spent nine tenths of its time there on short UI strings.

_NORMALIZED: dict[str, str] = {}  # langdetect's NGram.normalize, per character


def _ngrams(text: str, table: dict[str, Any]) -> list[Any]:
    """The profile rows of the 1- to 3-grams of `text`, as ``Detector._extract_ngrams``."""
    from langdetect.utils.ngram import NGram

    normalized = _NORMALIZED
    rows: list[Any] = []
    grams = " "
    capital = False
    for ch in text:
        norm = normalized.get(ch)
        if norm is None:
            norm = normalized[ch] = NGram.normalize(ch)
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if norm == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += norm
        if norm.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if grams[-1] != " ":
            row = table.get(grams[-1])
            if row is not None:
                rows.append(row)
        size = len(grams)
        if size >= 2:
            row = table.get(grams[-2:])
            if row is not None:
                rows.append(row)
            if size >= 3:
                row = table.get(grams)
                if row is not None:
                    rows.append(row)
    return rows


_Walk = Callable[
    [list[Any], int, Callable[[int], int], float, float, int, list[float]], list[float]
]
_walks: dict[int, _Walk] = {}


def _walk(n_lang: int) -> _Walk:
    """One trial of the random walk, unrolled for `n_lang` languages (held in locals).

    A list comprehension per update costs three times the arithmetic it does.
    """
    walk = _walks.get(n_lang)
    if walk is not None:
        return walk
    ps = "".join(f"p{j}, " for j in range(n_lang))
    qs = "".join(f"q{j}, " for j in range(n_lang))
    update = "".join(f"        p{j} = p{j} * (weight + q{j})\n" for j in range(n_lang))
    scale = "".join(f"            p{j} = p{j} / total\n" for j in range(n_lang))
    source = (
        "def walk(rows, bits, getrandbits, weight, conv, limit, prob):\n"
        f"    {ps}= prob\n"
        "    n = len(rows)\n"
        "    i = 0\n"
        "    while True:\n"
        "        r = getrandbits(bits)\n"
        "        while r >= n:\n"
        "            r = getrandbits(bits)\n"
        f"        {qs}= rows[r]\n"
        f"{update}"
        "        if i % 5 == 0:\n"
        f"            total = sum(({ps}))\n"
        f"{scale}"
        f"            if max(({ps})) > conv or i >= limit:\n"
        "                break\n"
        "        i += 1\n"
        f"    return [{ps}]\n"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the source is built from integers only
    built: _Walk = namespace["walk"]
    _walks[n_lang] = built
    return built


def _trials(detector: Any) -> list[float] | None:
    """``Detector._detect_block``'s language probabilities (no prior map: tmqa sets none), or
    None when the text has no n-gram of the profiles (langdetect raises there)."""
    detector.cleaning_text()
    rows = _ngrams(detector.text, detector.word_lang_prob_map)
    if not rows:
        return None
    bits = len(rows).bit_length()  # random.choice: Random._randbelow_with_getrandbits
    rnd = detector.random
    rnd.seed(detector.seed)
    n_lang = len(detector.langlist)
    n_trial = detector.n_trial
    walk = _walk(n_lang)
    langprob = [0.0] * n_lang
    for _ in range(n_trial):
        alpha = detector.alpha + rnd.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        prob = walk(
            rows,
            bits,
            rnd.getrandbits,
            alpha / detector.BASE_FREQ,
            detector.CONV_THRESHOLD,
            detector.ITERATION_LIMIT,
            [1.0 / n_lang] * n_lang,
        )
        for j in range(n_lang):
            langprob[j] += prob[j] / n_trial
    return langprob


@lru_cache(maxsize=4096)
def _detect(text: str, codes: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """langdetect's probability for every language family in `codes`, best first."""
    detector = _factory(codes).create()
    detector.append(text)
    langprob = _trials(detector)
    if langprob is None:
        return ()
    probs: dict[str, float] = {}
    for code, p in zip(detector.langlist, langprob, strict=True):
        family = _FAMILY_OF_PROFILE.get(code, code)
        probs[family] = probs.get(family, 0.0) + p
    return tuple(sorted(probs.items(), key=lambda kv: (-kv[1], kv[0])))


def _langdetect(prep: _Prepared, families: Iterable[str]) -> dict[str, float]:
    codes = tuple(
        sorted({c for f in families if f in _SUPPORTED for c in _PROFILES_OF.get(f, (f,))})
    )
    if len(codes) < 2:
        return {codes[0]: 1.0} if codes else {}
    STATS.langdetect += 1
    before = _detect.cache_info().hits
    result = _detect(prep.text, codes)
    if _detect.cache_info().hits > before:
        STATS.langdetect_cached += 1
    return dict(result)


def _hinted(prep: _Prepared) -> set[str]:
    found = _HINT_CHARS.intersection(prep.text)
    return {lang for ch in found for lang in _CHAR_HINTS[ch]}


def _best(probs: dict[str, float]) -> tuple[str, float] | None:
    if not probs:
        return None
    lang = min(probs, key=lambda k: (-probs[k], k))
    return lang, probs[lang]


def _settle(prep: _Prepared, exp: str, probs: dict[str, float]) -> str | None:
    """Turn langdetect's probabilities into an answer, or None when it is not reliable."""
    best = _best(probs)
    if best is None:
        return None
    lang, p = best
    if lang == exp:
        return exp if p >= REPORT_P else None
    listed_exp, listed_lang = exp in _STOP_INDEX, lang in _STOP_INDEX
    if listed_lang and _dominates(prep, lang):
        if p < CONFIRM_P or probs.get(exp, 0.0) > CONFIRM_EXPECTED_MAX_P:
            return None
    elif p < REPORT_P or probs.get(exp, 0.0) > EXPECTED_MAX_P or not prep.long_enough:
        return None
    if not (listed_exp or listed_lang) and p < BLIND_REPORT_P:
        return None
    if listed_exp:
        if listed_lang:
            # A quotation in another language is not a wrong-language segment: the other
            # language must hold most of the words that tell the two apart; STOP_MARGIN more
            # of them when langdetect gave the expected language some of its trials.
            margin = 1 if probs.get(exp, 0.0) <= EXPECTED_MAX_P else STOP_MARGIN
            if _exclusive(prep, lang, exp) < _exclusive(prep, exp, lang) + margin:
                return None
        elif sum(1 for m in prep.masks if m >> _STOP_INDEX[exp] & 1) * 5 >= prep.n_pieces:
            return None
    return lang


def _identify_script(prep: _Prepared, exp: str, extra: set[str]) -> tuple[bool, str | None, int]:
    """(settled, answer, counter) for segments whose script decides; (False, None, _NO_COUNT)
    when it does not."""
    letters = sum(prep.scripts.values())
    script, count = max(prep.scripts.items(), key=lambda kv: (kv[1], kv[0]))
    if count * 5 < letters * 4:
        return False, None, _NO_COUNT  # mixed scripts: leave it to the word and n-gram passes
    if script not in _SCRIPT_LANGS:
        # A script langdetect has no profile for (Armenian, Georgian...).
        return True, None, _NO_COUNT
    own = _LANG_SCRIPTS.get(exp, _LATIN_ONLY)
    if script in own:
        if len(_SCRIPT_LANGS[script]) == 1:
            return True, exp, _FIRST_PASS
        return False, None, _NO_COUNT
    # Written in a script the expected language does not use: it is some other language.
    families = set(_SCRIPT_LANGS[script]) | {
        f for f in extra if script in _LANG_SCRIPTS.get(f, _LATIN_ONLY)
    }
    if script == "Latin":
        families |= _hinted(prep)
        rival = _rival(prep, exp)
        if rival is not None:
            families.add(rival)
    if len(families) == 1:
        return True, next(iter(families)), _FIRST_PASS
    if not _foreign_possible(prep, exp, families):
        # `exp` is not among the families: the answer is foreign or None, and it is None.
        return True, None, _UNDECIDED
    best = _best(_langdetect(prep, families))
    if best is None or best[1] < REPORT_P:
        return True, None, _NO_COUNT
    lang = best[0]
    if not prep.long_enough and not (lang in _STOP_INDEX and _dominates(prep, lang)):
        return True, None, _NO_COUNT
    return True, lang, _NO_COUNT


def _foreign_possible(prep: _Prepared, exp: str, families: Iterable[str]) -> bool:
    """Whether langdetect could still name a language other than `exp` (see :func:`_settle` and
    :func:`_identify_script`): below LONG_WORDS words only one whose stop words dominate."""
    if prep.long_enough:
        return True
    if len(prep.masks) < 2:
        return False  # _dominates needs two stop words
    return any(f != exp and f in _STOP_INDEX and _dominates(prep, f) for f in families)


def _settle_could_report(
    prep: _Prepared, exp: str, families: Iterable[str], hits: list[int]
) -> bool:
    """Whether :func:`_settle` could answer a language other than `exp`, whatever langdetect's
    probabilities: its conditions on the stop words alone, for every language it may name.
    `hits` is :func:`_stop_hits`."""
    listed_exp = exp in _STOP_INDEX
    for lang in families:
        if lang == exp or lang not in _SUPPORTED:
            continue
        index = _STOP_INDEX.get(lang)
        listed = index is not None
        if not prep.long_enough and not (
            index is not None and _may_dominate(prep, hits[index]) and _dominates(prep, lang)
        ):
            continue
        if not listed_exp:
            return True
        if listed:
            if _exclusive(prep, lang, exp) > _exclusive(prep, exp, lang):
                return True
        elif hits[_STOP_INDEX[exp]] * 5 < prep.n_pieces:
            return True
    return False


def identify(text: str, expected: str, *, candidates: Sequence[str] | None = None) -> str | None:
    """Return the primary language code (e.g. 'en') detected for `text` when it can be judged
    reliably, else None. `expected` is a BCP-47 tag ('fr-FR'); only its primary subtag matters.

    `candidates` adds languages to consider besides the expected one and its usual confusions,
    typically the other language of the memory. The expected language comes back as the
    primary subtag of `expected` ('nb' for 'nb-NO', though langdetect calls it 'no').
    """
    return _identify(text, expected, candidates, foreign_only=False)


# Answers per (text with its digits masked, expected, candidates, foreign_only), least recently
# used dropped first: memories repeat segments a lot (a third of them are repeats in ordinary
# ones, more once numbers are masked: "Page 3 of 12"), and an answer is a pure function of
# these. Long texts rarely repeat and would make the cache heavy.
_CACHE_SIZE = 16384
_CACHE_MAX_TEXT = 1000
# The STATS counter that settled a call: the cache replays it on every later hit.
_COUNTERS = ("unsupported", "skipped", "first_pass", "undecided", "langdetect")
_UNSUPPORTED, _SKIPPED, _FIRST_PASS, _UNDECIDED, _LANGDETECT = range(len(_COUNTERS))
_NO_COUNT = -1
_answers: OrderedDict[tuple[str, str, tuple[str, ...], bool], tuple[str | None, int]]
_answers = OrderedDict()
# Digits carry no language evidence, and _judge cannot tell one ASCII digit from another: to
# every pattern here and in langdetect each is \d and \w, ASCII, uncased and not a letter; a
# token that holds one is a number or an identifier ("x"), except a sentence's Capitalized
# first word ("A4"), which then counts as a word of the same length and no stop word; and
# langdetect reads every ASCII digit as a space. So the cache, and _judge, see them all as 0.
_DIGIT_RE = re.compile(r"[1-9]")


def _count(counter: int) -> None:
    if counter == _FIRST_PASS:
        STATS.first_pass += 1
    elif counter == _SKIPPED:
        STATS.skipped += 1
    elif counter == _UNDECIDED:
        STATS.undecided += 1
    elif counter == _UNSUPPORTED:
        STATS.unsupported += 1
    elif counter == _LANGDETECT:
        STATS.langdetect += 1


def _identify(
    text: str, expected: str, candidates: Sequence[str] | None, *, foreign_only: bool
) -> str | None:
    """:func:`identify`; with `foreign_only`, None also when the answer could only be `expected`
    or None (what :func:`is_wrong_language` needs): langdetect is then not asked."""
    STATS.calls += 1
    if len(text) < MIN_LETTERS and text.isascii() and _family(expected) in _SUPPORTED:
        STATS.skipped += 1  # what _prepare says first, without the cache's costs
        return None
    if len(text) > _CACHE_MAX_TEXT:
        answer, counter = _judge(text, expected, candidates, foreign_only)
        _count(counter)
        return answer
    text = _DIGIT_RE.sub("0", text)
    cands = candidates if type(candidates) is tuple else tuple(candidates or ())
    key = (text, expected, cands, foreign_only)
    cached = _answers.get(key)
    if cached is not None:
        _answers.move_to_end(key)
        answer, counter = cached
        _count(counter)
        if counter == _LANGDETECT:
            STATS.langdetect_cached += 1  # langdetect's own cache would have answered
        return answer
    asked = STATS.langdetect
    answer, counter = _judge(text, expected, cands, foreign_only)
    if STATS.langdetect != asked:
        counter = _LANGDETECT  # counted by _langdetect itself
    else:
        _count(counter)
    _answers[key] = (answer, counter)
    if len(_answers) > _CACHE_SIZE:
        _answers.popitem(last=False)
    return answer


def _judge(
    text: str, expected: str, candidates: Sequence[str] | None, foreign_only: bool
) -> tuple[str | None, int]:
    """:func:`_identify` without the cache: the answer, and the STATS counter it moves."""
    exp = _family(expected)
    if exp not in _SUPPORTED:
        return None, _UNSUPPORTED
    prep = _prepare(text)
    if prep is None:
        return None, _SKIPPED
    extra: set[str] | None = None
    if len(prep.scripts) > 1 or exp in _LANG_SCRIPTS:
        extra = {_family(c) for c in candidates} if candidates else set()
        settled, answer, counter = _identify_script(prep, exp, extra)
        if settled:
            if answer == exp:
                return _primary(expected), counter
            return (answer if _prose(prep, text) else None), counter
    if exp in _STOP_INDEX and _dominates(prep, exp):
        return _primary(expected), _FIRST_PASS
    if extra is None:
        extra = {_family(c) for c in candidates} if candidates else set()
    families = {exp, "en", *_CONFUSIONS.get(exp, _LATIN_DEFAULT), *extra, *_hinted(prep)}
    if len(prep.scripts) > 1:
        # Mixed scripts (Japanese kanji and kana, or Latin words in Cyrillic text): let every
        # script that holds a fifth of the letters bring its languages.
        letters = sum(prep.scripts.values())
        for script, count in prep.scripts.items():
            if count * 5 >= letters and script != "Latin":
                families.update(_SCRIPT_LANGS.get(script, ()))
    hits = _stop_hits(prep)
    rival = _rival(prep, exp, hits)
    if rival is not None:
        families.add(rival)
    if foreign_only and not _settle_could_report(prep, exp, families, hits):
        # Most short segments that the stop words do not settle (UI strings: "Save the file
        # as", "Unable to open %s") end here rather than in langdetect's 7 random walks.
        return None, _UNDECIDED
    answer = _settle(prep, exp, _langdetect(prep, families))
    if answer == exp:
        return _primary(expected), _NO_COUNT
    return (answer if _prose(prep, text) else None), _NO_COUNT


def _prose(prep: _Prepared, text: str) -> bool:
    """Whether the ordinary words hold PROSE_SHARE of the letters of `text` (asked only of the
    few segments found in another language: it reads every character)."""
    return prep.letters >= PROSE_SHARE * sum(map(str.isalpha, text))


def is_wrong_language(
    text: str, expected: str, *, candidates: Sequence[str] | None = None
) -> str | None:
    """Return the detected other language when `text` is reliably NOT in `expected`; None when it
    is in `expected` or cannot be judged. `candidates` is passed on to :func:`identify`."""
    found = _identify(text, expected, candidates, foreign_only=True)
    if found is None or _family(found) == _family(expected):
        return None
    return found
