"""A corpus fit saved once and reused: ``tiyao fit PATHS -o model.tiyao``, then ``tiyao run NEW --model model.tiyao``.

What a model holds (:class:`TiyaoModel`): the settings the fit depends on (keyword method, phrases, IDF mode,
new-word discovery, theme settings), the words of the user dictionaries and the discovered new words (the
segmenter is rebuilt from them), the document frequencies of the keyword IDF, the themes with their labels and
the space they were found in (:class:`~tiyao.cluster.ThemeSpace`: feature words, their weights, the LSA axes,
each theme's centre, the closeness below which an article is new, the map's axes), and a fingerprint (SHA-256 of
title and text) of each article the fit saw with its theme.

Analysing new articles against a model (``run(paths, config, model=...)``: each step is built with the model,
:mod:`tiyao.steps`) fits nothing:
articles are segmented with the model's words, keywords are ranked against the model's IDF, counting the article
itself when the model was not fitted on it (:func:`with_one_more`: the keywords of a fit on the model's articles
plus this one, where its words are known), and each article joins its nearest theme, or no theme when it is
further from it than 99 % of the fit's articles were from the rest of their own (:class:`~tiyao.cluster.ThemeSpace`).
An article the fit itself saw (same title and text) keeps the theme the fit gave it. Theme numbers and labels are
the model's; a report lists the themes that have articles in it. Summaries need nothing fitted.

The file is data, never code: a ZIP archive of ``model.json`` (format, versions, settings, words, IDF terms,
themes) and NumPy ``.npy`` arrays read with ``allow_pickle=False``, so opening a model someone sent cannot run
code (no pickle anywhere). The same fit writes the same bytes. A file that is not a model, is truncated or
damaged (ZIP checksums, array shapes), or was written by another format or tiyao version raises InputError.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .config import PipelineConfig
from .corpus import Corpus, ReadOptions
from .errors import ConfigError, InputError
from .files import write_file
from .types import Document, Theme

#: The layout of a model file; a file of another format version is refused.
FORMAT_VERSION = 1
FORMAT_NAME = "tiyao-model"
MANIFEST = "model.json"
#: The settings a fit depends on: a run with a model takes them from the model.
FITTED_FIELDS = ("keyword_method", "phrases", "idf", "idf_model", "discover_words", "min_count", "themes",
                 "theme_method", "user_dicts")
_ARRAYS = ("weights", "lsa", "centres", "pca_mean", "pca_axes", "idf_df", "fitted_themes")
_HINT = "Fit a model with `tiyao fit PATHS -o model.tiyao`."
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same fit writes the same bytes
#: A model file whose parts would unpack to more than this is refused before anything is unpacked.
MAX_UNPACKED_BYTES = 4 << 30


@dataclass(frozen=True, eq=False)
class TiyaoModel:
    """What a corpus fit learned, for analysing other articles without fitting again (see the module docs)."""

    config: PipelineConfig  # the fit's settings (its FITTED_FIELDS are what a run with this model uses)
    new_words: tuple[str, ...] = ()
    user_words: tuple[tuple[str, int | None, str | None], ...] = ()  # the user dictionaries' entries, in order
    idf: Any | None = None  # a fitted IdfModel (TF-IDF keywords), or None
    themes: tuple[Theme, ...] = ()  # as fitted (doc_ids: the fit's articles)
    space: Any | None = None  # a ThemeSpace, or None when the fit found no themes
    fitted: dict[str, int] = field(default_factory=dict)  # fingerprint of each fitted article -> its theme (or -1)
    documents: int = 0
    characters: int = 0
    tiyao_version: str = field(default_factory=lambda: _version())
    skipped: tuple[tuple[str, str], ...] = ()  # (id, why) of the articles the fit could not use; not saved

    def run_config(self, config: PipelineConfig) -> PipelineConfig:
        """``config`` with the settings this model was fitted with (FITTED_FIELDS) in place of its own."""
        return replace(config, **{name: getattr(self.config, name) for name in FITTED_FIELDS}).validate()

    def segmenter(self, backend: str = "auto") -> Any:
        """A segmenter that knows the fit's words: its user dictionaries' entries, then the discovered words (the
        compounds among them as phrases, :func:`tiyao.compounds.with_new_words`)."""
        from .compounds import with_new_words
        from .segment import Segmenter

        return with_new_words(Segmenter(words=self.user_words, backend=backend), self.new_words)


def _version() -> str:
    from . import __version__  # here, not at import: the package may import this module while it loads

    return __version__


def fingerprint(document: Document) -> str:
    """What identifies an article's content (its title and text), whatever its id."""
    data = f"{document.title}\0{document.text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


# -- fitting and applying ---------------------------------------------------------------------------------------

def fit_model(
    inputs: Sequence[str | os.PathLike[str]] | Corpus | Iterable[Document],
    config: PipelineConfig | None = None,
    *,
    read_options: ReadOptions | None = None,
    progress: Any = None,
    strict: bool = False,
) -> TiyaoModel:
    """Fit new words, IDF and themes on ``inputs`` (the fit pass of :func:`tiyao.pipeline.run`) and return them
    as a model; nothing is analysed."""
    from .pipeline import fit
    from .segment import user_dict_entries

    config = (config or PipelineConfig()).validate()
    keys: dict[str, str] = {}  # article id -> fingerprint, for every usable article in input order

    def remember(document: Document) -> None:
        keys[document.id] = fingerprint(document)

    corpus_fit = fit(inputs, config, read_options=read_options, progress=progress, strict=strict,
                     each_article=remember)
    if not corpus_fit.documents:
        skipped = corpus_fit.skipped
        why = f" ({skipped[0][0]}: {skipped[0][1]})" if skipped else ""
        raise InputError(f"no article could be used to fit a model{why}",
                         hint="Give articles with Chinese or English text.")
    themes = corpus_fit.fitted.get("themes")
    theme_of = themes.theme_of if themes is not None else {}
    fitted: dict[str, int] = {}
    for doc_id, key in keys.items():
        fitted.setdefault(key, theme_of.get(doc_id, -1))
    keywords = corpus_fit.fitted.get("keywords")
    return TiyaoModel(config, corpus_fit.new_words, user_dict_entries(config.user_dicts),
                      keywords.idf if keywords is not None else None, corpus_fit.themes,
                      themes.space if themes is not None else None, fitted, corpus_fit.documents,
                      corpus_fit.characters, skipped=corpus_fit.skipped)


def counts_itself(config: PipelineConfig) -> bool:
    """Is the keyword IDF fitted on the corpus itself (so that a fit including an article counts it)?"""
    return config.keyword_method == "tfidf" and not config.idf_model and config.idf != "background"


class _OneMore(dict):  # type: ignore[type-arg]
    """Document frequencies with one more document holding every term asked about."""

    def get(self, term: Any, default: Any = 0) -> int:
        return dict.get(self, term, 0) + 1


def with_one_more(idf: Any) -> Any:
    """``idf`` as a fit that also included the article being ranked would have it: one more document, holding
    each of the article's terms (the ranking asks only about those), so df + 1 and N + 1. An article the model
    was not fitted on is ranked with this: its keywords are those of a fit on the model's corpus plus itself,
    where segmentation agrees (the same words known)."""
    from .idf import IdfModel

    more = IdfModel.from_document_frequencies({}, idf.n_documents_ + 1, mode=idf.mode,
                                              prior_documents=idf.prior_documents)
    more.df_ = _OneMore(idf.df_)
    return more


# -- the file -----------------------------------------------------------------------------------------------

def save_model(model: TiyaoModel, path: str | os.PathLike[str]) -> None:
    """Write ``model`` to ``path`` (a ZIP of JSON and ``.npy`` arrays, see the module docs), atomically."""
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "tiyao_version": model.tiyao_version,
        "documents": model.documents,
        "characters": model.characters,
        "config": {name: _plain(getattr(model.config, name)) for name in FITTED_FIELDS},
        "new_words": list(model.new_words),
        "user_words": [list(entry) for entry in model.user_words],
        "idf": None,
        "themes": [{"id": t.id, "label": list(t.label), "representative": t.representative}
                   for t in model.themes],
        "space": None,
        "fitted": sorted(model.fitted),
    }
    arrays: dict[str, np.ndarray] = {
        "fitted_themes": np.array([model.fitted[key] for key in manifest["fitted"]], dtype=np.int64)}
    if model.idf is not None:
        terms = sorted(model.idf.df_)
        manifest["idf"] = {"mode": model.idf.mode, "prior_documents": model.idf.prior_documents,
                           "documents": model.idf.n_documents_, "terms": terms}
        arrays["idf_df"] = np.array([model.idf.df_[t] for t in terms], dtype=np.int64)
    if model.space is not None:
        space = model.space
        manifest["space"] = {"vocabulary": list(space.vocabulary), "lsa": space.lsa is not None,
                             "floor": space.floor, "common": sorted(space.common.items()),
                             "rare_weight": space.rare_weight}
        arrays.update(weights=space.weights, centres=space.centres, pca_mean=space.pca_mean,
                      pca_axes=space.pca_axes)
        if space.lsa is not None:
            arrays["lsa"] = space.lsa
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        for name in _ARRAYS:
            if name in arrays:
                data = io.BytesIO()
                np.save(data, np.ascontiguousarray(arrays[name]), allow_pickle=False)
                _add(archive, f"{name}.npy", data.getvalue())
    # a unique temporary file renamed over the target, its mode kept, a symlink written through (tiyao.files)
    write_file(path, buffer.getvalue())


def load_model(path: str | os.PathLike[str]) -> TiyaoModel:
    """Read a model written by :func:`save_model`; InputError for anything else (see the module docs)."""
    source = Path(path)
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise _not_a_model(source, f"it would unpack to {unpacked:,} bytes")
            if MANIFEST not in names:
                raise _not_a_model(source, "it holds no model.json")
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
            _check_versions(source, manifest)
            arrays = {name: _array(archive.read(f"{name}.npy")) for name in _ARRAYS if f"{name}.npy" in names}
    except FileNotFoundError:
        raise InputError(f"no such model file: {source}", hint=_HINT) from None
    except IsADirectoryError:
        raise InputError(f"{source} is a folder, not a model file", hint=_HINT) from None
    except zipfile.BadZipFile as error:
        raise _not_a_model(source, f"not a ZIP archive or damaged ({error})") from None
    except (zipfile.LargeZipFile, zlib.error, EOFError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        raise _not_a_model(source, f"damaged ({error})") from None
    except OSError as error:
        raise InputError(f"cannot read model {source}: {error.strerror or error}", hint=_HINT) from None
    try:
        return _model(manifest, arrays)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, ConfigError) as error:
        raise _not_a_model(source, f"damaged: {type(error).__name__}: {error}") from None


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _array(data: bytes) -> np.ndarray:
    return np.load(io.BytesIO(data), allow_pickle=False)


def _not_a_model(source: Path, why: str) -> InputError:
    return InputError(f"{source} is not a usable tiyao model: {why}", hint=_HINT)


def _check_versions(source: Path, manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise _not_a_model(source, "its model.json is not a tiyao model's")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise InputError(f"{source} is a tiyao model of format {version!r}; this tiyao {_version()} reads format "
                         f"{FORMAT_VERSION}", hint="Fit the model again with this tiyao: `tiyao fit PATHS -o FILE`.")
    made_by = manifest.get("tiyao_version")
    if made_by != _version():
        raise InputError(f"{source} was fitted by tiyao {made_by}; this is tiyao {_version()}, whose words, "
                         "keywords and themes may differ",
                         hint="Fit the model again with this tiyao: `tiyao fit PATHS -o FILE`.")


def _model(manifest: dict[str, Any], arrays: dict[str, np.ndarray]) -> TiyaoModel:
    """The model a manifest and its arrays describe, every part checked for type and shape."""
    from .cluster import ThemeSpace
    from .idf import IdfModel

    config = PipelineConfig(**{name: _config_value(name, manifest["config"][name]) for name in FITTED_FIELDS})
    config.validate()
    idf = None
    if manifest["idf"] is not None:
        section = manifest["idf"]
        terms = _strings(section["terms"])
        counts = _numbers(arrays["idf_df"], (len(terms),), np.integer)
        idf = IdfModel.from_document_frequencies(dict(zip(terms, counts.tolist())), int(section["documents"]),
                                                 mode=str(section["mode"]),
                                                 prior_documents=float(section["prior_documents"]))
    themes = tuple(Theme(int(t["id"]), _strings(t["label"]), (), str(t["representative"]))
                   for t in manifest["themes"])
    if [t.id for t in themes] != list(range(len(themes))):
        raise ValueError("themes are not numbered 0, 1, …")
    space = None
    if manifest["space"] is not None:
        vocabulary = _strings(manifest["space"]["vocabulary"])
        k = len(themes)
        centres = _numbers(arrays["centres"], (k, None), np.floating)
        d = centres.shape[1]
        lsa = _numbers(arrays["lsa"], (d, len(vocabulary)), np.floating) if manifest["space"]["lsa"] else None
        if lsa is None and d != len(vocabulary):
            raise ValueError("the theme centres do not match the vocabulary")
        space = ThemeSpace(vocabulary, _numbers(arrays["weights"], (len(vocabulary),), np.floating), lsa, centres,
                           _floor(manifest["space"]["floor"]),
                           _numbers(arrays["pca_mean"], (d,), np.floating),
                           _numbers(arrays["pca_axes"], (2, d), np.floating),
                           {str(word): _weight(value) for word, value in manifest["space"]["common"]},
                           _weight(manifest["space"]["rare_weight"]))
    keys = _strings(manifest["fitted"])
    labels = _numbers(arrays["fitted_themes"], (len(keys),), np.integer).tolist()
    if any(not -1 <= label < len(themes) for label in labels):
        raise ValueError("a fitted article's theme is not one of the model's")
    user_words = tuple((str(w), None if f is None else int(f), None if t is None else str(t))
                       for w, f, t in manifest["user_words"])
    return TiyaoModel(config, _strings(manifest["new_words"]), user_words, idf, themes, space,
                      dict(zip(keys, labels)), int(manifest["documents"]), int(manifest["characters"]),
                      str(manifest["tiyao_version"]))


def _floor(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -1.0 <= value <= 1.0:
        raise ValueError(f"the theme floor is {value!r}, not a similarity")
    return float(value)


def _weight(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value < 1e6:
        raise ValueError(f"a word weight of {value!r}")
    return float(value)


def _config_value(name: str, value: Any) -> Any:
    if name == "user_dicts":
        return _strings(value)
    return value


def _strings(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("expected a list of strings")
    return tuple(values)


def _numbers(array: np.ndarray, shape: tuple[int | None, ...], kind: type) -> np.ndarray:
    if not np.issubdtype(array.dtype, kind):
        raise ValueError(f"an array of {array.dtype} where numbers of kind {kind.__name__} were expected")
    if array.ndim != len(shape) or any(want is not None and have != want for have, want in zip(array.shape, shape)):
        raise ValueError(f"an array of shape {array.shape} where {shape} was expected")
    if np.issubdtype(array.dtype, np.floating) and not np.all(np.isfinite(array)):
        raise ValueError("an array with NaN or infinite values")
    return array
