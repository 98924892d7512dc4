"""Ingestion throughput of each embedding backend beside the raw torch encode of the same texts, in one run.

The sample corpus is replicated (each copy with slightly different bytes, so nothing is recognised as a
duplicate or a rename) into a temporary folder, then, interleaved so that a change in the machine's load hits
every backend alike:

  raw encode, each backend (before)  ->  ingest end to end, each backend, into its own fresh library
  (read, parse, chunk, embed, write Chroma)  ->  raw encode, each backend (after)

"raw" encodes exactly the texts ingestion embeds, with the same model and batch size, in one call: each
passage, each of its quotable units (sentences, list items: the answerer's candidates) and each word of the
library's vocabulary (the abstention's synonym check), all made at ingest so that questions need not. For
torch that is `SentenceTransformer.encode`; for the ONNX backends their own `encode`. Raw rates are the mean
of the before and after runs (the machine is shared).

Targets: ingestion with the default backend (onnx-int8) >= 2x the raw torch encode (issue 13); each backend's
ingestion >= 0.85x its own raw encode (issue 7).

    .venv/bin/python bench/ingest.py                       # 2 copies of the corpus, torch, onnx and onnx-int8
    .venv/bin/python bench/ingest.py --backends torch,onnx-int8 --copies 1
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import EmbeddingBackend, Settings, quiet_third_parties  # noqa: E402

CORPUS = ROOT / "corpus"


def variant(path: Path, copy: int) -> bytes:
    """The file's bytes changed just enough to be a different document (content hash), in a valid file."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    note = f"Copy {copy} of this document, made for the ingestion benchmark."
    if suffix in (".md", ".txt"):
        return data + f"\n\n{note}\n".encode()
    if suffix in (".html", ".htm"):
        return data.replace(b"</main>", f"<p>{note}</p></main>".encode(), 1)
    if suffix == ".docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        document.add_paragraph(note)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if suffix == ".pdf":
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.add_metadata({"/Subject": note})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    return data


def build_corpus(target: Path, copies: int) -> int:
    from assistant.library.loading.files import discover

    files = list(discover([CORPUS]))
    for copy in range(1, copies + 1):
        for path in files:
            (target / f"{path.stem}-copy{copy:02d}{path.suffix}").write_bytes(variant(path, copy))
    return len(files) * copies


def chunk_texts(folder: Path, settings: Settings) -> tuple[list[str], list[str]]:
    """The exact texts ingestion will embed."""
    from assistant.library.chunking import chunk_document, embedding_text
    from assistant.library.ingestion import unit_records_of
    from assistant.library.loading.files import discover, load_file
    from assistant.text import vocabulary

    texts: list[str] = []
    units: list[str] = []
    words: set[str] = set()
    for path in discover([folder]):
        doc = load_file(path, max_bytes=int(settings.max_file_mb * 1024 * 1024))
        for chunk in chunk_document(doc, settings.chunk_chars):
            texts.append(embedding_text(chunk))
            units.extend(text for _, _, text in unit_records_of(chunk))
            words.update(vocabulary(f"{chunk.section} {chunk.text}"))
    return texts, units + sorted(words)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=2, help="Copies of the sample corpus (default 2).")
    parser.add_argument(
        "--backends", default="torch,onnx,onnx-int8", help="Comma-separated backends; torch is always included."
    )
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the default backend's ingest.")
    args = parser.parse_args()
    quiet_third_parties()
    backends: list[EmbeddingBackend] = ["torch"]
    for name in (n.strip() for n in args.backends.split(",")):
        if name in ("onnx", "onnx-int8") and name not in backends:
            backends.append(name)
        elif name not in ("", "torch", "onnx", "onnx-int8"):
            parser.error(f"unknown backend {name!r}; known: torch, onnx, onnx-int8")

    configured = str(Settings.model_fields["embedding_backend"].default)
    default = configured if configured in backends else backends[-1]

    import torch

    from assistant.library.embedding import SentenceEmbeddings, TextEmbeddings, embeddings_for
    from assistant.library.library import Library

    with tempfile.TemporaryDirectory(prefix="juror-bench-ingest-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        files = build_corpus(folder, args.copies)
        base = Settings(data_dir=Path(tmp) / "data")  # type: ignore[call-arg]
        passages, extra = chunk_texts(folder, base)
        texts = passages + extra
        embedders: dict[str, TextEmbeddings] = {}
        for backend in backends:
            embedders[backend] = embeddings_for(base.model_copy(update={"embedding_backend": backend}))
            embedders[backend].encode(texts[:64])  # load the model (make the ONNX file) and warm up before timing
        identity = {b: e.identity for b, e in embedders.items()}
        print(
            f"{files} files, {len(passages)} passages, {len(texts)} texts in all; torch threads: "
            f"{torch.get_num_threads()}; backends: {', '.join(identity.values())}",
            file=sys.stderr,
        )

        def raw(backend: str, which: list[str] | None = None) -> float:
            embeddings = embedders[backend]
            started = time.perf_counter()
            if isinstance(embeddings, SentenceEmbeddings):
                embeddings.model.encode(
                    which if which is not None else texts,
                    batch_size=embeddings.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            else:
                embeddings.encode(which if which is not None else texts)
            return time.perf_counter() - started

        raw_passages = raw("torch", passages)
        before = {}
        for backend in backends:
            before[backend] = raw(backend)
            print(f"raw {backend} (before): {len(texts) / before[backend]:.1f} texts/s", file=sys.stderr)

        ingest_s: dict[str, float] = {}
        in_model: dict[str, float] = {}
        for backend in backends:
            embeddings = embedders[backend]
            settings = base.model_copy(update={"embedding_backend": backend, "data_dir": Path(tmp) / f"data-{backend}"})
            library = Library(settings, embeddings)
            spent = [0.0]
            real_encode = embeddings.encode

            def encode(batch: list[str], real_encode=real_encode, spent=spent):  # timed: model vs the rest
                t0 = time.perf_counter()
                try:
                    return real_encode(batch)
                finally:
                    spent[0] += time.perf_counter() - t0

            embeddings.encode = encode  # type: ignore[method-assign,assignment]
            started = time.perf_counter()
            if args.profile and backend == default:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                report = profiler.runcall(library.ingest, [folder])
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
            else:
                report = library.ingest([folder])
            ingest_s[backend] = time.perf_counter() - started
            in_model[backend] = spent[0]
            embeddings.encode = real_encode  # type: ignore[method-assign]
            stored = library.store.count()
            print(
                f"ingest {backend}: {len(texts) / ingest_s[backend]:.1f} texts/s ({report.summary()})", file=sys.stderr
            )
            if not report.ok or stored != len(passages):
                sys.exit(f"ingestion stored {stored} chunks for {len(passages)} passages; failures: {report.failed}")
            if list(library.embedders()) != [identity[backend]]:
                sys.exit(f"the {backend} library records other vectors: {list(library.embedders())}")
            shutil.rmtree(settings.data_dir, ignore_errors=True)

        after = {}
        for backend in backends:
            after[backend] = raw(backend)
            print(f"raw {backend} (after): {len(texts) / after[backend]:.1f} texts/s", file=sys.stderr)

    n = len(texts)
    raw_rate = {b: n / ((before[b] + after[b]) / 2) for b in backends}
    print(
        f"\nIngestion throughput: {files} files, {len(passages)} passages and {n - len(passages)} units and words "
        f"({n} texts), batch size {base.embedding_batch_size}, {torch.get_num_threads()} torch threads\n"
    )
    print(
        "| backend | raw encode before, texts/s | ingest end to end, s | ingest, texts/s | raw after, texts/s "
        "| ingest / own raw | **ingest / raw torch** | time in the model |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for b in backends:
        rate = n / ingest_s[b]
        print(
            f"| {identity[b].split('; ', 1)[-1]} | {n / before[b]:.1f} | {ingest_s[b]:.1f} | {rate:.1f} | "
            f"{n / after[b]:.1f} | {rate / raw_rate[b]:.2f} | **{rate / raw_rate['torch']:.2f}** | "
            f"{in_model[b] / ingest_s[b]:.0%} |"
        )
    ratio = (n / ingest_s[default]) / raw_rate["torch"]
    print(
        f"\nDefault backend ({identity[default].split('; ', 1)[-1]}) ingestion / raw torch encode: **{ratio:.2f}x** "
        f"(target >= 2: {'met' if ratio >= 2 else 'NOT met'}). Raw torch encode of the passages alone: "
        f"{len(passages) / raw_passages:.1f} passages/s."
    )
    print(f"Peak RSS of the whole run (every backend loaded): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
