package io.trigger4j.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.trigger4j.client.TriggerClient;

/**
 * A convention for the observation of trigger4j API calls. Implement it (or extend
 * {@link DefaultTriggerRequestObservationConvention}) to change names or tags, and pass
 * it to {@link TriggerClient.Builder#observationConvention} or declare it as a bean.
 */
public interface TriggerRequestObservationConvention extends ObservationConvention<TriggerRequestObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TriggerRequestObservationContext;
	}

}
