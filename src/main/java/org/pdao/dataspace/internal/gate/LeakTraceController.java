package org.pdao.dataspace.internal.gate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Leak tracing of a file found outside the trusted space (contract 8). */
@RestController
@Tag(name = "leak-traces", description = "数据泄露溯源 / leak tracing")
class LeakTraceController {

    private final LeakTraces traces;

    LeakTraceController(LeakTraces traces) {
        this.traces = traces;
    }

    @PostMapping("/api/v1/leak-traces")
    @PreAuthorize("hasAuthority('LEAK_TRACE')")
    @Operation(summary = "Trace a leaked CSV or JSON file (multipart field file) to the recipient of its download")
    LeakTraces.Trace trace(@RequestParam(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw ProblemException.badRequest("gate.trace.file-missing");
        }
        if (file.getSize() > traces.maxBytes()) {
            throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "gate.trace.file-too-large", null,
                    traces.maxBytes());
        }
        try (InputStream in = file.getInputStream()) {
            return traces.trace(Actors.required(), in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    traces.maxBytes() + 1)));
        }
    }
}
