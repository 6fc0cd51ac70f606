"""Offices of the agency named in an article, and their heads: `Kantor Cabang Kupang`, `BPJamsostek
Sidoarjo`, `Kanwil Jatim`; `Kepala …, Nama`, `Nama, Kepala …`, `Nama selaku Kepala …`. Which office is
the article's, one office under several spellings, and the region an office stands for."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from .data import gazetteer, lexicon, word_set
from .view import ArticleView, SpanInfo, Tokens

PLACE_TYPES = {"provinsi", "prov", "prov.", "kota", "kabupaten", "kab", "kab.", "kepulauan"}  # `Kota Kupang`
NATIONAL_ROLES = ("direktur_utama", "dirut")  # HEAD_ROLE rules whose holder heads the national office


@dataclass
class Office:
    name: str
    level: str | None
    kind: str  # city, province, wilayah, nasional, unknown
    province: str | None
    start: int
    end: int
    head: str | None = None
    bare: bool = False  # a place named beside a figure, not introduced as an office (`di Kabupaten Pati`)
    area: str | None = None  # the part of the office's area a figure is for (a regency row of a breakdown)


def title_run(tokens: Tokens, i: int, limit: int = 5) -> int:
    """End of a run of capitalised tokens starting at i (initials with dots allowed)."""
    j = i
    text = tokens.text
    while j < len(text) and j - i < limit:
        word = text[j]
        if tokens.lower[j] in ("rp", "idr"):
            break  # `KCP Pandaan Rp 9,5 miliar`: a currency is not part of a name
        if word.istitle() or (word.isupper() and word.isalpha()) or (word == "." and j > i and len(text[j - 1]) == 1):
            j += 1
            continue
        if (word == "-" and j > i and j + 1 < len(text) and text[j + 1].istitle()
                and tokens.end[j - 1] == tokens.idx[j] and tokens.end[j] == tokens.idx[j + 1]):
            j += 2  # `Al-Farisi`: one hyphenated name
            continue
        break
    return j


def clean_name(tokens: list[str]) -> str | None:
    titles = word_set("honorifics")
    words = [t for t in tokens if t != "."]
    while words and words[0].lower().strip(".") in titles and len(words) > 1:
        words = words[1:]
    if words:  # `Henky Roshidienujarnya`: a speech verb glued to the name by a typo
        for verb in sorted(lexicon()["speech_verbs"], key=len, reverse=True):
            last = words[-1]
            if last.lower().endswith(verb) and len(last) > len(verb) + 2:
                words[-1] = last[: -len(verb)]
                break
    degrees = word_set("academic_degrees")
    while len(words) > 1 and words[-1].lower().replace(".", "") in degrees:
        words = words[:-1]  # `Siti Aminah SH`: a degree after the name
    name = " ".join(words).strip(" ,.")
    return name.replace(" - ", "-") or None




class KnownPlaces:
    """Places learnt from this article, backed by the gazetteer (not copied per article)."""

    def __init__(self) -> None:
        self.learnt: set[str] = set()

    def add(self, place: str) -> None:
        self.learnt.add(place)

    def __contains__(self, place: str) -> bool:
        return place in self.learnt or place in gazetteer().entries


class OfficeFinder:
    """Office mentions (`Kantor Cabang Kupang`, `BPJamsostek Sidoarjo`, `Kanwil Jatim`) and heads."""

    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self.tokens = view.tokens
        self.places = {s.start: s for s in view.spans.get("PLACE", [])}
        self.anchor_tokens: set[int] = set()
        for label in ("AGENCY", "OFFICE_WORD", "HEAD_ROLE"):
            for s in view.spans.get(label, []):
                self.anchor_tokens.update(range(s.start, s.end))
        self.known_places = self._known_places()
        self.national_head: str | None = None
        self._same: dict[str, Office | None] = {}
        self.offices = self._find_offices()
        self.heads = self._find_heads()

    def _known_places(self) -> "KnownPlaces":
        known = KnownPlaces()
        tokens = self.tokens
        # `Direktur Utama BPJS Ketenagakerjaan Anggoro Eko`: what follows the national head's title is a name
        national = {i for r in self.view.spans.get("HEAD_ROLE", []) if r.rule.endswith(NATIONAL_ROLES)
                    for i in range(r.start, r.end + 3)}
        for label in ("AGENCY", "OFFICE_WORD"):
            for s in self.view.spans.get(label, []):
                if label == "AGENCY" and (self.view.is_headline(self.view.sent_of[s.start]) or s.start in national):
                    continue
                if label == "AGENCY" and s.start > 0 and tokens.is_title(s.start - 1) and (s.start - 1) not in self.anchor_tokens:
                    continue  # `Kantor Wilayah Kalimantan BPJS Ketenagakerjaan Heru Prayitno`: the office is named already
                i = s.end
                end = title_run(tokens, i, 3)
                end = next((k for k in range(i, end) if k in self.anchor_tokens), end)  # `Wilayah X Y BPJS ...`
                if end > i and (end >= len(tokens) or not (tokens.is_title(end) or tokens.is_upper(end))
                                or tokens.lower[end] in ("rp", "idr") or end in self.anchor_tokens):
                    known.add(" ".join(tokens.lower[i:end]))
        return known

    def _place_at(self, i: int) -> tuple[str, str, str | None, int] | None:
        """(canonical, kind, province, end) of the place starting at token i."""
        tokens = self.tokens
        n = len(tokens)
        while i < n and tokens.lower[i] in PLACE_TYPES and i + 1 < n and (i + 1) in self.places:
            i += 1
        if i in self.places:
            s = self.places[i]
            parts = s.rule.split(".", 2)
            kind = parts[1] if parts[0] == "place" else "nasional"
            if kind == "nasional":
                return "Nasional", "nasional", None, s.end
            entry = gazetteer().lookup(s.text)
            canonical = parts[2] if len(parts) > 2 else s.text
            return canonical, kind, entry[2] if entry else None, s.end
        end = title_run(tokens, i, 5)
        end = next((k for k in range(i, end) if k in self.anchor_tokens), end)
        if end == i or tokens.lower[i] in {"bpjs", "kepala", "badan"} or tokens.is_stop(i):
            return None
        words = tokens.text[i:end]
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n]).lower()
            if cand in self.known_places:
                entry = gazetteer().lookup(cand)
                return (entry[0] if entry else " ".join(words[:n])), (entry[1] if entry else "city"), (entry[2] if entry else None), i + n
        return " ".join(words[:1]), "unknown", None, i + 1

    def _skip_agency(self, i: int) -> int:
        text = self.tokens.text
        n = len(text)
        moved = True
        while moved and i < n:
            moved = False
            if i in self.anchor_tokens and not (self.tokens.lower[i] == "kepala"):
                i += 1
                moved = True
            elif text[i] == "(" and i + 1 < n and (i + 1) in self.anchor_tokens:
                j = i + 1
                while j < n and text[j] != ")" and j - i < 6:
                    j += 1
                i = j + 1
                moved = True
        return i

    def _find_offices(self) -> list[Office]:
        n = len(self.tokens)
        offices = []
        anchors = sorted(self.view.spans.get("AGENCY", []) + self.view.spans.get("OFFICE_WORD", []), key=lambda s: s.start)
        used: set[int] = set()
        for a in anchors:
            if a.start in used:
                continue
            level = None
            j = a.start
            words: list[SpanInfo] = []
            while j < n:
                k = self._skip_agency(j)
                words.extend(s for s in anchors if j <= s.start < k)
                if k == j:
                    break
                j = k
            used.update(s.start for s in words)
            for w in words:
                if w.label == "OFFICE_WORD":
                    level = level or w.kind
            place = self._place_at(j)
            if place is None and level == "pusat":
                place = ("Nasional", "nasional", None, j)  # `Kantor Pusat`: the head office names no place
            if place is None or (place[1] == "unknown" and (level is None or self.view.is_headline(self.view.sent_of[a.start]))):
                continue
            name, kind, province, end = place
            if level is None:
                level = {"wilayah": "wilayah", "city": "cabang", "nasional": "pusat"}.get(kind)
            if kind == "wilayah" and level == "cabang":
                level = "wilayah"
            offices.append(Office(name, level, kind, province, a.start, end))
        return offices

    def _find_heads(self) -> list[tuple[int, Office | None, str]]:
        """(role start, office, name) of each head named with a role (`Kepala Kantor Cabang X, Nama`,
        `Nama, Kepala ...`, `Nama selaku Kepala ...`). A spokesman's title (`Asisten Deputi ...`) names
        no head; the Direktur Utama heads the national office (`self.national_head`)."""
        tokens = self.tokens
        n = len(tokens)
        heads = []
        not_head = word_set("not_head_prefixes")
        for role in self.view.spans.get("HEAD_ROLE", []):
            if role.start > 0 and tokens.lower[role.start - 1] in not_head:
                continue  # `Asisten Deputi Direktur ...`: a spokesman, not the head
            national = role.rule.endswith(NATIONAL_ROLES)
            office = None if national else next(
                (o for o in self.offices if role.start <= o.start < role.end + 8 and o.start >= role.start), None)
            i = self._skip_agency(office.end if office else role.end)  # `Kepala Kantor Cabang Kupang BPJS Ketenagakerjaan, Nama`
            if office and office.kind == "unknown" and office.name.lower() not in self.known_places:
                i = office.start
                while i < n and (i in self.anchor_tokens):
                    i += 1
                i = self._skip_agency(i)
                run_end = title_run(tokens, i, 6)
                if run_end - i >= 1 and " ".join(tokens.lower[i:i + 1]) not in self.known_places:
                    office = None  # `Kepala BPJS Ketenagakerjaan Firdaus`: the run is the name
            if office is not None:
                i = self._office_tail(office, i)
            name = self._name_after(i)
            if not name:
                name = self._name_before(role.start)
            if name:
                if len(name.split()) > 5:
                    name = " ".join(name.split()[:5])
                heads.append((role.start, office, name))
                if office:
                    office.head = name
                if national and self.national_head is None:
                    self.national_head = name
        return heads

    def _office_tail(self, office: Office, i: int) -> int:
        """`Kepala Kantor Cabang Kota Baru Selatan, Agus Rahman`: capitalised words left between the
        office and the comma before a person's name are the rest of the office's name. Returns where
        the name is to be read."""
        tokens, text = self.tokens, self.tokens.text
        end = title_run(tokens, i, 3)
        if end == i or end >= len(text) or text[end] != "," or self._person_at(end + 1) is None:
            return i
        if office.end == i and not self._is_name_word(i):
            return i
        office.name = " ".join([office.name, *text[i:end]]) if office.end == i else office.name
        office.end = end
        return end

    def _is_name_word(self, i: int) -> bool:
        """Is token i a word a place name may go on with (not a weekday, a month or a title)?"""
        tokens = self.tokens
        low = tokens.lower[i]
        if low in word_set("weekdays") or low in word_set("honorifics"):
            return False
        if low in lexicon()["months"]:  # `Juli 2023`, `5 Agustus`: a date; `Agus Rahman`: a name
            near = tokens.text[max(0, i - 1):i] + tokens.text[i + 1:i + 2]
            return not any(t[:1].isdigit() for t in near)
        return True

    def _person_at(self, i: int) -> str | None:
        """The person's name starting at token i (titles before it skipped), or None when what stands
        there is a weekday, a month, a place or the agency."""
        tokens, text = self.tokens, self.tokens.text
        n = len(text)
        honorifics = word_set("honorifics")
        while i < n and (tokens.lower[i].rstrip(".") in honorifics or text[i] == ".") and i + 1 < n:
            i += 1  # `Prof. Dr. Ir. Maria Susanti`: every title of the sequence
        end = title_run(tokens, i, 6)
        end = next((k for k in range(i, end) if k in self.anchor_tokens), end)  # `Nama BPJS ...`: the agency ends it
        if end == i:
            return None
        low = tokens.lower[i]
        if (low in {"di", "bpjs", "kepala", "kantor"} or low in word_set("government_titles") or not self._is_name_word(i)
                or i in self.anchor_tokens):
            return None  # `Kadis PMD`, `Bupati X`: an official's title, not a name
        name = clean_name(text[i:end])
        if not name or gazetteer().lookup(name):
            return None
        return name

    def _name_after(self, i: int) -> str | None:
        text, n = self.tokens.text, len(self.tokens)
        while i < n and text[i] in {"(", ")", ","}:
            if text[i] == "(":
                while i < n and text[i] != ")":
                    i += 1
            i += 1
        return self._person_at(i) if i < n else None

    def _name_before(self, role_start: int) -> str | None:
        """`Toto Suharto, Deputi Direktur ...`, `kata Dimas Prakoso selaku Kepala ...`: the name before the role."""
        tokens, text = self.tokens, self.tokens.text
        k = role_start - 1
        if k < 1 or not (text[k] == "," or tokens.lower[k] in word_set("name_link_words")):
            return None
        start = k
        while start > 0 and (tokens.is_title(start - 1) or tokens.is_upper(start - 1)) and k - start < 5:
            start -= 1
        verbs = word_set("speech_verbs")
        while start < k and tokens.lower[start] in verbs:
            start += 1  # `Kata Mulyana, Kepala ...`: the speech verb opening the sentence
        if start >= k or not self._is_name_word(start):
            return None
        name = clean_name(text[start:k])
        if not name or gazetteer().lookup(name):
            return None
        return name

    def _witness(self, role_start: int) -> bool:
        """`… turut disaksikan oleh Kepala BPJS Ketenagakerjaan Cabang X`: a head named as a witness or guest."""
        lower = self.tokens.lower
        return any(w in word_set("witness_words") for w in lower[max(0, role_start - 4):role_start])

    def same_office(self, office: Office, head: str | None) -> tuple[Office, str | None]:
        """One office under several spellings (`Tanjungkarang`, `Tanjung Karang`, a letter dropped):
        the spelling of the office mention that names a head (else the first), and that head."""
        key = office_key(office.name)
        if len(key) < 4:
            return office, head
        if key not in self._same:
            match = [o for o in self.offices if o.kind != "nasional" and same_key(office_key(o.name), key)]
            match.sort(key=lambda o: (o.head is None, o.start))
            self._same[key] = match[0] if match else None
        found = self._same[key]
        if found is None:
            return office, head
        if found.name != office.name:
            office = replace(office, name=found.name, province=office.province or found.province)
        return office, head or found.head

    def main_office(self) -> tuple[Office | None, str | None]:
        """The article's office: the first one whose head is named (not as a witness or guest), else the most mentioned."""
        for start, speaker, name in self.heads:
            if speaker is not None and not self._witness(start):
                return speaker, name
        for _, office, name in self.heads:
            if office is not None:
                return office, name
        known = [o for o in self.offices if o.kind != "unknown"] or self.offices
        if known:
            counts = Counter(o.name for o in known)
            top = max(known, key=lambda o: (counts[o.name], -o.start))
            head = next((n for _, o, n in self.heads), None)
            return top, head
        places = [p for p in self.view.spans.get("PLACE", []) if not p.rule.startswith("cue.")]
        if places:
            counts = Counter(p.rule for p in places)
            rule = counts.most_common(1)[0][0]
            parts = rule.split(".", 2)
            entry = gazetteer().lookup(parts[2])
            office = Office(parts[2], None, parts[1], entry[2] if entry else None, -1, -1)
            head = next((n for _, o, n in self.heads), None)
            return office, head
        return None, next((n for _, o, n in self.heads), None)


@lru_cache(maxsize=4096)
def office_key(name: str) -> str:
    """An office name with case, spaces and hyphens left out: what its spellings share."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def same_key(a: str, b: str) -> bool:
    """The same name, or (for names of eight letters or more) one letter added, dropped or changed."""
    if a == b:
        return True
    if min(len(a), len(b)) < 8 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = sorted((a, b), key=len)
    i = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[i:] == long_[i + 1:]


def covered(place: Office, main: Office | None) -> bool:
    """Is `place` the main office itself or an area the main office stands for?"""
    if main is None:
        return False
    p, m = place.name.lower(), main.name.lower()
    if p == m or p in m.split() or p in m or m in p:
        return True
    if place.kind == "province":
        if main.province == place.name:
            return True
        if main.kind == "wilayah" and place.name in gazetteer().kanwil_provinces(main.name):
            return True
    return False


def region_of(office: Office | None) -> str | None:
    if office is None:
        return None
    if office.kind == "wilayah":
        return "; ".join(gazetteer().kanwil_provinces(office.name)) or None
    if office.kind == "nasional":
        return "Indonesia"
    if office.area and office.area != office.name:
        return f"{office.province}; {office.area}" if office.province else office.area
    if office.province and office.province != office.name:
        return f"{office.province}; {office.name}"
    return office.province or None
