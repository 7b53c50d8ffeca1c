package io.pikko.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Settings come from operators: bad numbers are refused as values with 400, and never stored. */
class ActionSettingsTest {

    @Test
    void theDefaultsRunOneMovePerPairUnthrottled() {
        ActionSettings defaults = ActionSettings.defaults();
        assertEquals(new ActionSettings(false, 1, 0, 0), defaults);
        assertEquals(defaults, defaults.validate().orElseThrow());
    }

    @Test
    void goodSettingsPass() {
        ActionSettings settings = new ActionSettings(true, 4, 50_000, 64L << 20);
        assertEquals(settings, settings.validate().orElseThrow());
    }

    @Test
    void badNumbersAreRefused() {
        assertRefused(new ActionSettings(false, 0, 0, 0), "parallel must be at least 1");
        assertRefused(new ActionSettings(false, -3, 0, 0), "parallel must be at least 1");
        assertRefused(new ActionSettings(false, 1, -1, 0), "max_keys_per_sec");
        assertRefused(new ActionSettings(false, 1, 0, -1), "max_bytes_per_sec");
    }

    @Test
    void slotActionsKeepTheirSettingsWhenTheNewOnesAreBad() {
        SlotActions actions = SlotActions.empty(ActionSettings.defaults());
        ActionSettings paused = new ActionSettings(true, 2, 1000, 0);
        assertEquals(paused, actions.withSettings(paused).orElseThrow().settings());
        Outcome.Refused<SlotActions> refused = assertInstanceOf(Outcome.Refused.class,
                actions.withSettings(new ActionSettings(false, 0, 0, 0)));
        assertEquals(400, refused.status());
        assertEquals(ActionSettings.defaults(), actions.settings());
    }

    private static void assertRefused(ActionSettings settings, String says) {
        Outcome.Refused<ActionSettings> refused = assertInstanceOf(Outcome.Refused.class, settings.validate());
        assertEquals(400, refused.status());
        assertTrue(refused.message().contains(says), refused.message());
    }
}
