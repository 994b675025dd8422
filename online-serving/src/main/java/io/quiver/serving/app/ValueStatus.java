package io.quiver.serving.app;

/**
 * What became of one requested value, decided in this order: {@link #NOT_FOUND} when nothing is
 * stored, {@link #UNREADABLE} when the stored bytes do not decode, {@link #OUTSIDE_MAX_AGE} when
 * now − event time ≥ the view's maxAge (the value is still sent), {@link #NULL_VALUE} when the
 * value is null, else {@link #PRESENT}.
 */
public enum ValueStatus {
  PRESENT,
  NOT_FOUND,
  NULL_VALUE,
  OUTSIDE_MAX_AGE,
  UNREADABLE;

  static ValueStatus of(Object value, long ageMicros, long maxAgeMicros) {
    if (maxAgeMicros > 0 && ageMicros >= maxAgeMicros) {
      return OUTSIDE_MAX_AGE;
    }
    return value == null ? NULL_VALUE : PRESENT;
  }
}
