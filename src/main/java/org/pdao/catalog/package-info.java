/**
 * The public data resource catalog with classification and grading per field, sharing and opening attributes, the development catalog, and registration.
 */
@NullMarked
package org.pdao.catalog;

import org.jspecify.annotations.NullMarked;
