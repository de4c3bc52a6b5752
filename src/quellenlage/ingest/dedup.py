"""Exact and near duplicate detection.

* Exact: sha256 of the normalised text (case-folded, punctuation-insensitive quotes and
  dashes, whitespace collapsed), so re-encoded or re-wrapped copies hash the same.
* Near: MinHash over word 5-shingles with :data:`NUM_PERM` permutations, indexed with
  LSH. :meth:`NearDuplicateIndex.query` returns a key only when the estimated Jaccard
  similarity of the shingle sets reaches :data:`JACCARD_THRESHOLD` (0.8): the same
  report with small edits (a changed sentence, an added line), not two reports on the
  same event.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import defaultdict
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

JACCARD_THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE_WORDS = 5
_SEED = 1
#: datasketch's hashing scheme and the shingle hashing, pinned: stored signatures only
#: compare within one scheme. Words are hashed with CRC-32 (C, stable across processes),
#: and five word hashes combine into a shingle hash by a polynomial with an odd multiplier.
_SCHEME = "affine32"
_WORD_HASH = zlib.crc32
_MIX = np.uint64(1_000_003)
_MASK32 = np.uint64(0xFFFFFFFF)
_SIGNATURE_BYTES = NUM_PERM * 8
#: Shingle hashes fed to MinHash at a time.
_BATCH = 8192
#: How far below the threshold LSH looks for candidates (recall before the exact check).
_CANDIDATE_MARGIN = 0.2
_WORD = re.compile(r"\w+")
_UNIFORM = {c: '"' for c in "„“”»«‟″"} | {c: "'" for c in "‚‘’›‹′"} | {c: "-" for c in "–—‒―−"}
_VARIANTS = re.compile(f"[{''.join(_UNIFORM)}]")


def normalise_for_hash(text: str) -> str:
    """Text reduced to what makes two copies the same report."""
    text = unicodedata.normalize("NFKC", text)
    text = _VARIANTS.sub(lambda match: _UNIFORM[match.group()], text).casefold()
    return " ".join(text.split())


def content_hash(text: str) -> str:
    """Hex sha256 of :func:`normalise_for_hash` of ``text``."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def shingle_hashes(text: str) -> list[int]:
    """32-bit hashes of the word 5-shingles of ``text`` (one for a text of fewer words).

    Each word is hashed once and each window of five word hashes is combined
    polynomially, instead of joining and hashing every shingle string.
    """
    words = _WORD.findall(normalise_for_hash(text))
    codes = np.fromiter((_WORD_HASH(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    windows = max(len(codes) - SHINGLE_WORDS + 1, 1)
    combined = np.zeros(windows, dtype=np.uint64)
    for offset in range(min(SHINGLE_WORDS, len(codes))):
        combined = (combined * _MIX + codes[offset : offset + windows]) & _MASK32
    return combined.tolist()


def minhash_signature(text: str) -> bytes:
    """MinHash of the word 5-shingles of ``text`` as ``NUM_PERM`` little-endian uint64s."""
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=_SEED,
        hashfunc=int,  # the shingle hashes are already integers
        permutations=_permutations(),
        scheme=_SCHEME,
    )
    hashes = shingle_hashes(text)
    # datasketch builds a (shingles x NUM_PERM) matrix: in slices, memory stays flat
    # (a 5 MB line has ~800,000 shingles, ~800 MB at once); the minimum is the same.
    for start in range(0, max(len(hashes), 1), _BATCH):
        minhash.update_batch(hashes[start : start + _BATCH])
    return minhash.hashvalues.astype("<u8").tobytes()


@cache
def _permutations():
    """The seeded permutations, made once: building them is most of a MinHash's cost."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


@cache
def _band_params(threshold: float) -> tuple[int, int]:
    """LSH bands and rows for ``threshold``; datasketch finds them by numerical integration."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def _values(signature: bytes) -> np.ndarray:
    if len(signature) != _SIGNATURE_BYTES:
        raise ValueError(
            f"MinHash signature has {len(signature)} bytes, expected {_SIGNATURE_BYTES}"
        )
    return np.frombuffer(signature, dtype="<u8")


def band_keys(signature: bytes, threshold: float = JACCARD_THRESHOLD) -> list[tuple[int, int]]:
    """The LSH buckets of a signature, as ``(band, bucket)`` pairs of integers.

    Two signatures that share a pair are near-duplicate candidates. The bands are
    tuned ``_CANDIDATE_MARGIN`` below the threshold: tuned at the threshold itself,
    LSH proposes a pair just above it only about half the time. Buckets are signed
    64-bit integers, so a database can index them.
    """
    values = _values(signature)
    bands, rows = _band_params(round(threshold - _CANDIDATE_MARGIN, 6))
    return [
        (band, _bucket(values[band * rows : (band + 1) * rows].tobytes())) for band in range(bands)
    ]


def _bucket(band: bytes) -> int:
    digest = hashlib.blake2b(band, digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(_values(first) == _values(second))) / NUM_PERM


class NearDuplicateIndex:
    """In-memory LSH index of signatures; finds the first near duplicate of a new text.

    The store keeps the same :func:`band_keys` in a table, so that ingest needs no
    index in memory; this one serves a batch that is not stored yet, and tests.
    """

    def __init__(self, threshold: float = JACCARD_THRESHOLD) -> None:
        self.threshold = threshold
        self._buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._signatures: dict[int, bytes] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: int, signature: bytes) -> None:
        """Index ``signature`` under ``key`` (a document id); re-adding a key is ignored."""
        if key in self._signatures:
            return
        for bucket in band_keys(signature, self.threshold):
            self._buckets[bucket].append(key)
        self._signatures[key] = signature

    def query(self, signature: bytes) -> int | None:
        """Lowest key whose estimated Jaccard similarity reaches the threshold, else ``None``.

        LSH only proposes candidates; each is checked against the threshold.
        """
        candidates = {
            key for bucket in band_keys(signature, self.threshold) for key in self._buckets[bucket]
        }
        matches = [
            key
            for key in candidates
            if similarity(self._signatures[key], signature) >= self.threshold
        ]
        return min(matches, default=None)
