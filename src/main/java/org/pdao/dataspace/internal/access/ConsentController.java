package org.pdao.dataspace.internal.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/consents")
@Tag(name = "consents", description = "个人信息授权同意记录（一事一授权） / consent records per person and scenario (NJ-16)")
class ConsentController {

    record GiveBody(@NotBlank @Size(max = 18) String idNumber, @NotEmpty @Size(max = 20) List<@NotBlank String> scenarios,
            @NotNull ConsentChannel channel, @Nullable Instant at) {}

    record WithdrawBody(@NotBlank @Size(max = 18) String idNumber, @NotBlank @Size(max = 200) String scenario,
            @NotNull ConsentChannel channel, @Nullable Instant at) {}

    private final ConsentRegistry consents;

    ConsentController(ConsentRegistry consents) {
        this.consents = consents;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CONSENT_RECORD')")
    @Operation(summary = "Record a person's consent for exactly one scenario (a consent naming several is bundled and refused)")
    ConsentRecord give(@Valid @RequestBody GiveBody body) {
        return consents.give(Actors.required(), body.idNumber(), body.scenarios(), body.channel(), body.at());
    }

    @PostMapping("/withdrawals")
    @PreAuthorize("hasAuthority('CONSENT_RECORD')")
    @Operation(summary = "Record the withdrawal of a person's consent for a scenario; workspaces holding the person are refused at once")
    ConsentRecord withdraw(@Valid @RequestBody WithdrawBody body) {
        return consents.withdraw(Actors.required(), body.idNumber(), body.scenario(), body.channel(), body.at());
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('CONSENT_RECORD')")
    @Operation(summary = "Import consent records from CSV (id_number,scenario,action,channel,at), all or nothing")
    ConsentRegistry.ImportResult importCsv(@RequestParam("file") MultipartFile file) {
        try {
            return consents.importCsv(Actors.required(), file.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('CONSENT_READ')")
    @Operation(summary = "Consent records of a scenario (persons by digest only), paged")
    Page<ConsentRecord> list(@RequestParam String scenario, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return consents.list(scenario, page, size);
    }
}
