"""Hybrid retrieval: vector search (e5 embeddings in Chroma) fused with BM25 over
Arabic-aware tokens by reciprocal rank fusion.

Numbers, product names (GB200, CoWoS, H100) and rare Arabic words are where pure
embeddings miss; BM25 catches them, and RRF needs no score calibration between the two.
The retriever follows the active generation: it re-reads the pointer at most every
``refresh_s`` seconds and swaps its in-memory lexical index in one assignment.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import bm25s
import numpy as np

from bot.kb.arabic import tokenize
from bot.kb.store import UNREACHABLE, KnowledgeStore, StoreUnavailable

log = logging.getLogger(__name__)
Mode = Literal["hybrid", "vector", "lexical"]
RRF_K = 60
CANDIDATES = 30


@dataclass(frozen=True)
class Hit:
    id: str
    text: str
    article_id: str
    title: str
    lang: str
    url: str
    source: str
    paragraph: int  # first block the chunk covers
    score: float  # fused (RRF) score, or the single method's score
    vector_similarity: float | None
    lexical_score: float | None
    paragraph_end: int = 0  # last block it covers (0: same as paragraph)
    section: str = ""  # heading path inside the article


@dataclass(frozen=True)
class _Snapshot:
    generation: str
    ids: list[str]
    documents: list[str]
    metadatas: list[dict]
    bm25: bm25s.BM25 | None
    position: dict[str, int]
    paragraphs: dict[tuple[str, str, int], list[int]]  # (article id, lang, paragraph) → chunks covering it
    lang_masks: dict[str, np.ndarray]  # language → which chunks are in it, for filtered lexical search
    terms: list[frozenset] = field(default_factory=list)  # each chunk's lexical terms (title included)
    built_with: str = ""  # the embedding model fingerprint the generation's vectors come from
    document_frequency: Counter = field(default_factory=Counter)  # term → chunks that contain it


@dataclass(frozen=True)
class Coverage:
    """How much of a question one passage speaks about: the share of the question's
    terms, weighted by rarity in the knowledge base (idf), that the best passage contains,
    and how many of them it contains."""

    share: float
    terms: int


class HybridRetriever:
    def __init__(self, store: KnowledgeStore, embeddings, refresh_s: float = 2.0):
        self.store = store
        self.embeddings = embeddings
        self.refresh_s = refresh_s
        self._snapshot: _Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    # -- index state -------------------------------------------------------------
    def _load(self, generation: str, built_with: str = "") -> _Snapshot:
        got = self.store.collection(generation).get(include=["documents", "metadatas"])
        ids, docs, metas = got["ids"], got["documents"] or [], got["metadatas"] or []
        bm25 = None
        corpus = [tokenize(f"{m.get('title', '')} {d}") or ["_"] for d, m in zip(docs, metas, strict=True)]
        if ids:
            bm25 = bm25s.BM25()
            bm25.index(corpus, show_progress=False)
        terms = [frozenset(c) for c in corpus]
        paragraphs: dict[tuple[str, str, int], list[int]] = {}
        for n, m in enumerate(metas):
            first = int(m.get("paragraph", 0))
            for p in range(first, max(first, int(m.get("paragraph_end", first))) + 1):
                paragraphs.setdefault((str(m.get("article_id")), str(m.get("lang")), p), []).append(n)
        langs = np.array([str(m.get("lang")) for m in metas])
        masks = {lang: langs == lang for lang in set(langs.tolist())}
        return _Snapshot(generation, ids, docs, metas, bm25, {i: n for n, i in enumerate(ids)}, paragraphs, masks,
                         terms=terms, document_frequency=Counter(t for chunk in terms for t in chunk),
                         built_with=built_with)

    def snapshot(self) -> _Snapshot | None:
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked_at < self.refresh_s:
            return self._snapshot
        with self._lock:
            if self._snapshot is not None and now - self._checked_at < self.refresh_s:
                return self._snapshot
            pointer = self.store.pointer()
            active = pointer.get("active")
            if active and (self._snapshot is None or self._snapshot.generation != active):
                built_with = str(pointer.get("fingerprint", "")).split("|")[0]
                try:
                    self._snapshot = self._load(active, built_with)
                except UNREACHABLE as exc:
                    raise StoreUnavailable(str(exc)) from exc
                log.info("retriever now on %s (%d chunks)", active, len(self._snapshot.ids))
                if not self.same_model(self._snapshot):
                    log.error("the index was built by embedding model %s, this process runs %s: answering from "
                              "words only until it is restarted with that model", built_with,
                              getattr(self.embeddings, "fingerprint", "?"))
            self._checked_at = now
            return self._snapshot

    def same_model(self, snap: _Snapshot | None = None) -> bool:
        """False when the index's vectors come from another embedding model than this
        process's (a replica not yet restarted after a model change): its query vectors would
        be compared with vectors of another space. Unknown on either side counts as the same."""
        snap = snap or self.snapshot()
        mine = getattr(self.embeddings, "fingerprint", "") or ""
        return not (snap and snap.built_with and mine) or snap.built_with == mine

    def size(self) -> int:
        snap = self.snapshot()
        return len(snap.ids) if snap else 0

    # -- search ------------------------------------------------------------------
    def _vector(self, snap: _Snapshot, query: str, n: int, lang: str | None) -> list[tuple[int, float]]:
        vector = self.embeddings.embed_query(query)
        try:
            res = self.store.collection(snap.generation).query(
                query_embeddings=[vector], n_results=n, include=["distances"],
                where={"lang": lang} if lang else None)
        except UNREACHABLE as exc:  # only an outage is an outage: a bug keeps its own traceback
            raise StoreUnavailable(str(exc)) from exc
        out = []
        for chunk_id, dist in zip(res["ids"][0], res["distances"][0], strict=True):
            if chunk_id in snap.position:
                out.append((snap.position[chunk_id], 1.0 - float(dist)))
        return out

    def _lexical(self, snap: _Snapshot, query: str, n: int, lang: str | None,
                 extra_terms: Sequence[str] = ()) -> list[tuple[int, float]]:
        tokens = tokenize(query) + list(extra_terms)
        if not tokens or snap.bm25 is None:
            return []
        scores = np.asarray(snap.bm25.get_scores(tokens))
        if lang:
            scores = np.where(snap.lang_masks.get(lang, np.zeros_like(scores, dtype=bool)), scores, 0.0)
        top = np.argsort(-scores)[:n]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid", lang: str | None = None,
               extra_terms: Sequence[str] = ()) -> list[Hit]:
        """Top-k chunks for ``query``; ``lang`` restricts the search to one language's passages;
        ``extra_terms`` are lexical tokens added to the query's own (its words in ``lang``,
        from the glossary, when the question is in the other language)."""
        snap = self.snapshot()
        if snap is None or not snap.ids:
            return []
        n = min(CANDIDATES, len(snap.ids))
        if mode != "lexical" and not self.same_model(snap):
            mode = "lexical"
        vec = self._vector(snap, query, n, lang) if mode in ("hybrid", "vector") else []
        lex = self._lexical(snap, query, n, lang, extra_terms) if mode in ("hybrid", "lexical") else []
        vec_sim = dict(vec)
        lex_score = dict(lex)
        if mode == "vector":
            ranked = [(i, s) for i, s in vec]
        elif mode == "lexical":
            ranked = [(i, s) for i, s in lex]
        else:
            fused: dict[int, float] = {}
            for results in (vec, lex):
                for rank, (i, _) in enumerate(results):
                    fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + rank + 1)
            ranked = sorted(fused.items(), key=lambda kv: -kv[1])
        return [self._hit(snap, i, score, vec_sim.get(i), lex_score.get(i)) for i, score in ranked[:k]]

    def coverage(self, query: str, candidates: int = 20,
                 concepts: Sequence[tuple[Sequence[str], Iterable[str]]] | None = None) -> Coverage:
        """The best of the top lexical passages by ``Coverage``: a question whose rare terms
        one passage states together is about something the knowledge base holds, however it
        is worded (a word absent from every passage weighs most and is never covered).
        ``concepts`` (the glossary's reading of the question: its own tokens for each concept
        and the other language's) lets an Arabic question be covered by an English passage:
        each token weighs and counts as without it, and all of a concept's tokens are covered
        when the passage states it in the other language."""
        snap = self.snapshot()
        if concepts is None:
            concepts = [((t,), ()) for t in tokenize(query)]
        units: dict[tuple[str, ...], frozenset[str]] = {}
        for own, other in concepts:
            if own:
                units[tuple(own)] = units.get(tuple(own), frozenset()) | frozenset(other)
        if snap is None or not snap.ids or not units:
            return Coverage(0.0, 0)
        n = len(snap.ids)

        def idf(token: str) -> float:
            return math.log((n + 1) / (snap.document_frequency.get(token, 0) + 0.5))

        weight = {t: idf(t) for own in units for t in own}
        total = sum(weight.values())
        extra = sorted({t for other in units.values() for t in other})
        best = Coverage(0.0, 0)
        for i, _ in self._lexical(snap, query, candidates, None, extra):
            terms = snap.terms[i]
            found = {t for own, other in units.items() for t in own
                     if t in terms or any(o in terms for o in other)}  # a concept stated in either language
            share = sum(weight[t] for t in found) / total
            if share > best.share:
                best = Coverage(share, len(found))
        return best

    @staticmethod
    def _hit(snap: _Snapshot, i: int, score: float, vec: float | None, lex: float | None) -> Hit:
        m = snap.metadatas[i]
        return Hit(
            id=snap.ids[i], text=snap.documents[i], article_id=str(m.get("article_id", "")),
            title=str(m.get("title", "")), lang=str(m.get("lang", "")), url=str(m.get("url", "")),
            source=str(m.get("source", "")), paragraph=int(m.get("paragraph", 0)), score=float(score),
            vector_similarity=vec, lexical_score=lex, paragraph_end=int(m.get("paragraph_end", 0)),
            section=str(m.get("section", "")),
        )

    def translation(self, hit: Hit, lang: str) -> Hit | None:
        """The same paragraphs of the article's version in ``lang``, if indexed (our
        translations keep paragraphs aligned; the twin's chunks may be packed differently,
        so every twin chunk that covers one of the hit's paragraphs is joined)."""
        snap = self.snapshot()
        if snap is None:
            return None
        last = max(hit.paragraph, hit.paragraph_end)
        found: list[int] = []
        for p in range(hit.paragraph, last + 1):
            for i in snap.paragraphs.get((hit.article_id, lang, p), []):
                if i not in found:
                    found.append(i)
        if not found:
            return None
        found.sort(key=lambda i: (int(snap.metadatas[i].get("paragraph", 0)), int(snap.metadatas[i].get("part", 1))))
        first = self._hit(snap, found[0], hit.score, hit.vector_similarity, hit.lexical_score)
        if len(found) == 1:
            return first
        ends = [int(snap.metadatas[i].get("paragraph_end", 0)) for i in found]
        return replace(first, text="\n".join(snap.documents[i] for i in found), paragraph_end=max(ends))

    def articles(self) -> list[dict]:
        """One row per indexed article (id, language, title, url), for /sources."""
        snap = self.snapshot()
        if snap is None:
            return []
        seen: dict[tuple[str, str], dict] = {}
        for m in snap.metadatas:
            key = (str(m.get("article_id")), str(m.get("lang")))
            seen.setdefault(key, {"id": key[0], "lang": key[1], "title": m.get("title", ""), "url": m.get("url", "")})
        return sorted(seen.values(), key=lambda r: (r["id"], r["lang"]))
