"""Benefit vs claim amount (dev2-errors.md, family C, and B5), as example tables of invented sentences:
text -> (metric, program, value) of every record, in order."""
from __future__ import annotations

import pytest

# C1: amounts paired one to one with named beneficiaries are what each received (benefit_amount);
# a stated sum over them, or a sum paid to many, stays a claim amount.
NAMED_PAYOUTS = [
    ("BPJS Ketenagakerjaan Cabang Lembah menyerahkan santunan JKM kepada ahli waris, yaitu ahli waris dari Budi "
     "Santoso sebesar Rp61.220.400, ahli waris dari Rina Wati sebesar Rp47.880.150.",
     [("benefit_amount", "JKM", 61_220_400), ("benefit_amount", "JKM", 47_880_150)]),
    ("Santunan JKK BPJS Ketenagakerjaan Cabang Lembah diberikan kepada dua peserta, masing-masing atas nama Sari "
     "Dewi, karyawati sebuah pabrik yang menerima santunan senilai Rp210.500.000, dan atas nama Yosef Bala yang "
     "menerima Rp98.400.000.",
     [("claim_cases", "JKK", 2), ("benefit_amount", "JKK", 210_500_000), ("benefit_amount", "JKK", 98_400_000)]),
    ("BPJS Ketenagakerjaan Cabang Lembah membayar santunan JKM kepada keluarga almarhum Andi Wijaya Rp55.000.000 "
     "dan keluarga almarhumah Siti Rahma Rp42.000.000.",
     [("benefit_amount", "JKM", 55_000_000), ("benefit_amount", "JKM", 42_000_000)]),
    ("Santunan JKK BPJS Ketenagakerjaan Cabang Lembah masing-masing atas nama Sari Dewi, karyawati sebuah pabrik yang "
     "menerima Rp210.500.000 dan Maria Bano, karyawan sebuah toko, yang menerima Rp98.400.000.",
     [("benefit_amount", "JKK", 210_500_000), ("benefit_amount", "JKK", 98_400_000)]),
    # a sum paid to many heirs is a claim amount
    ("Sampai Mei 2022, para ahli waris peserta di empat kabupaten wilayah BPJS Ketenagakerjaan Cabang Lembah sudah "
     "menerima klaim JKM Rp11 miliar.",
     [("claim_amount", "JKM", 11_000_000_000)]),
]

# C2: one beneficiary's benefit restated (even beside `klaim`) is the same record, its components benefits.
ONE_BENEFICIARY_RESTATED = [
    ("BPJS Ketenagakerjaan Cabang Lembah menyerahkan santunan JKM Rp42 juta kepada ahli waris almarhum Joko. "
     "Nominal Rp42 juta itu merupakan perhitungan klaim dengan rincian santunan kematian Rp20 juta, biaya pemakaman "
     "Rp10 juta dan santunan berkala Rp12 juta.",
     [("benefit_amount", "JKM", 42_000_000), ("benefit_amount", "JKM", 20_000_000), ("benefit_amount", "JKM", 10_000_000),
      ("benefit_amount", "JKM", 12_000_000)]),
    ("Ahli waris almarhum Joko menerima manfaat JKK Rp169 juta dari BPJS Ketenagakerjaan Cabang Lembah, dengan "
     "rincian santunan meninggal Rp70 juta dan beasiswa Rp99 juta.",
     [("benefit_amount", "JKK", 169_000_000), ("benefit_amount", "JKK", 70_000_000), ("benefit_amount", "BEASISWA", 99_000_000)]),
]

# C4: rules and thresholds are no statistics.
RULES = [
    "Untuk saldo di bawah Rp15 juta, klaim JHT BPJS Ketenagakerjaan dapat diajukan lewat aplikasi.",
    "Bila peserta BPJS Ketenagakerjaan meninggal karena sakit, keluarganya menerima santunan JKM minimal Rp42 juta.",
    "Apabila saldo JHT di atas Rp10 juta, peserta BPJS Ketenagakerjaan harus datang ke kantor cabang.",
]


@pytest.mark.parametrize("text,expected", NAMED_PAYOUTS)
def test_named_payouts_are_benefits(extract, text, expected):
    assert [(r.metric, r.program, r.value) for r in extract(text, published="2023-06-01")] == expected


@pytest.mark.parametrize("text,expected", ONE_BENEFICIARY_RESTATED)
def test_one_beneficiary_restated(extract, text, expected):
    assert [(r.metric, r.program, r.value) for r in extract(text, published="2023-06-01")] == expected


@pytest.mark.parametrize("text", RULES)
def test_rules_and_thresholds_give_no_record(extract, text):
    assert [(r.metric, r.value) for r in extract(text, published="2023-06-01") if r.unit == "IDR"] == []
