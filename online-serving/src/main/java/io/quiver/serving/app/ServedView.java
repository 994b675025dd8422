package io.quiver.serving.app;

/**
 * One view version's rows of an answer: the event time and age of what each entity row read, shared
 * by every requested feature of that view (sent once per view, not per feature).
 */
public final class ServedView {
  private final String name;
  private final int version;
  private final long[] eventTimeMicros;
  private final long[] ageMicros;

  public ServedView(String name, int version, int rows) {
    this.name = name;
    this.version = version;
    this.eventTimeMicros = new long[rows];
    this.ageMicros = new long[rows];
  }

  /** Event time and age in micros of a row; 0 and 0 where nothing usable is stored. */
  public void set(int row, long eventTime, long age) {
    eventTimeMicros[row] = eventTime;
    ageMicros[row] = age;
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  public int size() {
    return eventTimeMicros.length;
  }

  public long eventTimeMicros(int row) {
    return eventTimeMicros[row];
  }

  public long ageMicros(int row) {
    return ageMicros[row];
  }
}
