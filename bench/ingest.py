"""Ingestion throughput beside the raw throughput of the same model on the same chunk texts, in one run.

The sample corpus is replicated (each copy with slightly different bytes, so nothing is recognised as a
duplicate or a rename) into a temporary folder, then:

  raw (before)  ->  `juror-assistant ingest`-equivalent end to end (read, parse, chunk, embed, write Chroma)  ->  raw (after)

"raw" encodes exactly the texts ingestion embeds, with the same model and batch size, in one call: each
passage, each of its quotable units (sentences, list items: the answerer's candidates) and each word of the
library's vocabulary (the abstention's synonym check), all made at ingest so that questions need not.
Ratio = ingestion texts/s over the mean of the two raw runs (the machine is shared, so raw is measured on
both sides). Target: >= 0.85. Also shown: the passages alone, i.e. what ingestion cost before units and words
were embedded too.

    .venv/bin/python bench/ingest.py            # 6 copies of the corpus (~2,500 chunks)
    .venv/bin/python bench/ingest.py --copies 2 # quicker
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

from assistant.config import Settings, quiet_third_parties  # noqa: E402

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
    from assistant.loading import discover

    files = list(discover([CORPUS]))
    for copy in range(1, copies + 1):
        for path in files:
            (target / f"{path.stem}-copy{copy:02d}{path.suffix}").write_bytes(variant(path, copy))
    return len(files) * copies


def chunk_texts(folder: Path, settings: Settings) -> list[str]:
    """The exact texts ingestion will embed."""
    from assistant.abstention import vocabulary
    from assistant.chunking import chunk_document, embedding_text
    from assistant.ingestion import unit_records_of
    from assistant.loading import discover, load_file

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
    parser.add_argument("--copies", type=int, default=6, help="Copies of the sample corpus (default 6).")
    parser.add_argument("--profile", action="store_true", help="Print a cProfile of the ingestion run.")
    args = parser.parse_args()
    quiet_third_parties()

    import torch

    from assistant.embedding import SentenceEmbeddings
    from assistant.library import Library

    with tempfile.TemporaryDirectory(prefix="juror-bench-ingest-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        files = build_corpus(folder, args.copies)
        settings = Settings(data_dir=Path(tmp) / "data")  # type: ignore[call-arg]
        embeddings = SentenceEmbeddings(settings.embedding_model, settings.embedding_batch_size)
        passages, extra = chunk_texts(folder, settings)
        texts = passages + extra
        embeddings.encode(texts[:64])  # load the model and warm up before any timing
        rss_after_model = peak_rss_mb()

        def raw(which: list[str] | None = None) -> float:
            started = time.perf_counter()
            embeddings.model.encode(
                which if which is not None else texts,
                batch_size=embeddings.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            return time.perf_counter() - started

        print(
            f"{files} files, {len(passages)} passages, {len(texts)} texts in all; torch threads: "
            f"{torch.get_num_threads()}",
            file=sys.stderr,
        )
        raw_passages = raw(passages)
        raw_before = raw()
        print(f"raw (before): {len(texts) / raw_before:.1f} texts/s", file=sys.stderr)

        library = Library(settings, embeddings)
        in_model = [0.0]
        real_encode = embeddings.encode

        def encode(batch: list[str]):  # the same call, timed: splits ingest time into model vs the rest
            t0 = time.perf_counter()
            try:
                return real_encode(batch)
            finally:
                in_model[0] += time.perf_counter() - t0

        embeddings.encode = encode  # type: ignore[method-assign,assignment]
        started = time.perf_counter()
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            report = profiler.runcall(library.ingest, [folder])
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
        else:
            report = library.ingest([folder])
        ingest_s = time.perf_counter() - started
        embeddings.encode = real_encode  # type: ignore[method-assign]
        stored = library.store.count()
        print(f"ingest: {len(texts) / ingest_s:.1f} texts/s ({report.summary()})", file=sys.stderr)

        raw_after = raw()
        print(f"raw (after): {len(texts) / raw_after:.1f} texts/s", file=sys.stderr)
        if not report.ok or stored != len(passages):
            sys.exit(f"ingestion stored {stored} chunks for {len(passages)} passages; failures: {report.failed}")
        shutil.rmtree(settings.data_dir, ignore_errors=True)

    raw_rate = len(texts) / ((raw_before + raw_after) / 2)
    ingest_rate = len(texts) / ingest_s
    ratio = ingest_rate / raw_rate
    print(
        f"\nIngestion throughput: {files} files, {stored} passages and {len(texts) - stored} units and words, "
        f"batch size {embeddings.batch_size}, {torch.get_num_threads()} torch threads\n"
    )
    print("| measure | seconds | texts/s | passages/s |")
    print("|---|---:|---:|---:|")
    print(f"| raw model encode of the passages alone | {raw_passages:.1f} | | {stored / raw_passages:.1f} |")
    print(f"| raw model encode of all texts (before) | {raw_before:.1f} | {len(texts) / raw_before:.1f} | |")
    print(
        f"| ingest end to end (read, parse, chunk, embed all, write) | {ingest_s:.1f} | {ingest_rate:.1f} | "
        f"{stored / ingest_s:.1f} |"
    )
    print(f"| raw model encode of all texts (after) | {raw_after:.1f} | {len(texts) / raw_after:.1f} | |")
    print(f"| **ingest / raw (mean of before and after)** | | **{ratio:.2f}** (target >= 0.85) | |")
    print(
        f"\nInside the ingest: {in_model[0]:.1f} s in the model's encode, {ingest_s - in_model[0]:.1f} s in reading, parsing, chunking and Chroma writes."
    )
    print(f"\nPeak RSS: {peak_rss_mb():.0f} MB (after loading the model: {rss_after_model:.0f} MB)")


if __name__ == "__main__":
    main()
