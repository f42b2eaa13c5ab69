package org.pdao.jurisdiction.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ProfileEntry;
import org.pdao.jurisdiction.SourceText;
import org.pdao.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The profiles under {@code jurisdiction/profiles/}, read and checked once at startup. */
@Component
class ProfileCatalog implements JurisdictionProfiles {

    static final String LOCATION = "classpath*:jurisdiction/profiles/*.yaml";
    private static final Logger log = LoggerFactory.getLogger(ProfileCatalog.class);

    private final Map<String, JurisdictionProfile> profiles;
    private final JurisdictionProfile active;

    ProfileCatalog(@Value("${pdao.jurisdiction.active:TAIZHOU}") String activeId) throws IOException {
        List<ProfileFile> files = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
            files.add(ProfileReader.read(String.valueOf(resource.getFilename()),
                    resource.getContentAsString(StandardCharsets.UTF_8)));
        }
        this.profiles = assemble(files);
        this.active = profiles.get(activeId);
        if (active == null) {
            throw new IllegalStateException("pdao.jurisdiction.active=" + activeId + " names no profile; known: "
                    + profiles.keySet());
        }
        log.info("jurisdiction profiles {} loaded, active {} v{}", profiles.keySet(), active.id(), active.version());
    }

    /** Builds the profiles from their files, merging combined profiles; fails on any inconsistency. */
    static Map<String, JurisdictionProfile> assemble(List<ProfileFile> files) {
        Map<String, ProfileFile> byId = new LinkedHashMap<>();
        for (ProfileFile f : files.stream().sorted(Comparator.comparing(ProfileFile::id)).toList()) {
            ProfileFile before = byId.putIfAbsent(f.id(), f);
            if (before != null) {
                throw new MalformedProfile(f.file(), "id", "profile " + f.id() + " also defined in " + before.file());
            }
        }
        Map<String, JurisdictionProfile> result = new LinkedHashMap<>();
        for (ProfileFile f : byId.values()) {
            Map<String, ProfileEntry> entries = new LinkedHashMap<>();
            Map<String, String> origin = new LinkedHashMap<>();
            List<SourceText> sources = new ArrayList<>();
            for (String part : f.combines()) {
                ProfileFile combined = byId.get(part);
                if (combined == null || !combined.combines().isEmpty()) {
                    throw new MalformedProfile(f.file(), "combines", "no plain profile " + part + " to combine");
                }
                sources.addAll(combined.sources());
                for (ProfileEntry e : combined.entries().values()) {
                    if (f.entries().containsKey(e.key())) {
                        continue;
                    }
                    String other = origin.putIfAbsent(e.key(), part);
                    if (other != null) {
                        throw new MalformedProfile(f.file(), e.key(), "duplicate key in combined profiles " + other
                                + " and " + part + "; decide it in this file");
                    }
                    entries.put(e.key(), e);
                }
            }
            sources.addAll(f.sources());
            entries.putAll(f.entries());
            result.put(f.id(), new JurisdictionProfile(f.id(), f.version(), f.name(), f.level(), f.combines(), sources,
                    entries, f.platform()));
        }
        return result;
    }

    @Override
    public List<JurisdictionProfile> all() {
        return List.copyOf(profiles.values());
    }

    @Override
    public Optional<JurisdictionProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id.toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public JurisdictionProfile require(String id) {
        return find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "jurisdiction.profile-not-found",
                null, id));
    }

    @Override
    public JurisdictionProfile active() {
        return active;
    }
}
