package org.pdao.dataspace;

/** One CSV file written by {@link SyntheticCity}: its name, data rows (without header), bytes and SM3 digest (hex). */
public record GeneratedFile(String fileName, long rows, long bytes, String sm3) {}
