"""Query latency of `Assistant.ask` (extractive) on a 10,000-chunk library, for the torch, onnx and onnx-int8 (the
default) embedding backends side by side in one run: first-time questions on a freshly opened library, and warm
ones, beside the question's embedding and dense retrieval alone.

The library is synthetic but rule-like: numbered articles and clauses of festival regulations generated
deterministically (seeded), ingested through the normal `Library.ingest` path, once per backend (each backend
asks a library whose vectors it made). Building one embeds 10,000 chunks (minutes on 2 cores), so each data
folder is cached under bench/.cache/ (git-ignored) and reused while the generator, chunker, model and backend are
unchanged.

    .venv/bin/python bench/query.py                       # torch, onnx, onnx-int8: build or reuse, then measure
    .venv/bin/python bench/query.py --backends torch,onnx-int8
    .venv/bin/python bench/query.py --profile             # also show where ask() spends its time (last backend)

Reported for each backend, all in one run:
  * first-time questions on a freshly opened library: a new `Assistant` (the model loaded and the lexical index
    built by `warm_up()`, as the app does at start), then every question and each of its rewordings asked once,
    so that nothing about the question or its passages is cached,
  * query embedding alone (`encode([q])`),
  * dense retrieval alone: the question embedded and the Chroma query (what the tutorial pipeline does),
  * the Chroma query alone, vector given,
  * `Assistant.retrieve` (hybrid retrieval) and `Assistant.ask` warm (each question asked once before timing;
    the last row rewords each timed question so that no per-question cache can help).
Targets: first-time ask p50 <= 60 ms, p95 <= 150 ms, and <= 5x dense retrieval alone (issue 10); query
embedding p50 <= 3 ms and warm ask p50 <= 40 ms (issue 13, written for the int8 backend).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import EmbeddingBackend, Settings, quiet_third_parties  # noqa: E402

if TYPE_CHECKING:
    from assistant.library.embedding import TextEmbeddings

CACHE = ROOT / "bench" / ".cache"
GENERATOR_VERSION = "1"
SEED = 2027

# ---------------------------------------------------------------- synthetic library

TOPICS = {
    "Voting": ["ballot", "majority", "round of voting", "abstention", "casting vote", "secret ballot"],
    "Quorum": ["quorum", "members present", "absent juror", "replacement juror", "video link"],
    "Screenings": ["official screening", "press screening", "catch-up screening", "late arrival", "seat allocation"],
    "Gifts and hospitality": ["gift", "invitation", "dinner", "hotel upgrade", "sponsor merchandise"],
    "Conflicts of interest": ["conflict of interest", "declaration", "recusal", "family link", "business relationship"],
    "Confidentiality": ["deliberations", "individual positions", "minutes", "embargo", "results"],
    "Press and social media": ["interview", "social media post", "photograph", "press conference", "journalist"],
    "Travel and accommodation": ["travel booking", "economy fare", "hotel room", "airport transfer", "visa letter"],
    "Per diem and expenses": ["per diem", "receipt", "expense claim", "taxi fare", "reimbursement"],
    "Awards": ["Grand Prize", "special mention", "ex aequo award", "prize money", "award certificate"],
    "Deliberation": ["final deliberation", "shortlist", "discussion round", "jury secretary", "score sheet"],
    "Accreditation": ["accreditation badge", "photo identification", "lost badge", "guest pass", "access zone"],
}
ACTORS = [
    "A juror",
    "The President of the jury",
    "Each member of the jury",
    "The jury secretary",
    "The jury coordinator",
    "A substitute juror",
    "The Festival Director",
]
MODALS = ["must", "shall", "may", "may not", "must not", "is entitled to", "is required to"]
ACTIONS = [
    "notify the jury coordinator in writing about the {t}",
    "keep a record of the {t} until the end of the festival",
    "refuse any {t} offered by a person connected with a competition film",
    "ask the Festival Director for a decision on the {t}",
    "declare the {t} within {n} hours",
    "attend the meeting on the {t} in person",
    "discuss the {t} only inside the deliberation room",
    "submit the {t} to the jury secretary before {h}:00",
    "request a written confirmation of the {t}",
    "report any breach concerning the {t} to the President",
]
CONDITIONS = [
    "unless the President decides otherwise",
    "where the value exceeds EUR {n}",
    "within {n} days of the closing ceremony",
    "if fewer than {k} members are present",
    "after the awards ceremony has ended",
    "during the whole of the festival",
    "in the case of illness or force majeure",
    "before the first official screening",
]
CONSEQUENCES = [
    "Failure to comply may lead to the loss of voting rights for the round concerned.",
    "The jury coordinator keeps a written note of each such case.",
    "The decision is recorded in the minutes of the deliberation.",
    "Any dispute about the application of this clause is settled by the Festival Director.",
    "This obligation continues after the end of the festival without time limit.",
    "The costs are borne by the Festival within the limits set in the logistics guide.",
]


def clause(rng: random.Random, article: int, number: int, topic: str) -> str:
    terms = TOPICS[topic]
    term = rng.choice(terms)
    title = (
        f"{term[0].upper()}{term[1:]}"
        if rng.random() < 0.7
        else f"{rng.choice(['Limits on', 'Notice of', 'Records of', 'Exceptions for'])} {term}"
    )
    sentences = []
    for _ in range(rng.randint(2, 4)):
        action = rng.choice(ACTIONS).format(
            t=rng.choice(terms), n=rng.choice([12, 24, 48, 72]), h=rng.choice([9, 12, 18])
        )
        cond = rng.choice(CONDITIONS).format(n=rng.choice([25, 50, 100, 250]), k=rng.choice([3, 4, 5]))
        sentences.append(f"{rng.choice(ACTORS)} {rng.choice(MODALS)} {action} {cond}.")
    if rng.random() < 0.6:
        sentences.append(rng.choice(CONSEQUENCES))
    return f"{article}.{number} {title}. " + " ".join(sentences)


def write_library_sources(folder: Path, documents: int, clauses_per_doc: int) -> None:
    rng = random.Random(SEED)
    topics = list(TOPICS)
    for d in range(1, documents + 1):
        lines = [
            "---",
            f"title: Jury Handbook Part {d}",
            "kind: regulations",
            "festival: Synthetic Benchmark Festival",
            'edition: "2030"',
            "effective_date: 2030-01-01",
            "---",
            "",
            f"# Jury Handbook Part {d}",
            "",
        ]
        article, number = 0, 0
        for c in range(clauses_per_doc):
            if c % 8 == 0:
                article += 1
                number = 0
                topic = topics[(d + article) % len(topics)]
                lines += [f"## Article {article} — {topic}", ""]
            number += 1
            lines += [clause(rng, article, number, topic), ""]
        (folder / f"handbook-part-{d:03d}.md").write_text("\n".join(lines), encoding="utf-8")


QUESTIONS = [
    "Can I accept a dinner invitation from a producer?",
    "What happens if fewer than four members are present?",
    "Who decides on a casting vote in a tie?",
    "How many hours do I have to declare a conflict of interest?",
    "Can I post a photograph on social media during the festival?",
    "Is the per diem paid in cash?",
    "What should I do if I lose my accreditation badge?",
    "May a juror give an interview before the awards ceremony?",
    "Who pays for the airport transfer?",
    "Can the jury give an ex aequo award?",
    "What is the limit for a gift from a sponsor?",
    "When must the score sheet be handed to the jury secretary?",
    "Does confidentiality continue after the festival?",
    "What if I miss the official screening because of illness?",
    "How do I claim reimbursement for a taxi fare?",
    "Can a substitute juror vote in the final deliberation?",
    "Who keeps the minutes of the deliberation?",
    "Can I bring a guest pass holder into the access zone?",
    "Is a secret ballot required for the Grand Prize?",
    "What happens if I break the embargo on the results?",
]


def stamp(documents: int, clauses: int, identity: str) -> str:
    from assistant.library.chunking import CHUNKER_VERSION
    from assistant.library.embedding import LEGACY_IDENTITY
    from assistant.library.units import UNITS_VERSION

    settings = Settings()  # type: ignore[call-arg]
    key = (
        f"{GENERATOR_VERSION}|{SEED}|{documents}|{clauses}|{CHUNKER_VERSION}|{UNITS_VERSION}|{settings.chunk_chars}|"
        f"{settings.embedding_model}"
    )
    if identity != LEGACY_IDENTITY:  # torch libraries keep the key they had before backends were recorded
        key += f"|{identity}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def build_or_reuse(documents: int, clauses: int, embeddings: TextEmbeddings) -> tuple[Path, float | None]:
    """The cached data folder for this generator/chunker/model/backend; built (and timed) when missing."""
    from assistant.library.library import Library

    key = stamp(documents, clauses, embeddings.identity)
    data = CACHE / f"query-library-{key}"
    marker = data / "BUILT.json"
    if marker.is_file():
        return data, None
    shutil.rmtree(data, ignore_errors=True)
    sources = CACHE / f"query-sources-{key}"
    shutil.rmtree(sources, ignore_errors=True)
    sources.mkdir(parents=True)
    write_library_sources(sources, documents, clauses)
    settings = Settings(data_dir=data, embedding_backend=backend_of(embeddings))  # type: ignore[call-arg]
    print(
        f"building the {documents * clauses}-clause library with {embeddings.backend} in {data} (cached)...",
        file=sys.stderr,
    )
    started = time.perf_counter()
    report = Library(settings, embeddings).ingest([sources])
    seconds = time.perf_counter() - started
    if not report.ok:
        sys.exit(f"building the benchmark library failed: {report.failed[:3]}")
    shutil.rmtree(sources, ignore_errors=True)
    marker.write_text(json.dumps({"stamp": key, "build_seconds": round(seconds, 1), "summary": report.summary()}))
    return data, seconds


# ---------------------------------------------------------------- measuring


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


PHRASINGS = [
    "Quick question: {q}",
    "As a juror, {q}",
    "I need to know: {q}",
    "Sorry to ask, {q}",
    "One more thing. {q}",
]


def measure(
    label: str, call: Callable[[str], object], questions: list[str], rounds: int, fresh: bool = False
) -> tuple[str, list[float]]:
    """Warm timings. With `fresh`, each timed question is worded anew, so no per-question cache can answer it."""
    for q in questions:  # warm: caches, lexical index, first-call costs
        call(q)
    samples = []
    for r in range(rounds):
        for q in questions:
            text = PHRASINGS[r % len(PHRASINGS)].format(q=q[0].lower() + q[1:]) if fresh else q
            started = time.perf_counter()
            call(text)
            samples.append((time.perf_counter() - started) * 1000)
    return label, samples


def backend_of(embeddings: TextEmbeddings) -> EmbeddingBackend:
    backend = embeddings.backend.split()[0]
    return backend if backend in ("torch", "onnx", "onnx-int8") else "torch"  # type: ignore[return-value]


def measure_backend(
    backend: EmbeddingBackend, args: argparse.Namespace
) -> tuple[str, list[tuple[str, list[float]]], dict[str, object]]:
    """Every row for one backend, on the library that backend made."""
    from assistant.answers.assistant import Assistant
    from assistant.library.embedding import embeddings_for

    embeddings = embeddings_for(Settings(embedding_backend=backend))  # type: ignore[call-arg]
    data, build_seconds = build_or_reuse(args.documents, args.clauses, embeddings)
    settings = Settings(data_dir=data, embedding_backend=backend)  # type: ignore[call-arg]
    assistant = Assistant.from_settings(settings, embeddings=embeddings)
    assistant.library.store.repair_manifest()  # a cache built by an older version: bring its manifest up to date
    if list(assistant.library.embedders()) != [embeddings.identity]:
        sys.exit(f"the {backend} library records other vectors: {list(assistant.library.embedders())}")
    store = assistant.library.store
    chunks = store.count()
    started = time.perf_counter()
    assistant.warm_up()
    warm_up_s = time.perf_counter() - started

    # First-time questions: a freshly opened library (new Assistant, new store client), every wording asked once.
    fresh = Assistant.from_settings(settings.model_copy(), embeddings=embeddings)
    fresh.warm_up()
    first_time: list[float] = []
    for phrasing in ["{q}", *PHRASINGS]:
        for q in QUESTIONS:
            text = phrasing.format(q=q if phrasing == "{q}" else q[0].lower() + q[1:])
            started = time.perf_counter()
            fresh.ask(text, log=False)
            first_time.append((time.perf_counter() - started) * 1000)

    vectors = {q: embeddings.encode([q])[0] for q in QUESTIONS}
    k = settings.candidates
    # A juror who picked a festival: the question confined to one handbook, its words weighed within it.
    one = {"source": [assistant.library.documents()[0].source]}
    rows = [
        ("**Assistant.ask (extractive), first-time questions on a freshly opened library**", first_time),
        measure("query embedding alone (encode 1 question)", lambda q: embeddings.encode([q]), QUESTIONS, args.rounds),
        measure(
            f"dense retrieval alone (embed the question + exact search of every passage's vector, k={k})",
            lambda q: assistant.retriever.dense(q, k),
            QUESTIONS,
            args.rounds,
            fresh=True,
        ),
        measure(
            f"exact search alone (k={k}, the question's vector cached)",
            lambda q: assistant.retriever.dense(q, k),
            QUESTIONS,
            args.rounds,
        ),
        measure(
            f"Chroma's approximate query alone, for comparison (k={k}, vector given; no longer used)",
            lambda q: store.chunks.query(query_embeddings=[vectors[q]], n_results=k),
            QUESTIONS,
            args.rounds,
        ),
        measure("Assistant.retrieve (hybrid)", lambda q: assistant.retrieve(q), QUESTIONS, args.rounds),
        measure(
            "Assistant.ask (extractive), question asked before",
            lambda q: assistant.ask(q, log=False),
            QUESTIONS,
            args.rounds,
        ),
        measure(
            "**Assistant.ask (extractive), new wording each time**",
            lambda q: assistant.ask(q, log=False),
            QUESTIONS,
            args.rounds,
            fresh=True,
        ),
        measure(
            "Assistant.ask (extractive), new wording each time, confined to one document (a festival filter)",
            lambda q: assistant.ask(q, filters=one, log=False),
            QUESTIONS,
            args.rounds,
            fresh=True,
        ),
    ]
    info: dict[str, object] = {
        "chunks": chunks,
        "documents": len(assistant.library.documents()),
        "abstained": sum(assistant.ask(q, log=False).abstained for q in QUESTIONS),
        "warm_up_s": warm_up_s,
        "build_seconds": build_seconds,
        "assistant": assistant,
    }
    return embeddings.backend, rows, info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=80)
    parser.add_argument("--clauses", type=int, default=125, help="Clauses per document (documents x clauses = chunks).")
    parser.add_argument("--rounds", type=int, default=5, help="Timed passes over the question list.")
    parser.add_argument(
        "--backends", default="torch,onnx,onnx-int8", help="Comma-separated backends, measured in order."
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile one pass of ask() (last backend) and print the top functions."
    )
    args = parser.parse_args()
    quiet_third_parties()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for b in backends:
        if b not in ("torch", "onnx", "onnx-int8"):
            parser.error(f"unknown backend {b!r}; known: torch, onnx, onnx-int8")

    results = [measure_backend(b, args) for b in backends]
    labels = [label for label, _ in results[0][1]]
    info = results[-1][2]
    print(
        f"\nQuery latency: {info['chunks']} chunks in {info['documents']} documents, {len(QUESTIONS)} questions x "
        f"{args.rounds} rounds (warm); each backend on the library it made\n"
    )
    header = " | ".join(f"{name} p50 ms | {name} p95 ms" for name, _, _ in results)
    print(f"| measure | {header} |")
    print("|---|" + "---:|---:|" * len(results))
    for i, label in enumerate(labels):
        cells = " | ".join(
            f"{percentile(rows[i][1], 50):.1f} | {percentile(rows[i][1], 95):.1f}" for _, rows, _ in results
        )
        print(f"| {label} | {cells} |")
    for name, rows, extra in results:
        first_time = rows[0][1]
        dense = rows[2][1]
        embed = rows[1][1]
        warm = next(samples for label, samples in rows if label.startswith("**Assistant.ask (extractive), new wording"))
        print(
            f"\n{name}: first-time ask p50 {percentile(first_time, 50):.1f} ms, p95 {percentile(first_time, 95):.1f} ms "
            f"(targets 60 / 150 ms), {percentile(first_time, 50) / percentile(dense, 50):.1f}x dense retrieval alone "
            f"(target <= 5x); query embedding p50 {percentile(embed, 50):.1f} ms (target <= 3 ms); warm ask, new "
            f"wording, p50 {percentile(warm, 50):.1f} ms (target <= 40 ms). Abstained on {extra['abstained']}/"
            f"{len(QUESTIONS)}. Warm-up {extra['warm_up_s']:.1f} s."
        )
        if extra["build_seconds"] is not None:
            seconds = float(extra["build_seconds"])  # type: ignore[arg-type]
            print(
                f"{name}: library built in this run: {seconds:.0f} s ({int(str(extra['chunks'])) / seconds:.1f} chunks/s)."
            )
    print(f"\nPeak RSS (every backend loaded): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB.")

    if args.profile:
        import cProfile
        import pstats

        assistant = info["assistant"]
        profiler = cProfile.Profile()
        profiler.enable()
        for q in QUESTIONS:
            assistant.ask(q, log=False)  # type: ignore[attr-defined]
        profiler.disable()
        print("\nProfile of one pass of ask() over the questions (cumulative):", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
