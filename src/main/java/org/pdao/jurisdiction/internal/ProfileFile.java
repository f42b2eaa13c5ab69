package org.pdao.jurisdiction.internal;

import java.util.List;
import java.util.Map;
import org.pdao.jurisdiction.JurisdictionLevel;
import org.pdao.jurisdiction.LocalizedText;
import org.pdao.jurisdiction.ProfileEntry;
import org.pdao.jurisdiction.SourceText;

/** One profile file as read, before profiles it combines are merged in. */
record ProfileFile(String file, String id, int version, LocalizedText name, JurisdictionLevel level,
        List<String> combines, List<SourceText> sources, Map<String, ProfileEntry> entries,
        Map<String, ProfileEntry> platform) {}
