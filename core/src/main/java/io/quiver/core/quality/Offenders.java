package io.quiver.core.quality;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Counts offending rows and keeps the first few distinct offending values, as text. */
final class Offenders {
  private final Set<String> examples = new LinkedHashSet<>();
  private long count;

  void add(Object value) {
    count++;
    if (examples.size() < CheckResult.MAX_EXAMPLES) {
      examples.add(ValueText.of(value));
    }
  }

  void addMany(long rows) {
    count += rows;
  }

  long count() {
    return count;
  }

  List<String> examples() {
    return new ArrayList<>(examples);
  }
}
