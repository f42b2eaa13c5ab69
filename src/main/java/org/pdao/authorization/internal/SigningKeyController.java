package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/signing-keys")
@Tag(name = "signing-keys", description = "组织的 SM2 签名公钥 / organizations' SM2 public keys for signing agreements")
class SigningKeyController {

    record KeyRequest(@NotBlank @Size(max = 1000) String publicKey) {}

    private final SigningKeys keys;

    SigningKeyController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('AGREEMENT_SIGN')")
    @Operation(summary = "Register the own organization's SM2 public key (hex 04||x||y or PEM); retires the previous one")
    SigningKeys.SigningKey register(@Valid @RequestBody KeyRequest r) {
        Actor actor = Actors.required();
        if (actor.organizationId() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.no-organization", null);
        }
        return keys.register(actor.organizationId(), r.publicKey(), actor);
    }

    @GetMapping("/{organizationId}")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "An organization's signing keys, the active one first, paged")
    Page<SigningKeys.SigningKey> history(@PathVariable UUID organizationId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return AgreementController.slice(keys.history(organizationId), page, size);
    }
}
