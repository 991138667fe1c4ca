"""Commands: the `nashra` command line, the preview server and the starter files."""
