package io.quiver.core.quality;

import io.quiver.core.model.ValueType;

/** Inclusive bounds as text: {@code ≥ lo}, {@code ≤ hi} or {@code in [lo, hi]}. */
final class Bounds {
  private Bounds() {}

  static String describe(ValueType type, Double lo, Double hi) {
    if (lo != null && hi != null) {
      return "in [" + ValueText.number(type, lo) + ", " + ValueText.number(type, hi) + "]";
    }
    return lo != null ? "≥ " + ValueText.number(type, lo) : "≤ " + ValueText.number(type, hi);
  }

  static boolean contains(Double lo, Double hi, double x) {
    return (lo == null || x >= lo) && (hi == null || x <= hi);
  }
}
