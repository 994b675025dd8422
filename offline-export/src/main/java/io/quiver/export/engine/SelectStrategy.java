package io.quiver.export.engine;

/**
 * How a select view is joined; all give the same rows (the oracle test runs each).
 *
 * <ul>
 *   <li>{@link #CANDIDATE_JOIN}: join every entity row to its key's visible feature rows and keep
 *       the best per row. One hash join and a window over the pairs; the pairs of a key are (its
 *       feature rows × its entity rows).
 *   <li>{@link #RUNNING_MAX}: one sort of feature and entity rows per key by visibility time and a
 *       running max; linear whatever the key skew, but about {@value #CANDIDATE_ROWS_PER_KEY} times
 *       the cost of the candidate join per row (measured with the export bench).
 *   <li>{@link #AUTO}: per key, by its number of entity rows e: keys with e at most {@value
 *       #CANDIDATE_ROWS_PER_KEY} take the candidate join, the others the running max. For e ≤ 4 the
 *       pairs (f·e for f feature rows) cost no more than the running max's rows (f + e) at 4 times
 *       the price, whatever f; for larger e, f would have to be known, so the bounded plan is
 *       taken. The pairs are thus at most {@value #CANDIDATE_ROWS_PER_KEY} per feature row, and
 *       only the entity side (small, already loaded) is counted: no extra pass over the feature
 *       files unless such keys exist.
 * </ul>
 */
public enum SelectStrategy {
  AUTO,
  CANDIDATE_JOIN,
  RUNNING_MAX;

  static final int CANDIDATE_ROWS_PER_KEY = 4;
}
