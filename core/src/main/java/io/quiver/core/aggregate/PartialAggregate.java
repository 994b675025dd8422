package io.quiver.core.aggregate;

import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;

/**
 * The mutable partial state of one aggregation (Chronon's IR): {@link #update} folds in an event,
 * {@link #merge} folds in another partial of the same {@link Aggregator}, {@link #result}
 * finalizes. Update and merge commute and associate, so any grouping of events into tiles gives the
 * same result. Events with a null value are skipped; a partial that counted no value has a null
 * result, whatever the function (COUNT included).
 */
public abstract sealed class PartialAggregate
    permits CountAggregate, SumAggregate, MinMaxAggregate, FirstLastAggregate, DistinctAggregate {

  /** Folds in one event; a null value is skipped. Returns this. */
  public final PartialAggregate update(Event e) {
    return update(e.eventTime(), e.createdTime(), e.value());
  }

  /**
   * {@link #update(Event)} without the event object: a batch folds millions of rows, each into
   * several partials, and an {@code Event} per row and partial was a tenth of its allocation.
   */
  public final PartialAggregate update(Instant eventTime, Instant createdTime, Object value) {
    if (value != null) {
      add(eventTime, createdTime, value);
    }
    return this;
  }

  /**
   * {@link #update(Instant, Instant, Object)} of the INT64 value {@code value}, with the times in
   * epoch microseconds ({@link EpochMicros}), for columnar batches: they fold primitive columns,
   * and boxing each value and building two Instants per row and partial would undo that. The state
   * ends up exactly as the boxed call leaves it, also when the aggregator's column is of another
   * type.
   */
  public final PartialAggregate updateLong(long eventMicros, long createdMicros, long value) {
    addLong(eventMicros, createdMicros, value);
    return this;
  }

  /** {@link #updateLong} for the DOUBLE value {@code value}, as if boxed by Double.valueOf. */
  public final PartialAggregate updateDouble(long eventMicros, long createdMicros, double value) {
    addDouble(eventMicros, createdMicros, value);
    return this;
  }

  /** {@link #updateLong} for the TIMESTAMP value {@code EpochMicros.toInstant(valueMicros)}. */
  public final PartialAggregate updateMicros(
      long eventMicros, long createdMicros, long valueMicros) {
    addMicros(eventMicros, createdMicros, valueMicros);
    return this;
  }

  /**
   * Folds {@code other} into this one, leaving {@code other} unchanged. Returns this.
   *
   * @throws IllegalArgumentException when {@code other} belongs to another aggregator
   */
  public final PartialAggregate merge(PartialAggregate other) {
    if (!other.aggregator().equals(aggregator())) {
      throw new IllegalArgumentException(
          "cannot merge a " + other.aggregator() + " partial into a " + aggregator() + " one");
    }
    mergeSame(other);
    return this;
  }

  /** The aggregate's value, of type {@link Aggregator#resultType()}, or null when no values. */
  public abstract Object result();

  /** Whether no value was counted yet. */
  public abstract boolean isEmpty();

  public abstract Aggregator aggregator();

  /** Folds in a non-null value. */
  abstract void add(Instant eventTime, Instant createdTime, Object value);

  // The primitive adds box and defer to add; subclasses override them where that costs.

  void addLong(long eventMicros, long createdMicros, long value) {
    add(EpochMicros.toInstant(eventMicros), EpochMicros.toInstant(createdMicros), value);
  }

  void addDouble(long eventMicros, long createdMicros, double value) {
    add(EpochMicros.toInstant(eventMicros), EpochMicros.toInstant(createdMicros), value);
  }

  void addMicros(long eventMicros, long createdMicros, long valueMicros) {
    add(
        EpochMicros.toInstant(eventMicros),
        EpochMicros.toInstant(createdMicros),
        EpochMicros.toInstant(valueMicros));
  }

  abstract void mergeSame(PartialAggregate other);

  /** Writes the state's payload for {@link PartialAggregateCodec}. */
  abstract void writePayload(BinaryWriter out);

  @Override
  public String toString() {
    return aggregator().function().wireName() + "(" + (isEmpty() ? "empty" : result()) + ")";
  }
}
