package io.quiver.core.plan;

import io.quiver.core.model.Definition;

/**
 * A definition as the registry holds it: {@code revision} rises with every change; {@code version}
 * (feature views only, else null) rises only with an incompatible change.
 */
public record StoredDefinition(Definition definition, long revision, Integer version) {}
