#!/usr/bin/env python3
"""Writes a large valid catalogue for benchmarks: generate-catalogue.py ROWS OUTFILE [--encoding utf-8|cp949]

Korean headers, comma-separated, CRLF, unique SKUs and varied values; rows are streamed to disk, so a
million rows need no more memory than ten. cp949 files carry traditional Chinese titles (see
catalogue_data.traditional_for_cp949); utf-8 files the simplified ones, with a BOM as Excel writes."""
import argparse
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from catalogue_data import ALL, DESCRIPTIONS, KOREAN_HEADER, images, traditional_for_cp949

ADJECTIVES = ["프리미엄", "순한", "촉촉", "데일리", "유기농", "국산", "수제", "한정판", "실속형", "고농축"]
ORIGINS = ["대한민국", "대한민국", "한국", "", "KR", "중국", "베트남"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("outfile")
    parser.add_argument("--encoding", choices=["utf-8", "cp949"], default="utf-8")
    args = parser.parse_args()

    rng = random.Random(args.rows)
    cp949 = args.encoding == "cp949"
    # Precomputed per template so the loop only picks and formats.
    templates = [(c, n, traditional_for_cp949(z) if cp949 else z, w, h, b, p) for c, n, z, w, h, b, p in ALL]

    encoding = "cp949" if cp949 else "utf-8-sig"
    os.makedirs(os.path.dirname(os.path.abspath(args.outfile)), exist_ok=True)
    with open(args.outfile, "w", encoding=encoding, newline="", buffering=1 << 20) as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(KOREAN_HEADER)
        batch = []
        for i in range(1, args.rows + 1):
            category, name, name_zh, weight, hs, brands, (low, high) = templates[rng.randrange(len(templates))]
            sku = f"SB-{i:07d}"
            price = rng.randrange(low // 100, high // 100 + 1) * 100
            barcode = ""
            if i % 3:
                body = f"880{i:09d}"
                total = sum(int(d) * (3 if k % 2 else 1) for k, d in enumerate(body))
                barcode = body + str((10 - total % 10) % 10)
            batch.append([
                sku,
                f"{rng.choice(ADJECTIVES)} {name} #{i}",
                f"{price:,}" if i % 2 else str(price),
                rng.randrange(0, 5000),
                category,
                "" if i % 11 == 0 else name_zh,
                rng.choice(brands),
                weight + rng.randrange(0, 50),
                rng.choice(ORIGINS),
                hs if i % 4 else "",
                barcode,
                images(sku, 1 + i % 5),
                DESCRIPTIONS[i % len(DESCRIPTIONS)] + ("\n원산지와 성분은 상세 이미지 참조." if i % 10 == 0 else ""),
            ])
            if len(batch) == 10_000:
                writer.writerows(batch)
                batch.clear()
        writer.writerows(batch)


if __name__ == "__main__":
    main()
