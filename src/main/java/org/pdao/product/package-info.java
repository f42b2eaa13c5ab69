/**
 * Data products: built from released query results, reviewed by the zone operator (TZ-18), served to product users
 * through keys, metered per key and day.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "jurisdiction", "authorization", "dataspace"})
@NullMarked
package org.pdao.product;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
