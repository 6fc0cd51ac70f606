"""Synthetic regional-news articles about BPJS Ketenagakerjaan, for benchmarks (deterministic per seed).

Shaped like the real regional press, so that measured ratios mean something: a headline, a
dateline lead with the headline figure, the head's quote, a program breakdown in some articles,
participants, and body paragraphs about outreach, benefit handovers and cooperation, written
from templates whose slots (people, companies, places, days, events) vary per article, so the
vocabulary is not a handful of repeated sentences, and with the reduplicated words (`masing-masing`,
`sehari-hari`) Indonesian prose is full of. Sizes differ in the number of body paragraphs;
a real article of ~2 000 characters carries 5 to 10 figures, and so does a medium one here.
"""
from __future__ import annotations

import random
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
CONTEXT = [
    "{subject} {verb} {object} {adverbial}.",
    "{subject} juga {verb} {object}, sementara {subject2} {verb2} {object2}.",
    "Langkah itu diambil karena {reason}, ujar {person} dari {subject_lower}.",
    "\"Kami {verb} {object} {adverbial},\" kata {person}.",
    "Sebelumnya, {subject_lower} sempat {verb} {object} namun tertunda akibat {reason}.",
]
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


def article(rng: random.Random, size: str) -> str:
    city = rng.choice(CITIES)
    head = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    head_short = head.split()[-1]
    year = rng.randint(2005, 2024)
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    def context() -> str:
        subject, subject2 = rng.sample(SUBJECTS, 2)
        return rng.choice(CONTEXT).format(
            subject=subject, subject2=subject2.lower(), subject_lower=subject.lower(), verb=rng.choice(VERBS),
            verb2=rng.choice(VERBS), object=rng.choice(OBJECTS), object2=rng.choice(OBJECTS), adverbial=rng.choice(ADVERBIALS),
            reason=rng.choice(REASONS), person=f"{rng.choice(FIRST)} {rng.choice(LAST)}")

    slot = lambda: {"head_short": head_short, "goal": rng.choice(GOALS), "event": rng.choice(EVENTS), "venue": rng.choice(VENUES),
                    "day": rng.choice(DAYS), "company": rng.choice(COMPANIES), "trade": rng.choice(TRADES), "city": city,
                    "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "service": rng.choice(SERVICES)}
    cases = [rng.randint(20, 9000) for _ in PROGRAMS]
    amounts = [rupiah(rng, 2e8, 9e10) for _ in PROGRAMS]
    total = sum(v for v, _ in amounts)
    _, total_text = rupiah(rng, total, total)
    lines = [f"BPJS Ketenagakerjaan {city} Bayar Klaim {total_text} Sepanjang {year}", "",
             f"{city.upper()} - BPJS Ketenagakerjaan Cabang {city} membayarkan klaim senilai {total_text} sepanjang tahun "
             f"{year} untuk {thousands(sum(cases))} kasus, {DAYS[day % 6]} ({day}/{month + 1}/{year + 1}).", ""]
    body = [BODY[i].format(**slot()) for i in rng.sample(range(len(BODY)), len(BODY))]
    paragraphs = {"short": 1, "medium": 4, "long": 11}[size]
    sentences_each = 1

    def body_paragraph() -> None:
        nonlocal body
        if len(body) < sentences_each:
            body = [BODY[i].format(**slot()) for i in rng.sample(range(len(BODY)), len(BODY))]
        lines.extend([" ".join([*body[:sentences_each], context()]), ""])
        body = body[sentences_each:]

    lines += [f"Kepala BPJS Ketenagakerjaan Cabang {city}, {head}, mengatakan klaim terbanyak berasal dari program "
              f"{PROGRAMS[0][0]} ({PROGRAMS[0][1]}).", ""]
    if rng.random() < 0.5:
        lines += ["Rinciannya, " + ", ".join(f"{name} ({code}) {text} untuk {thousands(c)} kasus"
                                           for (name, code), (_, text), c in zip(PROGRAMS, amounts, cases)) + ".", ""]
    else:
        code = rng.choice(PROGRAMS[1:])
        lines += [f"Untuk {code[0]} ({code[1]}), klaim yang dibayarkan mencapai {amounts[1][1]} kepada {thousands(cases[1])} penerima.", ""]
    for _ in range(paragraphs):
        body_paragraph()
    lines += [f"Hingga akhir {MONTHS[month]} {year}, jumlah peserta aktif tercatat {thousands(rng.randint(10000, 300000))} tenaga kerja, "
              f"terdiri atas {thousands(rng.randint(5000, 90000))} pekerja penerima upah dan {thousands(rng.randint(1000, 40000))} "
              f"pekerja bukan penerima upah.", ""]
    body_paragraph()
    lines.append(f"\"Kami berharap {rng.choice(GOALS)} terus meningkat,\" ujar {head_short}.")
    return "\n".join(lines) + "\n"


def write_corpus(root: Path, n: int, seed: int = 1, sizes: tuple[str, ...] = ("short", "medium", "long")) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:06d}.txt").write_text(article(rng, sizes[i % len(sizes)]), encoding="utf-8")
    return root
