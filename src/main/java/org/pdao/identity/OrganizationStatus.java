package org.pdao.identity;

/** Whether an organization's people may act on the platform at all. */
public enum OrganizationStatus {
    ACTIVE,
    /** Suspended: its users' sessions end and they cannot sign in until it is reinstated. */
    SUSPENDED
}
