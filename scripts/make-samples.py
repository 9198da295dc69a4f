#!/usr/bin/env python3
"""Writes the sample catalogues under samples/ (run from anywhere; output is the same every time).

- catalogue-cp949.csv: as Korean Excel saves "CSV (쉼표로 분리)": CP949, CRLF, Korean headers, with one
  deliberately bad row (price typed with the letter O) that the journey test fixes by re-uploading.
- catalogue-cp949-fixed.csv: the same file with that row fixed.
- catalogue-utf8.csv: UTF-8 with BOM, English headers, semicolons; household goods and food."""
import csv
import io
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalogue_data import (ALL, DESCRIPTIONS, ENGLISH_HEADER, FOOD, HOUSEHOLD, KOREAN_HEADER, gtin13, images,
                            traditional_for_cp949, won)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
BAD_PRICE, FIXED_PRICE = "12,9OO원", "12,900원"
SIZES = ["", " 2세트", " 선물세트", " 대용량"]


def products(templates, count, prefix, rng):
    rows = []
    for i in range(count):
        category, name, name_zh, weight, hs, brands, (low, high) = templates[i % len(templates)]
        variant = SIZES[(i // len(templates)) % len(SIZES)]
        factor = {"": 1, " 2세트": 2, " 선물세트": 3, " 대용량": 2}[variant]
        sku = f"{prefix}-{i + 1:04d}"
        origin = rng.choice(["대한민국", "대한민국", "한국", "", "KR"])
        if category.startswith("생활용품") and rng.random() < 0.3:
            origin = rng.choice(["중국", "베트남"])
        rows.append({
            "sku": sku,
            "name": name + variant,
            "price": won(rng, low * factor, high * factor),
            "stock": rng.choice([0, 3, 12, 25, 40, 100, 250, 1200]),
            "category": category,
            "name_zh": "" if i % 9 == 4 else name_zh + {"": "", " 2세트": " 2套", " 선물세트": " 礼盒装", " 대용량": " 大容量"}[variant],
            "brand": brands[i % len(brands)],
            "weight": weight * factor,
            "origin": origin,
            "hs": hs if i % 3 else "",
            "barcode": gtin13(rng) if i % 4 else "",
            "images": images(sku, 1 + i % 4),
            "description": rng.choice(DESCRIPTIONS),
        })
    return rows


def write(path, header, rows, encoding, delimiter, price_format):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for p in rows:
        name_zh = traditional_for_cp949(p["name_zh"]) if encoding == "cp949" else p["name_zh"]
        writer.writerow([p["sku"], p["name"], price_format(p), p["stock"], p["category"], name_zh, p["brand"],
                         p["weight"], p["origin"], p["hs"], p["barcode"], p["images"], p["description"]])
    with open(path, "wb") as f:
        f.write(out.getvalue().encode(encoding))


def main():
    os.makedirs(ROOT, exist_ok=True)
    rng = random.Random(20260515)

    korean = products(ALL, 56, "KR", rng)
    # A description with quotes and a line break typed with Alt+Enter, as Excel writes it (LF inside CRLF rows).
    korean[9]["description"] = '"피로 회복"에 좋은 6년근 홍삼 농축액\n하루 1포, 물이나 우유에 타서 드세요.'
    korean[12]["name"] = "똠양꿍 컵라면 6입 (새우맛)"
    bad = korean[14]  # 허니버터 아몬드 210g, spreadsheet row 16
    bad["price"] = 12900

    def price_text(p, bad_text):
        if p is bad:
            return bad_text
        return [f"{p['price']:,}", f"{p['price']:,}원", str(p["price"]), f"￦{p['price']:,}"][int(p["sku"][-1]) % 4]

    write(os.path.join(ROOT, "catalogue-cp949.csv"), KOREAN_HEADER, korean, "cp949", ",", lambda p: price_text(p, BAD_PRICE))
    write(os.path.join(ROOT, "catalogue-cp949-fixed.csv"), KOREAN_HEADER, korean, "cp949", ",", lambda p: price_text(p, FIXED_PRICE))

    english = products(HOUSEHOLD + FOOD, 54, "HF", rng)
    write(os.path.join(ROOT, "catalogue-utf8.csv"), ENGLISH_HEADER, english, "utf-8-sig", ";", lambda p: str(p["price"]))


if __name__ == "__main__":
    main()
