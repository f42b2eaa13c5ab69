package org.pdao.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The export format (JSON Lines, docs/audit.md): a {@code header} line with the SM2 public key, one
 * {@code entry} line per entry with every field and both hashes, and a {@code checkpoint} line
 * after the entry it signs.
 */
public final class AuditJsonLines {

    public static final String FORMAT = "pdao-audit-export/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditJsonLines() {}

    public static String header(String publicKeyHex, String publicKeyPem, long fromSequence, long toSequence,
            String previousHash) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "header");
        n.put("format", FORMAT);
        n.put("publicKey", publicKeyHex);
        n.put("publicKeyPem", publicKeyPem);
        n.put("fromSequence", fromSequence);
        n.put("toSequence", toSequence);
        n.put("previousHash", previousHash);
        return JSON.writeValueAsString(n);
    }

    public static String entry(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "entry");
        n.put("seq", e.sequence());
        n.put("occurredAt", e.occurredAt().toString());
        n.put("actorUserId", e.actorUserId() == null ? null : e.actorUserId().toString());
        n.put("actorName", e.actorName());
        n.put("actorOrganizationId", e.actorOrganizationId() == null ? null : e.actorOrganizationId().toString());
        e.actorRoles().forEach(n.putArray("actorRoles")::add);
        if (e.actorRoles().isEmpty()) {
            n.putArray("actorRoles");
        }
        n.put("sourceAddress", e.sourceAddress());
        n.put("action", e.action());
        n.put("targetType", e.targetType());
        n.put("targetId", e.targetId());
        n.put("outcome", e.outcome().name());
        n.put("reason", e.reason());
        n.put("ruleId", e.ruleId());
        ObjectNode d = n.putObject("details");
        e.details().forEach(d::put);
        n.put("prevHash", e.previousHash());
        n.put("hash", e.hash());
        return JSON.writeValueAsString(n);
    }

    public static String checkpoint(AuditCheckpoint c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "checkpoint");
        n.put("seq", c.sequence());
        n.put("hash", c.hash());
        n.put("signedAt", c.signedAt().toString());
        n.put("signature", c.signature());
        return JSON.writeValueAsString(n);
    }

    public static JsonNode parse(String line) {
        return JSON.readTree(line);
    }

    public static AuditEntry toEntry(JsonNode n) {
        List<String> roles = new ArrayList<>();
        n.path("actorRoles").forEach(r -> roles.add(r.asString()));
        Map<String, String> details = new TreeMap<>();
        n.path("details").properties().forEach(p -> details.put(p.getKey(), p.getValue().asString()));
        return new AuditEntry(n.required("seq").asLong(), Instant.parse(n.required("occurredAt").asString()),
                uuid(text(n, "actorUserId")), n.required("actorName").asString(),
                uuid(text(n, "actorOrganizationId")), roles, text(n, "sourceAddress"),
                n.required("action").asString(), n.required("targetType").asString(), text(n, "targetId"),
                AuditOutcome.valueOf(n.required("outcome").asString()), text(n, "reason"), text(n, "ruleId"),
                new TreeMap<>(details), n.required("prevHash").asString(), n.required("hash").asString());
    }

    public static AuditCheckpoint toCheckpoint(JsonNode n) {
        return new AuditCheckpoint(n.required("seq").asLong(), n.required("hash").asString(),
                Instant.parse(n.required("signedAt").asString()), n.required("signature").asString());
    }

    private static @Nullable String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static @Nullable UUID uuid(@Nullable String s) {
        return s == null ? null : UUID.fromString(s);
    }
}
