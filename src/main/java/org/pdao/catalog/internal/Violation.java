package org.pdao.catalog.internal;

import org.jspecify.annotations.Nullable;
import org.pdao.shared.RuleRef;

/** One reason an entry is invalid: the column it concerns, a message code, the rule where one applies. */
record Violation(String column, String code, @Nullable RuleRef rule, Object... args) {}
