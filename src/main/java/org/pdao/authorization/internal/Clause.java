package org.pdao.authorization.internal;

/** One clause of an agreement: its key (a required clause of the profile, or the grantor's own), title and text. */
record Clause(String key, int position, String title, String body) {}
