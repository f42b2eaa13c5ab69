/**
 * The public data resource catalog with classification and grading per field, sharing and opening attributes, the development catalog, and registration.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "jurisdiction"})
@NullMarked
package org.pdao.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
