package io.quiver.core.model;

/** A named, typed column: a join key, a source column or a feature. */
public record Field(String name, ValueType type) {}
