package io.skyfed.broker.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request. Resources inject this rather than reading tokens themselves, so tenancy has
 * one source. Until authentication is configured, every request is {@link Caller#EMBEDDED}.
 */
@RequestScoped
public class CallerContext {

    public Caller current() {
        return Caller.EMBEDDED;
    }
}
