package io.skyfed.broker.api.v1;

/** A request body of the native API: read strictly by {@link StrictJsonReader} and validated before use. */
public interface V1Request {
}
