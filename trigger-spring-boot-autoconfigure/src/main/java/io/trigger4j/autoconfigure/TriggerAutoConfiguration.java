package io.trigger4j.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.trigger4j.client.TriggerClient;
import io.trigger4j.client.TriggerEnvironmentType;
import io.trigger4j.client.TriggerOperations;
import io.trigger4j.client.TriggerRetrySettings;
import io.trigger4j.client.observation.TriggerRequestObservationConvention;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configures {@link TriggerOperations} from {@link TriggerConnectionDetails} (where
 * the API is and which credentials to send; by default from {@link TriggerProperties})
 * and {@link TriggerProperties} (timeouts, deadline, retries), built on Spring Boot's
 * {@link WebClient.Builder} (so its customizers, codecs and HTTP client observations
 * apply, and with Micrometer Tracing each call is a span and carries {@code traceparent})
 * with a connector built from Spring Boot's HTTP client settings
 * ({@code spring.http.clients.*}, {@code trigger.connect-timeout},
 * {@code trigger.ssl.bundle}) and the {@link ObservationRegistry}; a prototype
 * {@link TriggerClient.Builder} set up the same way, for a second client; and masking of
 * the secret key and the access token in Actuator's {@code configprops} and {@code env},
 * by the property's name and inside any value that holds them (such as
 * {@code sun.java.command}). Every bean backs off when the application defines its own.
 * Payloads, metadata and outputs are written and read with the application's
 * {@link JsonMapper} when it has a unique one, while the API envelope keeps trigger4j's
 * own mapping. With Micrometer's core on the class path, the context's
 * {@code MeterRegistry} records the client's meters. The client is closed with the
 * context: calls still running get {@code trigger.shutdown-grace}. The {@code trigger}
 * health indicator is configured by {@link TriggerHealthContributorAutoConfiguration},
 * the {@code trigger} info contributor by
 * {@link TriggerInfoContributorAutoConfiguration}. {@code trigger.enabled=false} turns
 * all of them off.
 * <p>
 * Start-up fails with a failure analysis naming the property and where it was set when a
 * credential is not a Trigger.dev key ({@code tr_...}) or is an unresolved placeholder
 * such as {@code ${TRIGGER_SECRET_KEY}}, when a preview key ({@code tr_preview_...}) has
 * no branch, and when a property is out of range.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass({ TriggerOperations.class, WebClient.class })
@ConditionalOnBooleanProperty(name = "trigger.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TriggerProperties.class)
public final class TriggerAutoConfiguration {

	/** Created by Spring Boot when the auto-configuration applies. */
	public TriggerAutoConfiguration() {
	}

	/** The auto-configuration of Spring Boot's {@link ClientHttpConnector} bean. */
	private static final String BOOT_CONNECTOR_CONFIGURATION = "org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration";

	@Bean
	@ConditionalOnMissingBean(TriggerConnectionDetails.class)
	PropertiesTriggerConnectionDetails triggerConnectionDetails(TriggerProperties properties) {
		return new PropertiesTriggerConnectionDetails(properties);
	}

	/**
	 * The client. Spring closes it with the context ({@link TriggerOperations#close()},
	 * inferred as the destroy method, also for a user-defined bean). A second client
	 * declared with {@code @Bean(defaultCandidate = false)} leaves it in place.
	 */
	@Bean
	@ConditionalOnMissingBean
	TriggerOperations triggerOperations(TriggerConnectionDetails connectionDetails, TriggerProperties properties,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<TriggerClientBuilderCustomizer> customizers) {
		String secretKey = PropertiesTriggerConnectionDetails.stripped(connectionDetails.secretKey());
		String accessToken = PropertiesTriggerConnectionDetails.stripped(connectionDetails.accessToken());
		String branch = PropertiesTriggerConnectionDetails.stripped(connectionDetails.branch());
		if (secretKey == null && accessToken == null) {
			throw new TriggerSecretKeyMissingException();
		}
		TriggerCredentialChecks.check(connectionDetails, secretKey, accessToken, branch);
		// Checked now, built on first use: the settings below fail the start-up if wrong.
		String baseUrl = connectionDetails.baseUrl();
		connection(TriggerClient.builder(), baseUrl, branch, secretKey, accessToken);
		String bundleName = PropertiesTriggerConnectionDetails.stripped(properties.ssl().bundle());
		if (bundleName != null) {
			sslBundle(bundleName, beanFactory);
		}
		TriggerEnvironmentType environmentType = (secretKey != null) ? TriggerEnvironmentType.of(secretKey)
				: TriggerEnvironmentType.UNKNOWN;
		return new LazyTriggerOperations(shownBaseUrl(baseUrl), environmentType, () -> {
			TriggerClient.Builder builder = connection(newBuilder(properties, beanFactory), baseUrl, branch, secretKey,
					accessToken);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		});
	}

	/**
	 * Sets where and as whom the client calls; the builder's setters check each value.
	 */
	private static TriggerClient.Builder connection(TriggerClient.Builder builder, String baseUrl,
			@Nullable String branch, @Nullable String secretKey, @Nullable String accessToken) {
		builder.baseUrl(baseUrl).branch(branch);
		if (secretKey != null) {
			builder.secretKey(secretKey);
		}
		if (accessToken != null) {
			builder.accessToken(accessToken);
		}
		return builder;
	}

	/**
	 * The base URL as the client shows it: without surrounding spaces or a final slash.
	 */
	private static String shownBaseUrl(String baseUrl) {
		String text = baseUrl.strip();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return text;
	}

	/**
	 * A builder set up as the auto-configured client's is (the connector, timeouts,
	 * retries, observations, meters, {@code JsonMapper} and the
	 * {@link TriggerClientBuilderCustomizer}s), without its credentials: for a second
	 * client, of another project or environment, beside the auto-configured one. A new
	 * builder for every injection point.
	 */
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	TriggerClient.Builder triggerClientBuilder(TriggerProperties properties,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<TriggerClientBuilderCustomizer> customizers) {
		TriggerClient.Builder builder = newBuilder(properties, beanFactory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * A builder on the context's {@link WebClient.Builder} (its customizers, codecs and
	 * observation), with the {@linkplain #clientConnector connector} of the context's
	 * HTTP client settings, and the properties' timeouts and retries.
	 */
	private static TriggerClient.Builder newBuilder(TriggerProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		TriggerClient.Builder builder = TriggerClient.builder()
			.webClientBuilder(beanFactory.getBeanProvider(WebClient.Builder.class).getIfAvailable(WebClient::builder))
			.connectTimeout(null)
			.clientConnector(clientConnector(properties, beanFactory))
			.observationRegistry(
					beanFactory.getBeanProvider(ObservationRegistry.class).getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(beanFactory.getBeanProvider(TriggerRequestObservationConvention.class).getIfUnique())
			.responseTimeout(properties.responseTimeout())
			.deadline(properties.deadline())
			.shutdownGrace(properties.shutdownGrace())
			.retry(retrySettings(properties.retry()));
		beanFactory.getBeanProvider(JsonMapper.class).ifUnique(builder::jsonMapper);
		return builder;
	}

	/**
	 * The connector of the Trigger.dev connection: built by the context's
	 * {@link ClientHttpConnectorBuilder} (the connector chosen by
	 * {@code spring.http.clients.reactive.connector} or detected, with the application's
	 * {@code ClientHttpConnectorBuilderCustomizer}s, such as a proxy) from the context's
	 * {@link HttpClientSettings} ({@code spring.http.clients.*}), with
	 * {@code trigger.ssl.bundle} and {@code trigger.connect-timeout} laid over them, and
	 * the client's default connect timeout when neither sets one. {@code null}, keeping
	 * the {@link WebClient.Builder}'s connector as it is, when the application defines a
	 * {@link ClientHttpConnector} bean of its own and sets neither property.
	 */
	static @Nullable ClientHttpConnector clientConnector(TriggerProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		String bundleName = PropertiesTriggerConnectionDetails.stripped(properties.ssl().bundle());
		Duration connectTimeout = properties.connectTimeout();
		if (bundleName == null && connectTimeout == null && hasApplicationConnector(beanFactory)) {
			return null;
		}
		HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
			.getIfAvailable(HttpClientSettings::defaults);
		if (bundleName != null) {
			settings = settings.withSslBundle(sslBundle(bundleName, beanFactory));
		}
		if (connectTimeout != null) {
			settings = settings.withConnectTimeout(connectTimeout);
		}
		else if (settings.connectTimeout() == null) {
			settings = settings.withConnectTimeout(TriggerClient.DEFAULT_CONNECT_TIMEOUT);
		}
		ClientHttpConnectorBuilder<?> connectorBuilder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(beanFactory.getBeanClassLoader()));
		return connectorBuilder.build(settings);
	}

	private static SslBundle sslBundle(String name, ConfigurableListableBeanFactory beanFactory) {
		SslBundles sslBundles = beanFactory.getBeanProvider(SslBundles.class).getIfAvailable();
		try {
			if (sslBundles != null) {
				return sslBundles.getBundle(name);
			}
		}
		catch (NoSuchSslBundleException ex) {
			// reported below
		}
		throw new InvalidTriggerPropertyException("trigger.ssl.bundle",
				"no SSL bundle named '" + name + "' is configured"
						+ ((sslBundles != null) ? "" : " (the application has no SslBundles)"),
				"Configure an SSL bundle named '" + name
						+ "' under 'spring.ssl.bundle' (jks or pem), or update the value of 'trigger.ssl.bundle' where it is set (see Origin above).",
				false, null);
	}

	/**
	 * Whether a {@link ClientHttpConnector} bean is the application's own rather than
	 * Spring Boot's auto-configured one.
	 */
	private static boolean hasApplicationConnector(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanNamesForType(ClientHttpConnector.class, true, false)) {
			if (!beanFactory.containsBeanDefinition(name)
					|| !BOOT_CONNECTOR_CONFIGURATION.equals(beanFactory.getBeanDefinition(name).getFactoryBeanName())) {
				return true;
			}
		}
		return false;
	}

	static TriggerRetrySettings retrySettings(TriggerProperties.Retry retry) {
		return new TriggerRetrySettings(retry.maxAttempts(), retry.minBackoff(), retry.maxBackoff(), retry.multiplier(),
				retry.jitter(), retry.maxRateLimitWait(), retry.generatedIdempotencyKeys());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class TriggerMetricsConfiguration {

		/**
		 * Gives the builder the context's {@link MeterRegistry}, when it has a unique
		 * one; ordered first, so that the application's customizers may replace it.
		 */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		TriggerClientBuilderCustomizer triggerMeterRegistryCustomizer(ObjectProvider<MeterRegistry> meterRegistry) {
			return (builder) -> meterRegistry.ifUnique(builder::meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class TriggerSanitizingConfiguration {

		/** Names of the credentials, lower case, without separators. */
		private static final Set<String> CREDENTIALS = Set.of("secretkey", "accesstoken");

		/**
		 * A Trigger.dev key or personal access token: {@code tr_}, the kind, {@code _},
		 * then at least 8 letters and digits.
		 */
		private static final Pattern KEY_SHAPE = Pattern.compile("\\btr_[a-z]+_[A-Za-z0-9]{8,}");

		/** The shortest configured secret masked inside other values. */
		private static final int MIN_MASKED_LENGTH = 8;

		/**
		 * Masks {@code trigger.secret-key}, {@code TRIGGER_SECRET_KEY},
		 * {@code trigger.access-token} and {@code TRIGGER_ACCESS_TOKEN} in
		 * {@code /actuator/configprops} and {@code /actuator/env}, even with
		 * {@code show-values=always}.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "triggerSecretKeySanitizingFunction")
		SanitizingFunction triggerSecretKeySanitizingFunction() {
			return (data) -> isCredential(data) ? data.withSanitizedValue() : data;
		}

		/**
		 * Masks the configured secret key and access token, and anything shaped like a
		 * Trigger.dev key ({@code tr_dev_...}, {@code tr_pat_...}), inside any value:
		 * {@code sun.java.command} when the key was passed on the command line,
		 * {@code JAVA_TOOL_OPTIONS}, {@code SPRING_APPLICATION_JSON}. Only the key is
		 * replaced, so the rest of the value stays readable.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "triggerSecretValueSanitizingFunction")
		SanitizingFunction triggerSecretValueSanitizingFunction(
				ObjectProvider<TriggerConnectionDetails> connectionDetails) {
			return (data) -> {
				Object value = data.getValue();
				if (value == null) {
					return data;
				}
				String text = value.toString();
				String masked = maskSecrets(text, configuredSecrets(connectionDetails));
				if (masked.equals(text)) {
					return data;
				}
				return (value instanceof CharSequence) ? data.withValue(masked) : data.withSanitizedValue();
			};
		}

		private static List<String> configuredSecrets(ObjectProvider<TriggerConnectionDetails> connectionDetails) {
			List<String> secrets = new ArrayList<>(2);
			TriggerConnectionDetails details = connectionDetails.getIfUnique();
			if (details != null) {
				addSecret(secrets, details.secretKey());
				addSecret(secrets, details.accessToken());
			}
			return secrets;
		}

		private static void addSecret(List<String> secrets, @Nullable String secret) {
			String stripped = PropertiesTriggerConnectionDetails.stripped(secret);
			// A value too short would mask unrelated text.
			if (stripped != null && stripped.length() >= MIN_MASKED_LENGTH) {
				secrets.add(stripped);
			}
		}

		static String maskSecrets(String text, List<String> secrets) {
			String masked = text;
			for (String secret : secrets) {
				masked = masked.replace(secret, SanitizableData.SANITIZED_VALUE);
			}
			Matcher matcher = KEY_SHAPE.matcher(masked);
			return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(SanitizableData.SANITIZED_VALUE))
					: masked;
		}

		private static boolean isCredential(SanitizableData data) {
			String key = data.getKey().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
			String name = key.startsWith("trigger") ? key.substring("trigger".length()) : key;
			return CREDENTIALS.contains(name)
					|| (key.startsWith("trigger") && CREDENTIALS.stream().anyMatch(key::endsWith));
		}

	}

}
