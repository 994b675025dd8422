package io.quiver.core.aggregate;

import io.quiver.core.value.BinaryWriter;
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

  abstract void mergeSame(PartialAggregate other);

  /** Writes the state's payload for {@link PartialAggregateCodec}. */
  abstract void writePayload(BinaryWriter out);

  @Override
  public String toString() {
    return aggregator().function().wireName() + "(" + (isEmpty() ? "empty" : result()) + ")";
  }
}
