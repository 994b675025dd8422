package io.quiver.serving.app;

import io.quiver.core.model.ValueType;

/**
 * One requested feature over every entity row, in row order: values (canonical Java values, null
 * for none), statuses, event times and ages in microseconds (0 where nothing is stored).
 */
public final class FeatureColumn {
  private final String name;
  private final int viewVersion;
  private final ValueType type;
  private final Object[] values;
  private final ValueStatus[] statuses;
  private final long[] eventTimeMicros;
  private final long[] ageMicros;

  public FeatureColumn(String name, int viewVersion, ValueType type, int rows) {
    this.name = name;
    this.viewVersion = viewVersion;
    this.type = type;
    this.values = new Object[rows];
    this.statuses = new ValueStatus[rows];
    this.eventTimeMicros = new long[rows];
    this.ageMicros = new long[rows];
  }

  public void set(int row, Object value, ValueStatus status, long eventTime, long age) {
    values[row] = value;
    statuses[row] = status;
    eventTimeMicros[row] = eventTime;
    ageMicros[row] = age;
  }

  /** The ref as requested ({@code view:*} expanded to {@code view:feature}). */
  public String name() {
    return name;
  }

  public int viewVersion() {
    return viewVersion;
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
    return eventTimeMicros[row];
  }

  public long ageMicros(int row) {
    return ageMicros[row];
  }
}
