package org.pdao.catalog.internal;

import org.jspecify.annotations.Nullable;

/** A field as a source unit describes it, before validation. */
record FieldInput(@Nullable String name, @Nullable String label, @Nullable String type, @Nullable Integer grade,
        @Nullable String classification, boolean personKey) {}
