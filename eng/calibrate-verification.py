#!/usr/bin/env python3
"""Calibrates the Api's inlier centre (Recognition:Verification:InlierCenter) on a split's gallery photos only.

Every gallery photo is analysed by a running Embedder (/v1/analyze), then verified against every other gallery photo
(/v1/verify). Prints, per inlier count, the share of pairs of the same design and of different designs that reach
it. The centre should sit where different designs almost never arrive.

usage: calibrate-verification.py <split-folder> --embedder http://127.0.0.1:PORT
"""
import argparse, csv, json, os, sys, urllib.request
from concurrent.futures import ThreadPoolExecutor


def post(url, body, content_type):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("split")
    parser.add_argument("--embedder", required=True)
    args = parser.parse_args()
    base = args.embedder.rstrip("/")
    with open(os.path.join(args.split, "manifest.csv"), newline="") as manifest:
        rows = [r for r in csv.DictReader(manifest) if r["role"] == "gallery"]

    def analyse(row):
        with open(os.path.join(args.split, row["file"]), "rb") as photo:
            return post(f"{base}/v1/analyze", photo.read(), "application/octet-stream")["local_features"]

    with ThreadPoolExecutor(2) as pool:
        features = list(pool.map(analyse, rows))
    if any(f is None for f in features):
        sys.exit("The Embedder returned no local features (does OpenCV load? It needs libgtk-3-0: run eng/install.sh).")

    def verify(i):
        # Each unordered pair once: photo i against every later photo, 64 candidates per request.
        pairs = []
        for start in range(i + 1, len(rows), 64):
            candidates = list(range(start, min(start + 64, len(rows))))
            body = json.dumps({"query": features[i], "candidates": [features[j] for j in candidates]}).encode()
            inliers = post(f"{base}/v1/verify", body, "application/json")["inliers"]
            pairs += [(rows[i]["design_id"] == rows[j]["design_id"], n) for j, n in zip(candidates, inliers)]
        return pairs

    with ThreadPoolExecutor(2) as pool:
        pairs = [p for chunk in pool.map(verify, range(len(rows))) for p in chunk]
    same = [n for s, n in pairs if s]
    different = [n for s, n in pairs if not s]
    print(f"{len(rows)} gallery photos: {len(same)} same-design pairs, {len(different)} different-design pairs")
    print("| inliers ≥ | same design | different designs | different pairs |")
    print("|---:|---:|---:|---:|")
    for threshold in (6, 8, 10, 12, 14, 16, 18, 20, 25, 30):
        hits = sum(n >= threshold for n in different)
        print(f"| {threshold} | {sum(n >= threshold for n in same) / len(same):.3f} | {hits / len(different):.5f} | {hits} |")


if __name__ == "__main__":
    main()
