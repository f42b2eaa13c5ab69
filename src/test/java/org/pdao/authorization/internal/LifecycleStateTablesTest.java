package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The onboarding and selection state tables: every listed transition is allowed, every other one refused. */
class LifecycleStateTablesTest {

    @Test
    void onboardingRefusesEveryTransitionNotInTheTable() {
        Map<OnboardingState, Set<OnboardingState>> table = Map.of(
                OnboardingState.DRAFT, Set.of(OnboardingState.SUBMITTED, OnboardingState.WITHDRAWN),
                OnboardingState.SUBMITTED, Set.of(OnboardingState.APPROVED, OnboardingState.REJECTED,
                        OnboardingState.WITHDRAWN),
                OnboardingState.APPROVED, Set.of(OnboardingState.FILED),
                OnboardingState.REJECTED, Set.of(), OnboardingState.FILED, Set.of(), OnboardingState.WITHDRAWN, Set.of());
        int refused = 0;
        for (OnboardingState from : OnboardingState.values()) {
            for (OnboardingState to : OnboardingState.values()) {
                OnboardingApplication a = application(from);
                if (table.get(from).contains(to)) {
                    assertThat(a.transitionTo(to, Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> a.transitionTo(to, Instant.now())).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(36 - 6);
    }

    @Test
    void announcementRefusesEveryTransitionNotInTheTable() {
        Map<AnnouncementState, Set<AnnouncementState>> table = Map.of(
                AnnouncementState.DRAFT, Set.of(AnnouncementState.PUBLISHED, AnnouncementState.CANCELLED),
                AnnouncementState.PUBLISHED, Set.of(AnnouncementState.CLOSED, AnnouncementState.CANCELLED),
                AnnouncementState.CLOSED, Set.of(AnnouncementState.REVIEWED, AnnouncementState.CANCELLED),
                AnnouncementState.REVIEWED, Set.of(AnnouncementState.APPROVED, AnnouncementState.CLOSED,
                        AnnouncementState.CANCELLED),
                AnnouncementState.APPROVED, Set.of(AnnouncementState.IN_PUBLICITY, AnnouncementState.RESULT_PUBLISHED),
                AnnouncementState.IN_PUBLICITY, Set.of(AnnouncementState.RESULT_PUBLISHED, AnnouncementState.CLOSED),
                AnnouncementState.RESULT_PUBLISHED, Set.of(), AnnouncementState.CANCELLED, Set.of());
        int refused = 0;
        for (AnnouncementState from : AnnouncementState.values()) {
            for (AnnouncementState to : AnnouncementState.values()) {
                if (table.get(from).contains(to)) {
                    assertThat(from.next(to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.next(to)).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(64 - 13);
    }

    @Test
    void selectionApplicationRefusesEveryTransitionNotInTheTable() {
        Map<SelectionApplicationState, Set<SelectionApplicationState>> table = Map.of(
                SelectionApplicationState.DRAFT, Set.of(SelectionApplicationState.SUBMITTED,
                        SelectionApplicationState.WITHDRAWN),
                SelectionApplicationState.SUBMITTED, Set.of(SelectionApplicationState.QUALIFIED,
                        SelectionApplicationState.DISQUALIFIED, SelectionApplicationState.WITHDRAWN),
                SelectionApplicationState.QUALIFIED, Set.of(SelectionApplicationState.SELECTED,
                        SelectionApplicationState.NOT_SELECTED),
                SelectionApplicationState.DISQUALIFIED, Set.of(), SelectionApplicationState.SELECTED, Set.of(),
                SelectionApplicationState.NOT_SELECTED, Set.of(), SelectionApplicationState.WITHDRAWN, Set.of());
        int refused = 0;
        for (SelectionApplicationState from : SelectionApplicationState.values()) {
            for (SelectionApplicationState to : SelectionApplicationState.values()) {
                if (table.get(from).contains(to)) {
                    assertThat(from.next(to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.next(to)).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(49 - 7);
    }

    private static OnboardingApplication application(OnboardingState state) {
        Instant now = Instant.now();
        return new OnboardingApplication(UUID.randomUUID(), "TZ", UUID.randomUUID(), "开发主体", UUID.randomUUID(),
                List.of("场景"), "说明", state, null, null, null, null, null, null, null, null, null, null, false, false,
                "test", now, now);
    }
}
