package io.pikko.dashboard;

import io.pikko.protocol.CborSerializable;

/**
 * Some of the {@link ActionSettings}' fields, a null one keeping its current value. The dashboard
 * applies it to the settings it holds when the change arrives, so two operators changing
 * different fields at once both keep their change.
 */
public record ActionSettingsChange(Boolean disabled, Integer parallel, Long maxKeysPerSec, Long maxBytesPerSec)
        implements CborSerializable {

    public ActionSettings applyTo(ActionSettings current) {
        return new ActionSettings(
                disabled != null ? disabled : current.disabled(),
                parallel != null ? parallel : current.parallel(),
                maxKeysPerSec != null ? maxKeysPerSec : current.maxKeysPerSec(),
                maxBytesPerSec != null ? maxBytesPerSec : current.maxBytesPerSec());
    }
}
