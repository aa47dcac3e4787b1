"""PageRank over a weighted graph, shared by keyword TextRank and sentence TextRank.

The graph is a square sparse (or dense) matrix of non-negative edge weights, nodes in a fixed order chosen by the
caller (sorted terms, sentence indices), so results are deterministic. Power iteration on the column-stochastic
matrix, with an optional personalisation (teleport) vector, until the L1 change is below ``tol`` or ``max_iter``
iterations have run. Dangling nodes (no out-edges) teleport by the personalisation vector.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .errors import ConfigError

#: Graphs up to this many nodes are iterated as dense arrays (faster; the result is the same).
_DENSE_MAX_NODES = 256


def pagerank(
    weights: sp.spmatrix | sp.sparray | np.ndarray,
    *,
    damping: float = 0.85,
    personalization: np.ndarray | None = None,
    tol: float = 1e-6,
    max_iter: int = 100,
) -> np.ndarray:
    """Scores of the nodes of a weighted graph (they sum to 1).

    ``weights[i, j]`` is the weight of the edge from i to j (use a symmetric matrix for an undirected graph).

    Examples
    --------
    >>> import numpy as np
    >>> scores = pagerank(np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]], dtype=float))
    >>> int(scores.argmax())
    0
    """
    if not 0 < damping < 1:
        raise ConfigError(f"damping must be in (0, 1); got {damping}")
    if max_iter < 1:
        raise ConfigError(f"max_iter must be an integer >= 1; got {max_iter}")
    if not sp.issparse(weights):
        weights = np.asarray(weights, dtype=np.float64)
    n = weights.shape[0] if weights.ndim else 0
    # Small graphs (a short article's sentences) iterate on a dense array: the same arithmetic without the
    # per-call overhead of scipy.sparse, which dominates below a few hundred nodes.
    matrix: sp.csr_matrix | np.ndarray
    if n <= _DENSE_MAX_NODES:
        matrix = weights.toarray() if sp.issparse(weights) else np.asarray(weights)
        matrix = matrix.astype(np.float64, copy=False)
    else:
        matrix = sp.csr_matrix(weights, dtype=np.float64)
    if n == 0:
        return np.zeros(0)
    if matrix.shape != (n, n):
        raise ConfigError(f"the weight matrix must be square; got shape {matrix.shape}")
    if personalization is None:
        teleport = np.full(n, 1.0 / n)
    else:
        teleport = np.asarray(personalization, dtype=np.float64)
        total = teleport.sum()
        teleport = teleport / total if total > 0 else np.full(n, 1.0 / n)
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inverse = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    transition_t: sp.csr_matrix | np.ndarray
    if isinstance(matrix, np.ndarray):
        transition_t = np.ascontiguousarray((matrix * inverse[:, None]).T)  # rows of dangling nodes are zero
    else:
        transition = sp.diags(inverse) @ matrix  # row-stochastic (rows of dangling nodes are zero)
        transition_t = transition.T.tocsr()
    scores = teleport.copy()
    restart = (1 - damping) * teleport
    any_dangling = bool(dangling.any())  # without dangling nodes their term is an exact zero: skipped
    for _ in range(max_iter):
        if any_dangling:
            new = damping * (transition_t @ scores + scores[dangling].sum() * teleport) + restart
        else:
            new = damping * (transition_t @ scores) + restart
        change = np.add.reduce(np.abs(new - scores))  # ndarray.sum() without its Python layers
        scores = new
        if change < tol:
            break
    return scores
