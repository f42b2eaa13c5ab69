/**
 * Monitoring rules and alerts, incidents and drills, quality issues and rectification, evaluations and their consequences, annual reports and exit.
 */
@NullMarked
package org.pdao.supervision;

import org.jspecify.annotations.NullMarked;
