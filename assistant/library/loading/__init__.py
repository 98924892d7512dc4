"""Reading files as they are published: discovery, metadata, front matter, the line reader, one module per format."""
