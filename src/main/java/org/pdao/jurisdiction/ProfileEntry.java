package org.pdao.jurisdiction;

import org.jspecify.annotations.Nullable;
import org.pdao.shared.RuleRef;

/**
 * One number or switch of a profile with the rule it comes from; platform defaults carry no rule
 * (they are not regulation numbers) but a note saying why they are what they are.
 */
public record ProfileEntry(String key, EntryValue value, @Nullable RuleRef rule, @Nullable LocalizedText note) {}
