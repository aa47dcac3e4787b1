"""One article given as a string, in one call: :func:`keywords` and :func:`summarize` (``tiyao.keywords(text)``,
``tiyao.summarize(text)``).

Without a corpus there are no document frequencies to learn from, so keywords are ranked against jieba's
background IDF (``idf="background"``), and the article's own new words are still found first (a word needs two
occurrences, not a corpus's three): a name such as 两非 is kept whole. The text is cleaned as a file's is, and a
headline-like first line is taken for the title (it gives the title prior), unless ``title`` is given. Both run
the same pipeline as :func:`tiyao.run`, in this process.

>>> text = ("市场监管总局发布电动自行车新国标\\n"
...         "市场监管总局今天发布电动自行车新国标。新国标规定，电动自行车最高车速不超过每小时25公里。"
...         "电动自行车整车质量不超过55公斤。新国标将于明年施行，各地市场监管部门将加强电动自行车检查。")
>>> [k.term for k in keywords(text, k=2)]
['电动自行车', '新国标']
>>> summarize(text, sentences=1).text
'市场监管总局今天发布电动自行车新国标。'
"""

from __future__ import annotations

from .config import PipelineConfig
from .corpus import document_from_text
from .errors import ConfigError, DocumentError
from .report import DocumentResult
from .types import Keyword, Summary

#: Least count of a new word in one article (a corpus needs ``PipelineConfig.min_count``, 3).
ARTICLE_MIN_COUNT = 2


def keywords(text: str, k: int = 10, *, title: str | None = None, method: str = "tfidf", phrases: bool = True,
             new_words: bool = True, segmenter: str = "auto") -> list[Keyword]:
    """The ``k`` best keywords and keyphrases of one article, best first (``Keyword.term``, ``.score``).

    ``method`` is ``"tfidf"`` (against jieba's background IDF) or ``"textrank"``; ``new_words`` finds the
    article's own words first; ``segmenter`` is ``"auto"``, ``"jieba"`` or ``"rjieba"``.
    """
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ConfigError(f"k must be an integer >= 1; got {k!r}")
    config = PipelineConfig(steps=("keywords",), top_k=k, keyword_method=method, phrases=phrases, idf="background",
                            discover_words=new_words, min_count=ARTICLE_MIN_COUNT, segmenter=segmenter, jobs=1)
    return list(_analyse(text, title, config).keywords)


def summarize(text: str, sentences: int | None = 3, *, max_chars: int | None = None, ratio: float | None = None,
              title: str | None = None, method: str = "textrank", segmenter: str = "auto") -> Summary:
    """The extractive summary of one article: whole sentences in document order (``Summary.text`` reads them
    as one string, ``Summary.sentences`` gives each with its position). One budget: ``sentences`` (3 unless
    ``max_chars`` or ``ratio`` is given), ``max_chars`` or ``ratio``; ``method`` is ``"textrank"`` or ``"lead"``.
    """
    if max_chars is not None or ratio is not None:
        sentences = None
    config = PipelineConfig(steps=("summary",), sentences=sentences, max_chars=max_chars, ratio=ratio,
                            summary_method=method, min_count=ARTICLE_MIN_COUNT, segmenter=segmenter, jobs=1)
    result = _analyse(text, title, config)
    return Summary(result.id, result.summary)


def _analyse(text: str, title: str | None, config: PipelineConfig) -> DocumentResult:
    from .pipeline import run

    if not isinstance(text, str):
        raise ConfigError(f"text must be a string (one article); got {type(text).__name__}",
                          hint="For several articles use tiyao.run(texts=[...]).")
    document = document_from_text(text, "text", title=title)
    result = run([document], config).documents[0]
    if result.error is not None:
        raise DocumentError(f"cannot analyse this text: {result.error}")
    return result
