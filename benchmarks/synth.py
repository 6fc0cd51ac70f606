"""Synthetic regional-news articles about BPJS Ketenagakerjaan, for benchmarks (deterministic per seed)."""
from __future__ import annotations

import random
from pathlib import Path

CITIES = ["Kupang", "Mataram", "Jember", "Palu", "Kendari", "Sorong", "Pekalongan", "Cilegon", "Balikpapan", "Kediri", "Blitar", "Garut",
          "Banda Aceh", "Medan", "Padang", "Pekanbaru", "Batam", "Jambi", "Palembang", "Bengkulu", "Bandar Lampung", "Serang",
          "Bogor", "Depok", "Bekasi", "Karawang", "Cirebon", "Tasikmalaya", "Semarang", "Surakarta", "Purwokerto", "Tegal",
          "Yogyakarta", "Surabaya", "Sidoarjo", "Malang", "Madiun", "Banyuwangi", "Denpasar", "Bima", "Maumere", "Pontianak",
          "Palangka Raya", "Banjarmasin", "Samarinda", "Tarakan", "Makassar", "Parepare", "Palopo", "Manado", "Gorontalo",
          "Ambon", "Ternate", "Jayapura", "Merauke", "Manokwari"]
PROGRAMS = [("Jaminan Hari Tua", "JHT"), ("Jaminan Kematian", "JKM"), ("Jaminan Kecelakaan Kerja", "JKK"), ("Jaminan Pensiun", "JP")]
NAMES = ["Andi Saputra", "Rina Wulandari", "Yohanis Kambu", "Maria Lado", "Dedi Supriadi", "Sri Lestari"]
FILLER = [
    "Pihaknya terus melakukan sosialisasi kepada perusahaan dan pekerja informal di wilayah kerjanya.",
    "Ia berharap kesadaran masyarakat untuk mendaftar sebagai peserta terus meningkat dari waktu ke waktu.",
    "Pelayanan klaim kini dapat dilakukan secara daring melalui aplikasi sehingga peserta tidak perlu antre.",
    "Kerja sama dengan pemerintah daerah dinilai penting untuk memperluas perlindungan bagi pekerja rentan.",
    "Menurutnya, manfaat program jaminan sosial sangat dirasakan oleh keluarga peserta yang mengalami risiko kerja.",
]


def rupiah_miliar(x: float) -> str:
    return f"Rp{x:.2f}".replace(".", ",") + " miliar"


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def article(rng: random.Random, size: str) -> str:
    city, head = rng.choice(CITIES), rng.choice(NAMES)
    year = rng.randint(2005, 2024)
    parts = [rng.uniform(1, 200) for _ in PROGRAMS]
    cases = [rng.randint(20, 20000) for _ in PROGRAMS]
    lines = [f"Klaim BPJS Ketenagakerjaan {city} Capai {rupiah_miliar(sum(parts))}", "",
             f"{city.upper()} - BPJS Ketenagakerjaan Cabang {city} membayarkan klaim senilai {rupiah_miliar(sum(parts))} "
             f"sepanjang tahun {year} untuk {thousands(sum(cases))} kasus.", "",
             f"Kepala BPJS Ketenagakerjaan Cabang {city}, {head}, mengatakan rincian klaim terdiri atas "
             + ", ".join(f"{name} ({code}) {rupiah_miliar(p)} untuk {thousands(c)} kasus" for (name, code), p, c in zip(PROGRAMS, parts, cases)) + "."]
    paragraphs = {"short": 1, "medium": 5, "long": 15}[size]
    for _ in range(paragraphs):
        lines += ["", " ".join(rng.choice(FILLER) for _ in range(3))]
    lines += ["", f"Hingga akhir Desember {year}, jumlah peserta aktif tercatat {rng.randint(10000, 300000)} tenaga kerja."]
    return "\n".join(lines) + "\n"


def write_corpus(root: Path, n: int, seed: int = 1, sizes: tuple[str, ...] = ("short", "medium", "long")) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = root / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{i:06d}.txt").write_text(article(rng, sizes[i % len(sizes)]), encoding="utf-8")
    return root
