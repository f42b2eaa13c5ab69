package org.pdao.jurisdiction;

/** One item of a list entry (a clause, a role of an approval chain, a consequence) with a stable key. */
public record ListItem(String key, String zh, String en) {}
