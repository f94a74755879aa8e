"""Incremental corpus stages: merge newly analyzed articles with everything a database already holds.

``refresh_corpus`` runs the corpus stages (dates, actors, groups, topics, relations) over every stored
article (ordered by id, so the result does not depend on storage order) and saves the links; so
analyzing folder A and then folder B into one database gives the same actors, groups and relations as
analyzing A and B in one run, and a resumed run gives what a clean one does.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import Options
from .records import ArticleAnalysis, Result
from .store import Store


def stored_analyses(store: Store) -> list[ArticleAnalysis]:
    """Every stored article with its statements and frames, by article id: the same corpus gives the
    same actors and groups however (and in how many runs) its articles were stored."""
    found = []
    for article in sorted(store.load_result().articles, key=lambda a: a.id):
        analysis = store.load_article(article.id)
        if analysis is not None:
            found.append(analysis)
    return found


def refresh_corpus(store: Store, options: Options, article_ids: Iterable[str] | None = None) -> Result:
    """Run the corpus stages over the whole database, save them, and return the view of ``article_ids``
    (this run's articles; all when None) with their actors, groups, topics and relations."""
    from .pipeline import corpus_stages

    result = corpus_stages(stored_analyses(store), options)
    store.save_corpus(result)
    if article_ids is None:
        return store.load_result()
    ids = list(dict.fromkeys(article_ids))
    view = store.load_result(ids)
    rank = {aid: i for i, aid in enumerate(ids)}  # the run's input order, not storage order
    view.articles.sort(key=lambda a: rank.get(a.id, len(rank)))
    view.statements.sort(key=lambda st: rank.get(st.article_id, len(rank)))
    view.frames.sort(key=lambda f: rank.get(f.article_id, len(rank)))
    return view
