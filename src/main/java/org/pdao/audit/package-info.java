/**
 * The tamper-evident audit log: an append-only, SM3 hash-chained record of who did what, when,
 * from where, with which outcome and under which rule; its verification and export.
 */
@ApplicationModule(allowedDependencies = {"shared", "jurisdiction"})
@NullMarked
package org.pdao.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
