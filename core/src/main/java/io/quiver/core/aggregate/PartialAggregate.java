package io.quiver.core.aggregate;

import io.quiver.core.value.BinaryWriter;

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
    if (e.value() != null) {
      add(e);
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

  abstract void add(Event e);

  abstract void mergeSame(PartialAggregate other);

  /** Writes the state's payload for {@link PartialAggregateCodec}. */
  abstract void writePayload(BinaryWriter out);

  @Override
  public String toString() {
    return aggregator().function().wireName() + "(" + (isEmpty() ? "empty" : result()) + ")";
  }
}
