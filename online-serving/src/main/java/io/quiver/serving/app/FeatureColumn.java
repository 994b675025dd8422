package io.quiver.serving.app;

import io.quiver.core.model.ValueType;

/**
 * One requested feature over every entity row, in row order: values (canonical Java values, null
 * for none) and statuses; event times and ages are its {@link ServedView}'s.
 */
public final class FeatureColumn {
  private final String name;
  private final ServedView view;
  private final ValueType type;
  private final Object[] values;
  private final ValueStatus[] statuses;

  public FeatureColumn(String name, ServedView view, ValueType type) {
    this.name = name;
    this.view = view;
    this.type = type;
    this.values = new Object[view.size()];
    this.statuses = new ValueStatus[view.size()];
  }

  public void set(int row, Object value, ValueStatus status) {
    values[row] = value;
    statuses[row] = status;
  }

  /** The ref as requested ({@code view:*} expanded to {@code view:feature}). */
  public String name() {
    return name;
  }

  /** The view version that served this feature, with the rows' event times and ages. */
  public ServedView view() {
    return view;
  }

  public int viewVersion() {
    return view.version();
  }

  public ValueType type() {
    return type;
  }

  public int size() {
    return values.length;
  }

  public Object value(int row) {
    return values[row];
  }

  public ValueStatus status(int row) {
    return statuses[row];
  }

  public long eventTimeMicros(int row) {
    return view.eventTimeMicros(row);
  }

  public long ageMicros(int row) {
    return view.ageMicros(row);
  }
}
