/**
 * The trusted data space: zones, ingestion, desensitization, data requests and grants, consent, workspaces, governed query execution and the output gate.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "jurisdiction", "catalog", "authorization"})
@NullMarked
package org.pdao.dataspace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
