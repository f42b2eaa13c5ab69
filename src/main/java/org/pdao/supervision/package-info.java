/**
 * Monitoring rules and alerts, incidents and drills, quality issues and rectification, evaluations and their consequences, annual reports and exit.
 * Depends on {@code dataspace} only for its {@code DatasetProfiled} and {@code DataUse} events.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "jurisdiction", "catalog", "dataspace"})
@NullMarked
package org.pdao.supervision;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
