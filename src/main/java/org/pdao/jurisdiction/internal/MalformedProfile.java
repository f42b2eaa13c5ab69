package org.pdao.jurisdiction.internal;

/** A profile or calendar file that cannot be trusted; startup stops with the file and key named. */
class MalformedProfile extends IllegalStateException {

    MalformedProfile(String file, String key, String problem) {
        super("jurisdiction file " + file + ", key " + key + ": " + problem);
    }
}
