package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Instance;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instance listings that span several pages of the provider's API (the federated inventory reads thousands of
 * instances): every instance of every page comes back once, in the driver's stable order. The test behind the
 * driver makes its fake answer in small pages, the provider's documented paging format, and counts the pages.
 */
public interface PagedInstancesContract extends DriverUnderTest {

    /** Lists now answer at most {@code pageSize} items per page; {@code count} instances are added, their ids returned. */
    List<String> pageInstances(int pageSize, int count);

    /** How many pages of the instance listing the provider has served so far. */
    int instancePagesServed();

    /** Removes what {@link #pageInstances} added and restores the provider's usual page size. */
    void unpageInstances();

    @Test
    default void listsEveryPageOfInstancesOnceInStableOrder() {
        int pageSize = 3;
        List<String> added = pageInstances(pageSize, 10);
        try {
            int before = instancePagesServed();
            List<String> listed = session().instances().stream().map(Instance::id).toList();
            int pages = instancePagesServed() - before;

            assertThat(listed).containsAll(added).doesNotHaveDuplicates();
            assertThat(pages).as("pages read for " + listed.size() + " instances")
                    .isGreaterThanOrEqualTo((listed.size() + pageSize - 1) / pageSize);
            assertThat(session().instances().stream().map(Instance::id).toList()).as("a second listing")
                    .isEqualTo(listed);
        } finally {
            unpageInstances();
        }
    }
}
