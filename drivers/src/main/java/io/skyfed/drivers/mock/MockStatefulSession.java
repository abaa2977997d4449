package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.DriverSession;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Runs every call of a session, and of the optional services it hands out, as one {@link MockStateStore}
 * transaction. A proxy rather than a hand-written decorator, so no session method can be forgotten.
 */
final class MockStatefulSession implements InvocationHandler {

    private final Object target;
    private final MockStateStore store;
    private final MockCloud cloud;

    private MockStatefulSession(Object target, MockStateStore store, MockCloud cloud) {
        this.target = target;
        this.store = store;
        this.cloud = cloud;
    }

    /** The session, still a {@link MockGuest}, so guest writes are transactions too. */
    static DriverSession wrap(DriverSession session, MockStateStore store, MockCloud cloud) {
        return (DriverSession) Proxy.newProxyInstance(DriverSession.class.getClassLoader(),
                new Class<?>[] {DriverSession.class, MockGuest.class}, new MockStatefulSession(session, store, cloud));
    }

    private static <T> T proxy(Class<T> type, Object target, MockStateStore store, MockCloud cloud) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new MockStatefulSession(target, store, cloud)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        Object result;
        try {
            result = store.transaction(cloud, () -> {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw new Rethrown(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Rethrown e) {
            throw e.getCause();
        }
        // Optional services (disk transfer, images, ...) must go through the store too.
        if (result instanceof Optional<?> optional && optional.isPresent()
                && method.getGenericReturnType() instanceof java.lang.reflect.ParameterizedType type
                && type.getActualTypeArguments()[0] instanceof Class<?> service && service.isInterface()) {
            return Optional.of(proxy(service, optional.get(), store, cloud));
        }
        return result;
    }

    /** Carries a call's own exception through the transaction unchanged. */
    private static final class Rethrown extends RuntimeException {
        Rethrown(Throwable cause) {
            super(cause);
        }
    }
}
