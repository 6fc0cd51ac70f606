"""Synthetic regional-news articles about BPJS Ketenagakerjaan, for benchmarks (deterministic per seed).

Shaped like the real regional press, so that measured ratios mean something: a headline, a
dateline lead with the headline figure, the head's quote, a program breakdown in some articles,
participants, and body paragraphs about outreach, benefit handovers and cooperation, written
from templates whose slots (people, companies, places, days, events) vary per article, so the
vocabulary is not a handful of repeated sentences, and with the reduplicated words (`masing-masing`,
`sehari-hari`) Indonesian prose is full of. Sizes differ in the number of body paragraphs;
a real article of ~2 000 characters carries 5 to 10 figures, and so does a medium one here.

Layouts follow the real press too, which matters to tokenisers: 23 of the 28 real articles in
../shared have single line breaks (a photo caption under the headline, paragraphs hard-wrapped
at ~90 characters), mostly within their first sixth. `spacy.blank("id")` lists `\n` among its
special cases, and after a special case its tokenizer caches nothing more for that text, so a
text with single line breaks tokenises several times slower than the same text with blank lines
only. LAYOUTS draws the layout with about the real shares.
"""
from __future__ import annotations

import random
import textwrap
from pathlib import Path

def _places() -> list[str]:
    """The cities and regencies of the project's gazetteer: an archive spans hundreds of offices."""
    import csv

    with open(Path(__file__).resolve().parent.parent / "patterns" / "places.csv", encoding="utf-8") as fh:
        return [row["name"] for row in csv.DictReader(fh)]


CITIES = _places()
PROGRAMS = [("Jaminan Hari Tua", "JHT"), ("Jaminan Kematian", "JKM"), ("Jaminan Kecelakaan Kerja", "JKK"), ("Jaminan Pensiun", "JP")]
FIRST = ["Andi", "Rina", "Yohanis", "Maria", "Dedi", "Sri", "Budi", "Agus", "Siti", "Made", "Nyoman", "Fransiskus", "Hendra", "Dewi",
         "Rahmat", "Yuliana", "Ikhsan", "Nurul", "Teguh", "Wayan", "Bambang", "Lestari", "Arif", "Hasanuddin", "Fitri", "Marthen"]
LAST = ["Saputra", "Wulandari", "Kambu", "Lado", "Supriadi", "Lestari", "Santoso", "Harahap", "Nasution", "Siregar", "Pratama",
        "Hidayat", "Mahendra", "Wijaya", "Rumbiak", "Tanjung", "Gunawan", "Kurniawan", "Simanjuntak", "Mandagi", "Daeng", "Rahman"]
TRADES = ["nelayan", "petani", "pedagang pasar", "pengemudi ojek daring", "buruh bangunan", "perajin tenun", "penjual sayur",
          "tukang parkir", "pekerja rumah ibadah", "guru honorer", "kader posyandu", "petugas kebersihan", "sopir angkutan kota"]
COMPANIES = ["PT Sumber Makmur", "PT Karya Bahari", "PT Sinar Terang Abadi", "CV Mitra Usaha", "PT Bangun Persada", "PT Tirta Jaya",
             "PT Nusantara Logistik", "Koperasi Serba Usaha Sejahtera", "PT Mega Perkasa", "PT Cahaya Samudra"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
EVENTS = ["rapat koordinasi", "sosialisasi", "kunjungan kerja", "penandatanganan nota kesepahaman", "bimbingan teknis", "jumpa pers",
          "dialog interaktif", "pameran pelayanan publik", "apel pagi", "forum komunikasi"]
VENUES = ["aula kantor bupati", "ruang rapat wali kota", "gedung DPRD", "balai desa", "kantor kecamatan", "pendopo kabupaten",
          "hotel di pusat kota", "pelabuhan perikanan", "pasar induk", "kampus politeknik negeri"]
GOALS = ["perlindungan bagi pekerja rentan", "kepatuhan perusahaan membayar iuran", "kesadaran pekerja bukan penerima upah",
         "pelayanan klaim yang lebih cepat", "perluasan kepesertaan di desa", "perlindungan bagi perangkat desa",
         "pemanfaatan layanan tanpa kontak fisik", "kerja sama dengan pemerintah daerah"]

BODY = [
    "{head_short} menjelaskan, pihaknya terus mendorong {goal} melalui {event} bersama dinas tenaga kerja setempat.",
    "Dalam {event} yang digelar di {venue}, {day} lalu, hadir pula perwakilan {company} dan sejumlah serikat pekerja.",
    "Menurut {head_short}, masih banyak {trade} yang belum memahami manfaat jaminan sosial ketenagakerjaan.",
    "Ia mengajak para {trade} untuk mendaftar karena risiko kerja bisa datang kapan saja dalam kegiatan sehari-hari.",
    "Menurut dia, masing-masing program memberi manfaat yang berbeda, mulai dari santunan hingga beasiswa anak-anak peserta.",
    "Penyerahan santunan dilakukan secara simbolis kepada ahli waris almarhum {person}, seorang {trade} asal {city}.",
    "Ahli waris {person} mengaku sangat terbantu karena santunan itu akan digunakan untuk biaya sekolah anak-anaknya.",
    "Pemerintah daerah, kata dia, telah menganggarkan iuran bagi sebagian {trade} melalui dana desa dan APBD.",
    "{company} disebut sebagai salah satu pemberi kerja yang tertib melaporkan upah dan membayar iuran tepat waktu.",
    "Selain itu, {service} kini tersedia sehingga peserta tidak perlu datang dan mengantre di kantor cabang.",
    "Ia juga mengingatkan perusahaan agar tidak mendaftarkan sebagian pekerjanya saja, karena hal itu melanggar aturan.",
    "Wakil bupati {person} yang hadir dalam kesempatan itu menyambut baik langkah tersebut dan berjanji memberi dukungan.",
    "Ke depan, pihaknya akan menyasar {trade} di wilayah pesisir dan pedalaman yang selama ini sulit dijangkau.",
    "Kegiatan ditutup dengan sesi tanya jawab, ketika sejumlah peserta menanyakan syarat pencairan dan masa tunggu klaim.",
    "{person}, salah satu {trade} yang ditemui di lokasi, mengaku baru mengetahui adanya program perlindungan tersebut.",
]
# Sentences about the local context, composed from parts: real articles wander beyond the agency, and
# their vocabulary is several times richer than a few templates (type/token ratio ~0.3 over 8 000 tokens).
SUBJECTS = ["Pemerintah kabupaten", "Dinas tenaga kerja", "Kepala dinas sosial", "Ketua DPRD", "Camat setempat", "Lurah",
            "Serikat buruh", "Asosiasi pengusaha", "Kelompok nelayan", "Pengurus koperasi", "Para pedagang", "Warga desa",
            "Tokoh masyarakat", "Kepala desa", "Manajemen perusahaan", "Pengelola pasar", "Paguyuban pengemudi",
            "Dewan pengupahan", "Tim pendamping", "Balai latihan kerja", "Badan perencanaan daerah", "Organisasi pemuda",
            "Forum pimpinan daerah", "Kantor imigrasi", "Dinas perikanan", "Dinas pertanian", "Himpunan mahasiswa",
            "Kamar dagang", "Penyuluh lapangan", "Relawan bencana"]
VERBS = ["menggelar", "menyiapkan", "mengusulkan", "membahas", "meninjau", "menyalurkan", "mengevaluasi", "mendata",
         "memverifikasi", "menandatangani", "mempercepat", "memperkuat", "mengoordinasikan", "menyosialisasikan", "menertibkan",
         "memetakan", "mengawal", "merencanakan", "menuntaskan", "membenahi", "mendampingi", "menggalakkan", "meresmikan",
         "menampung", "menjadwalkan", "memantau", "menindaklanjuti", "mengkaji", "mematangkan", "menggodok"]
OBJECTS = ["pendataan pekerja informal", "perbaikan jalan desa", "penataan pasar tradisional", "program padat karya",
           "pelatihan keterampilan kerja", "rekrutmen tenaga kerja lokal", "pengawasan keselamatan kerja", "bantuan alat tangkap",
           "pembangunan balai latihan", "sertifikasi kompetensi", "penyusunan upah minimum", "perizinan usaha mikro",
           "perlindungan pekerja migran", "penanganan pemutusan hubungan kerja", "pemulihan ekonomi pascabanjir",
           "pengembangan wisata bahari", "penyaluran pupuk bersubsidi", "digitalisasi layanan publik", "revitalisasi terminal",
           "pembinaan pelaku usaha kecil", "pencegahan kecelakaan lalu lintas", "pemagangan lulusan sekolah kejuruan",
           "pengendalian inflasi daerah", "penanganan stunting", "penguatan ekonomi kreatif", "perbaikan irigasi sawah",
           "penyediaan air bersih", "pemberdayaan perempuan kepala keluarga", "pelestarian hutan mangrove", "penataan kawasan kumuh"]
ADVERBIALS = ["sejak awal pekan", "menjelang musim tanam", "di tengah kenaikan harga bahan pokok", "secara bertahap",
              "bersama instansi terkait", "tanpa dipungut biaya", "di sejumlah kecamatan", "dengan melibatkan perguruan tinggi",
              "sesuai arahan kepala daerah", "demi menekan angka pengangguran", "setelah menerima keluhan warga",
              "sebelum akhir tahun anggaran", "di wilayah perbatasan", "meski terkendala cuaca buruk", "dengan dukungan donatur",
              "di kawasan industri", "selama masa libur sekolah", "usai rapat paripurna", "seiring meningkatnya arus mudik",
              "agar tepat sasaran", "di pesisir utara", "dengan pengawalan aparat", "menyusul rekomendasi ombudsman",
              "hingga ke pelosok kampung", "bersamaan dengan pasar murah"]
REASONS = ["anggaran yang terbatas", "banyaknya pekerja musiman", "minimnya sinyal internet", "jarak tempuh yang jauh",
           "rendahnya literasi keuangan", "tingginya mobilitas penduduk", "perubahan aturan dari pusat", "lonjakan permintaan",
           "kurangnya tenaga penyuluh", "ketergantungan pada hasil laut", "musim kemarau yang panjang", "kenaikan biaya logistik"]
# Word roots and the affixes Indonesian derives most of its words with (meN-, di-, ber-, ter-, peN-an,
# ke-an, -kan, -i, -nya): the long tail of word forms that news has and a few templates do not.
ROOTS = ("bangun tanam jual beli rawat kirim ukur atur didik latih bina kelola olah tulis baca hitung catat periksa bayar "
         "pakai pilih jaga bantu dukung temu cari buka tutup ikut pindah tambah ubah tahan tunda tolak terima kumpul bagi "
         "salur antar susun rancang kaji uji nilai pantau awas lindung siap sedia lapor daftar urus layan jamin cair ajar "
         "gerak tata timbang ajak undang sambut hadir serah dorong tarik angkat ambil simpan tukar sewa pinjam cetak rekam "
         "ganti sebar kenal sapa tanya jawab tunjuk minta beri pasang rakit tangkap panen pupuk siram jemur masak cuci hias "
         "ukir tenun jahit anyam pahat gali timbun angkut muat bongkar labuh dayung selam rintis garap tempuh tembus sasar "
         "giat pacu pulih kembang tumbuh bentuk dengar lihat rasa pikir harap ingat sepakat setuju rugi untung hasil").split()
PLACES = ("desa kota pesisir pasar sawah kebun ladang hutan sungai laut gunung pulau jalan jembatan sekolah rumah kantor pabrik "
          "gudang toko warung bengkel terminal pelabuhan dermaga bandara stasiun puskesmas kampung dusun lembah teluk tambak").split()
QUALITIES = ("baru lama besar kecil tinggi rendah cepat lambat murah mahal ramai sepi bersih aman rawan padat luas sempit kering "
             "basah subur tandus terpencil strategis produktif mandiri tangguh layak").split()
_NASAL = (("p", "mem", 1), ("b", "mem", 0), ("f", "mem", 0), ("t", "men", 1), ("d", "men", 0), ("c", "men", 0), ("j", "men", 0),
          ("s", "meny", 1), ("k", "meng", 1), ("g", "meng", 0), ("h", "meng", 0))


def _nasal(root: str) -> str:
    """meN- with its nasal assimilation: `pakai` -> `memakai`, `tulis` -> `menulis`, `ambil` -> `mengambil`."""
    if root[0] in "aiueo":
        return "meng" + root
    for first, prefix, drop in _NASAL:
        if root.startswith(first):
            return prefix + root[drop:]
    return "me" + root


def derived(rng: random.Random) -> str:
    """A derived word form from ROOTS, the frequent roots drawn more often (a Zipf-like tail)."""
    root = ROOTS[min(int(rng.paretovariate(0.6)) - 1, len(ROOTS) - 1)] if rng.random() < 0.5 else rng.choice(ROOTS)
    verb = _nasal(root)
    return rng.choice((verb, verb + "kan", verb + "i", "di" + root, "di" + root + "kan", "ber" + root, "ter" + root,
                       "pe" + verb[2:] + "an", "ke" + root + "an", root + "an", root + "nya", verb + "nya"))


_ONSETS = ("b", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "y", "ng", "ny", "s", "k", "m", "r")
_VOWELS = "aaiiuueo"
_CODAS = ("", "", "", "n", "ng", "r", "t", "k", "s", "l", "m")


def coined(rng: random.Random) -> str:
    """A name made of Indonesian-like syllables (`Sumarling`, `Kalibonto`): people, villages and firms
    in the news are a long tail that no list holds."""
    n = rng.choice((2, 3, 3, 4))
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + (rng.choice(_CODAS) if i == n - 1 or rng.random() < 0.25 else "")
                   for i in range(n)).capitalize()


def person(rng: random.Random) -> str:
    first = rng.choice(FIRST) if rng.random() < 0.6 else coined(rng)
    return f"{first} {rng.choice(LAST) if rng.random() < 0.5 else coined(rng)}"


def company(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(COMPANIES)
    return f"{rng.choice(('PT', 'PT', 'CV', 'UD'))} {coined(rng)} {rng.choice(('Jaya', 'Abadi', 'Mandiri', 'Sejahtera', 'Utama', 'Lestari'))}"


CONTEXT = [
    "{subject} {verb} {object} {adverbial}.",
    "{subject} juga {verb} {object}, sementara {subject2} {verb2} {object2}.",
    "Langkah itu diambil karena {reason}, ujar {person} dari {subject_lower}.",
    "\"Kami {verb} {object} {adverbial},\" kata {person}.",
    "Sebelumnya, {subject_lower} sempat {verb} {object} namun tertunda akibat {reason}.",
    "{subject} {derived} {derived2} {place} yang {quality} {adverbial}.",
    "Menurut {person}, {derived} {place} {quality} perlu {derived2} agar {derived3} {place2} tidak {derived4}.",
    "\"Kalau {derived} {place} sudah {quality}, kami {derived2} {derived3},\" ucapnya.",
    "Warga {place} {derived} {derived2} sejak {derived3} {place2} {quality} itu {derived4}.",
    "{subject} menilai {derived} {place} masih {quality}, sehingga {derived2} dan {derived3} perlu {derived4}.",
    "Di Desa {village}, Kecamatan {district}, {derived} {place} yang {quality} {derived2} oleh {person} dan {person2}.",
    "{person} dari {company} {derived} {derived2} di {village} sejak {derived3} {place}.",
]
CAPTIONS = ["{head} memberikan keterangan kepada wartawan di kantornya.", "Peserta mengantre di kantor cabang {city}.",
            "Penyerahan santunan kepada ahli waris peserta di {city}.", "Petugas melayani peserta di {venue}."]
CREDITS = ["(FOTO: ISTIMEWA)", "(ANTARA/HO)", "(Foto: Dok. BPJS Ketenagakerjaan)", "/Foto: Humas"]
# (layout, share): blank lines between paragraphs only; a caption line under the headline; hard-wrapped paragraphs
LAYOUTS = (("paragraphs", 0.2), ("captioned", 0.5), ("wrapped", 0.3))
# The fixed sentences every article has, each in several wordings, as different outlets write them.
AGENCY_NAMES = ("BPJS Ketenagakerjaan", "BPJS Ketenagakerjaan", "BPJamsostek", "BP Jamsostek")
HEADLINES = ("{agency} {city} Bayar Klaim {total} Sepanjang {year}", "Klaim {agency} {city} Tembus {total} pada {year}",
             "Sepanjang {year}, {agency} {city} Salurkan Manfaat {total}", "{agency} Cabang {city} Cairkan Klaim {total}")
LEADS = ("{CITY} - {agency} Cabang {city} membayarkan klaim senilai {total} sepanjang tahun {year} untuk {cases} kasus, {day} ({date}).",
         "{CITY} - Sebanyak {cases} klaim dengan nilai {total} dibayarkan {agency} Cabang {city} selama {year}, kata pejabatnya, {day} ({date}).",
         "{CITY}, ({day}, {date}) - Kantor Cabang {agency} {city} mencatat pembayaran klaim sebesar {total} untuk {cases} kasus pada {year}.")
HEAD_LINES = ("Kepala BPJS Ketenagakerjaan Cabang {city}, {head}, mengatakan klaim terbanyak berasal dari program {program} ({code}).",
              "Menurut Kepala Kantor Cabang {city} {head}, sebagian besar klaim merupakan pencairan {program} ({code}).",
              "{head}, Kepala BPJS Ketenagakerjaan Cabang {city}, menyebut {program} ({code}) masih mendominasi pengajuan klaim.")
PARTICIPANT_LINES = (
    "Hingga akhir {month} {year}, jumlah peserta aktif tercatat {total} tenaga kerja, terdiri atas {pu} pekerja penerima upah "
    "dan {bpu} pekerja bukan penerima upah.",
    "Per {month} {year}, peserta aktif berjumlah {total} orang, dengan {pu} pekerja penerima upah serta {bpu} pekerja bukan penerima upah.",
    "Adapun kepesertaan sampai {month} {year} mencapai {total} pekerja; {pu} di antaranya penerima upah, {bpu} bukan penerima upah.")
CLOSINGS = ("\"Kami berharap {goal} terus meningkat,\" ujar {head_short}.", "\"Harapan kami, {goal} makin baik,\" tutur {head_short}.",
            "{head_short} optimistis {goal} akan tercapai tahun depan.")
SERVICES = ["layanan Lapak Asik", "antrean daring", "klaim lewat aplikasi JMO", "pelayanan di mal pelayanan publik", "layanan jemput bola"]


def rupiah(rng: random.Random, low: float, high: float) -> tuple[float, str]:
    """A rupiah amount written as the press writes it: `Rp4,2 miliar`, `Rp 315 juta`, `Rp12.600.000`."""
    value = rng.uniform(low, high)
    style = rng.randrange(3)
    if value >= 1e9 and style < 2:
        return value, f"Rp{'' if style else ' '}{value / 1e9:.2f}".replace(".", ",") + " miliar"
    if value >= 1e6 and style < 2:
        return value, f"Rp{'' if style else ' '}{value / 1e6:.1f}".replace(".", ",") + " juta"
    return value, "Rp" + f"{round(value):,}".replace(",", ".")


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def article(rng: random.Random, size: str, layout: str | None = None) -> str:
    """One article of the given size; its layout is drawn from LAYOUTS unless given."""
    layout = layout or rng.choices([name for name, _ in LAYOUTS], [share for _, share in LAYOUTS])[0]
    city = rng.choice(CITIES)
    head = person(rng)
    head_short = head.split()[-1]
    year = rng.randint(2005, 2024)
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    def context() -> str:
        subject, subject2 = rng.sample(SUBJECTS, 2)
        return rng.choice(CONTEXT).format(
            subject=subject, subject2=subject2.lower(), subject_lower=subject.lower(), verb=rng.choice(VERBS),
            verb2=rng.choice(VERBS), object=rng.choice(OBJECTS), object2=rng.choice(OBJECTS), adverbial=rng.choice(ADVERBIALS),
            reason=rng.choice(REASONS), person=person(rng), person2=person(rng), company=company(rng),
            village=coined(rng), district=coined(rng), derived=derived(rng),
            derived2=derived(rng), derived3=derived(rng), derived4=derived(rng), place=rng.choice(PLACES),
            place2=rng.choice(PLACES), quality=rng.choice(QUALITIES))

    slot = lambda: {"head_short": head_short, "goal": rng.choice(GOALS), "event": rng.choice(EVENTS), "venue": rng.choice(VENUES),
                    "day": rng.choice(DAYS), "company": company(rng), "trade": rng.choice(TRADES), "city": city,
                    "person": person(rng), "service": rng.choice(SERVICES)}
    cases = [rng.randint(20, 9000) for _ in PROGRAMS]
    amounts = [rupiah(rng, 2e8, 9e10) for _ in PROGRAMS]
    total = sum(v for v, _ in amounts)
    _, total_text = rupiah(rng, total, total)
    agency = rng.choice(AGENCY_NAMES)
    lines = [rng.choice(HEADLINES).format(agency=agency, city=city, total=total_text, year=year), "",
             rng.choice(LEADS).format(CITY=city.upper(), agency=agency, city=city, total=total_text, year=year,
                                      cases=thousands(sum(cases)), day=DAYS[day % 6], date=f"{day}/{month + 1}/{year + 1}"), ""]
    body = [BODY[i].format(**slot()) for i in rng.sample(range(len(BODY)), len(BODY))]
    paragraphs = {"short": 1, "medium": 3, "long": 8}[size]
    sentences_each = 1

    def body_paragraph() -> None:
        nonlocal body
        if len(body) < sentences_each:
            body = [BODY[i].format(**slot()) for i in rng.sample(range(len(BODY)), len(BODY))]
        lines.extend([" ".join([*body[:sentences_each], *(context() for _ in range(rng.randint(1, 2)))]), ""])
        body = body[sentences_each:]

    lines += [rng.choice(HEAD_LINES).format(city=city, head=head, program=PROGRAMS[0][0], code=PROGRAMS[0][1]), ""]
    if rng.random() < 0.5:
        lines += ["Rinciannya, " + ", ".join(f"{name} ({code}) {text} untuk {thousands(c)} kasus"
                                           for (name, code), (_, text), c in zip(PROGRAMS, amounts, cases)) + ".", ""]
    else:
        code = rng.choice(PROGRAMS[1:])
        lines += [f"Untuk {code[0]} ({code[1]}), klaim yang dibayarkan mencapai {amounts[1][1]} kepada {thousands(cases[1])} penerima.", ""]
    for _ in range(paragraphs):
        body_paragraph()
    lines += [rng.choice(PARTICIPANT_LINES).format(month=MONTHS[month], year=year, total=thousands(rng.randint(10000, 300000)),
                                                   pu=thousands(rng.randint(5000, 90000)), bpu=thousands(rng.randint(1000, 40000))), ""]
    body_paragraph()
    lines.append(rng.choice(CLOSINGS).format(goal=rng.choice(GOALS), head_short=head_short))
    if layout == "captioned":
        caption = rng.choice(CAPTIONS).format(head=head, city=city, venue=rng.choice(VENUES))
        lines[1:2] = ["", f"{caption} {rng.choice(CREDITS)}"]  # no blank line between the caption and the lead
    elif layout == "wrapped":
        lines = [wrapped for line in lines for wrapped in (textwrap.wrap(line, rng.randint(80, 100)) or [""])]
    return "\n".join(lines) + "\n"


def write_corpus(root: Path, n: int, seed: int = 1, sizes: tuple[str, ...] = ("short", "medium", "long")) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:06d}.txt").write_text(article(rng, sizes[i % len(sizes)]), encoding="utf-8")
    return root
