package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.ProblemException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/materials")
@Tag(name = "materials", description = "申请材料下载（仅限有权查看者）/ application materials, for those entitled only")
class MaterialController {

    private final Materials materials;
    private final MaterialAccess access;

    MaterialController(Materials materials, MaterialAccess access) {
        this.materials = materials;
        this.access = access;
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('MATERIAL_READ')")
    @Operation(summary = "Download a material: decrypted, its SM3 digest checked, for the applicant, the deciding body and assigned experts")
    ResponseEntity<byte[]> download(@PathVariable UUID id) {
        Actor actor = Actors.required();
        Materials.Material m = materials.find(id).orElseThrow(() -> ProblemException.notFound("material", id));
        if (!access.mayDownload(m, actor)) {
            throw ProblemException.notFound("material", id);
        }
        Materials.Download d = materials.open(m, actor);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(m.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(m.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SM3", m.contentSm3())
                .body(d.content());
    }
}
