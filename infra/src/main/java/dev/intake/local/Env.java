package dev.intake.local;

import java.util.HashMap;
import java.util.Map;

/** Reading environment variables the way docs/configuration.md promises: a blank value is unset. */
final class Env {

    static final String AWS_REGION = "AWS_REGION";
    static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    static final String INTAKE_HOME = "INTAKE_HOME";
    static final String INTAKE_BUCKET = "INTAKE_BUCKET";
    static final String DEFAULT_BUCKET = "intake-local";
    static final String DEFAULT_REGION = "us-east-1";

    private Env() {}

    static Map<String, String> withoutBlanks(Map<String, String> env) {
        var clean = new HashMap<String, String>();
        env.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                clean.put(key, value.trim());
            }
        });
        return clean;
    }

    static String get(Map<String, String> env, String name) {
        var value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String getOr(Map<String, String> env, String name, String fallback) {
        var value = get(env, name);
        return value == null ? fallback : value;
    }

    static String region(Map<String, String> env) {
        var region = get(env, AWS_REGION);
        return region != null ? region : getOr(env, "AWS_DEFAULT_REGION", DEFAULT_REGION);
    }

    static String bucket(Map<String, String> env) {
        return getOr(env, INTAKE_BUCKET, DEFAULT_BUCKET);
    }

    /** The service's own endpoint variable wins over the shared one, as in the AWS SDKs. */
    static String endpoint(Map<String, String> env, String serviceVariable) {
        var own = get(env, serviceVariable);
        return own != null ? own : get(env, AWS_ENDPOINT_URL);
    }
}
