package org.pdao.dataspace.internal.gate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.pdao.shared.Actors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Downloads of released results, each watermarked for its recipient and registered (contract 7). */
@RestController
@Tag(name = "output-downloads", description = "出域结果下载(带接收方水印) / released results, watermarked per recipient")
class ResultDownloadController {

    private final ResultIssues issues;

    ResultDownloadController(ResultIssues issues) {
        this.issues = issues;
    }

    @GetMapping("/api/v1/workspaces/{id}/queries/{qid}/download")
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "The released result as CSV or JSON, watermarked for the downloading user and registered")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID qid,
            @RequestParam(defaultValue = "csv") String format) {
        ResultIssues.IssuedFile file = issues.download(Actors.required(), id, qid, format);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.filename()).build().toString())
                .header("X-PDAO-Issue", file.issueId().toString())
                .body(file.content());
    }
}
