package org.pdao.shared;

/**
 * Published when a signed-in actor is refused an endpoint for want of a permission, so that the
 * audit log records every permission refusal.
 */
public record PermissionRefused(Actor actor, String method, String path) {}
