package org.pdao.audit;

/** Where an entry landed in the chain: its position and its SM3 hash (hex). */
public record AuditReceipt(long sequence, String hash) {}
