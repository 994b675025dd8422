package io.quiver.core.plan;

import io.quiver.core.model.Definition;

/**
 * One object of a plan or apply request: the definition wanted, the revision the caller last saw
 * ({@code expectedRevision}, null to skip the check; 0 means "must not exist yet"), and where it
 * stood in the request ({@code field}, e.g. {@code objects[3]}) for error messages.
 */
public record DesiredDefinition(Definition definition, Long expectedRevision, String field) {}
