package io.quiver.core.online;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds the schema a stored value was written with, by its id. */
@FunctionalInterface
public interface SchemaLookup {
  /** The schema with this id, or null when unknown. */
  OnlineSchema find(int schemaId);

  /** A lookup over a fixed set of schemas (e.g. every feature list of one view version). */
  static SchemaLookup of(OnlineSchema... schemas) {
    Map<Integer, OnlineSchema> byId =
        Stream.of(schemas)
            .collect(Collectors.toUnmodifiableMap(OnlineSchema::id, Function.identity()));
    return byId::get;
  }
}
