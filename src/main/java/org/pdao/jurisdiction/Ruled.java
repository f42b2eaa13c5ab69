package org.pdao.jurisdiction;

import org.pdao.shared.RuleRef;

/** A value of a jurisdiction profile together with the rule it comes from. */
public record Ruled<T>(T value, RuleRef rule) {}
