package org.pdao.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pdao.shared.crypto.Sm2;
import tools.jackson.databind.JsonNode;

/**
 * Verifies an audit export (JSON Lines) without database or server: recomputes every hash, checks
 * the chain and the checkpoint signatures against the platform's public key, and prints the first
 * bad line. Run from the built jar:
 * {@code java -cp target/pdao-*.jar -Dloader.main=org.pdao.audit.OfflineAuditVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher export.jsonl [public-key.pem|hex]}.
 * Exit status 0 when valid, 1 when a problem is found, 2 on bad usage.
 */
public final class OfflineAuditVerifier {

    /** The outcome for one file: valid, or the first bad line, its sequence and the problem. */
    public record Result(boolean valid, long entriesChecked, long firstBadSequence, long firstBadLine,
            String problem) {

        public String describe() {
            return valid ? "OK: " + entriesChecked + " entries verified"
                    : "BAD at line " + firstBadLine + ", entry " + firstBadSequence + ": " + problem;
        }
    }

    private OfflineAuditVerifier() {}

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: OfflineAuditVerifier export.jsonl [public-key.pem | public-key-hex]");
            System.exit(2);
            return;
        }
        String key = null;
        if (args.length == 2) {
            Path k = Path.of(args[1]);
            key = Files.exists(k) ? Files.readString(k) : args[1];
        } else {
            out.println("warning: no public key given; using the key in the file's header — compare it with the "
                    + "platform's published key (GET /api/v1/audit/public-key)");
        }
        Result r = verify(Path.of(args[0]), key == null ? null : Sm2.parsePublicKey(key));
        out.println(r.describe());
        System.exit(r.valid() ? 0 : 1);
    }

    /** Verifies a file; {@code publicKey} null means trust the key written in the header. */
    public static Result verify(Path file, byte @org.jspecify.annotations.Nullable [] publicKey) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            long lineNo = 1;
            if (line == null) {
                return new Result(false, 0, 0, 1, "empty file");
            }
            JsonNode header = AuditJsonLines.parse(line);
            if (!"header".equals(header.path("type").asString())) {
                return new Result(false, 0, 0, 1, "first line is not a header");
            }
            byte[] headerKey = Sm2.parsePublicKey(header.path("publicKey").asString());
            if (publicKey != null && !java.util.Arrays.equals(publicKey, headerKey)) {
                return new Result(false, 0, 0, 1, "the header's public key is not the given key");
            }
            long from = header.path("fromSequence").asLong();
            String prev = header.path("previousHash").asString();
            AuditChainCheck check = new AuditChainCheck(headerKey, from, prev.isEmpty() ? null : prev);
            long lastLine = 1;
            long previousLine = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = AuditJsonLines.parse(line);
                    String type = n.path("type").asString();
                    if ("entry".equals(type)) {
                        AuditEntry e = AuditJsonLines.toEntry(n);
                        previousLine = lastLine;
                        lastLine = lineNo;
                        if (!check.accept(e)) {
                            return bad(check, lineNo, previousLine);
                        }
                    } else if ("checkpoint".equals(type)) {
                        check.checkpoint(AuditJsonLines.toCheckpoint(n));
                        if (check.finding() != null) {
                            return bad(check, lineNo, lineNo);
                        }
                    } else {
                        return new Result(false, check.entriesChecked(), 0, lineNo, "unknown line type");
                    }
                } catch (RuntimeException ex) {
                    return new Result(false, check.entriesChecked(), 0, lineNo, "unreadable line");
                }
            }
            // checkpoints beyond the exported range are not in the file, so a pending one is a cut tail
            AuditChainCheck.Finding f = check.finish();
            if (f != null) {
                return new Result(false, check.entriesChecked(), f.sequence(), lineNo, f.problem().name());
            }
            return new Result(true, check.entriesChecked(), 0, 0, "");
        }
    }

    private static Result bad(AuditChainCheck check, long line, long previousLine) {
        AuditChainCheck.Finding f = check.finding();
        long at = f.problem() == AuditProblem.INSERTED ? previousLine : line;
        return new Result(false, check.entriesChecked(), f.sequence(), at, f.problem().name());
    }
}
