"""File -> passages -> Chroma: reading files, chunking, embedding, the store and ingestion."""
