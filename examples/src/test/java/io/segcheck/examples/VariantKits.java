package io.segcheck.examples;

import io.segcheck.api.AllocatorFactory;
import io.segcheck.api.AllocatorSettings;
import io.segcheck.examples.arena.ArenaPerLeaseFactory;
import io.segcheck.examples.freelist.FreeListPoolFactory;
import io.segcheck.kit.OffHeapAllocatorContract;

/**
 * The kit against the examples with one design choice changed through an allocator property (or a
 * planted bug); run by {@link DeclaredDesignsTest} and {@link PlantedBugsTest}, not by surefire.
 */
final class VariantKits {

    private VariantKits() {
    }

    /** The free-list pool with one allocator property set. */
    abstract static class FreeListWith extends OffHeapAllocatorContract {
        private final String property;

        FreeListWith(String property) {
            this.property = property;
        }

        @Override
        protected AllocatorFactory factory() {
            return new FreeListPoolFactory();
        }

        @Override
        protected AllocatorSettings settings() {
            return super.settings().withProperty(property, property.equals(FreeListPoolFactory.VALIDATE_RELEASES)
                    ? "false" : "true");
        }
    }

    /** Releases trusted, never checked (G3). */
    static final class TrustingFreeList extends FreeListWith {
        TrustingFreeList() {
            super(FreeListPoolFactory.VALIDATE_RELEASES);
        }
    }

    /** Requests above the largest class served outside the classes (G4). */
    static final class OversizeFreeList extends FreeListWith {
        OversizeFreeList() {
            super(FreeListPoolFactory.SERVE_OVERSIZE);
        }
    }

    /** Sizes checked by assert (G6); surefire runs with assertions on. */
    static final class AssertingFreeList extends FreeListWith {
        AssertingFreeList() {
            super(FreeListPoolFactory.ASSERT_SIZES);
        }
    }

    /** The arena allocator with views ending their lease (G1), set through its property (G2). */
    static final class ArenaWithViews extends OffHeapAllocatorContract {
        @Override
        protected AllocatorFactory factory() {
            return new ArenaPerLeaseFactory();
        }

        @Override
        protected AllocatorSettings settings() {
            return super.settings().withProperty(ArenaPerLeaseFactory.RELEASE_THROUGH_VIEWS, "true");
        }
    }

    /** Views ending their lease, with an offset-0 sub-slice of another size planted to end it too. */
    static final class PlantedOffsetZeroSlice extends OffHeapAllocatorContract {
        @Override
        protected AllocatorFactory factory() {
            return new ArenaPerLeaseFactory.PlantedOffsetZeroSlice();
        }
    }

    /** The pool planted with a missing size check. */
    static final class PlantedMissingSizeCheck extends OffHeapAllocatorContract {
        @Override
        protected AllocatorFactory factory() {
            return new FreeListPoolFactory.PlantedMissingSizeCheck();
        }
    }

    /** The pool planted with an allocate after close. */
    static final class PlantedAllocateAfterClose extends OffHeapAllocatorContract {
        @Override
        protected AllocatorFactory factory() {
            return new FreeListPoolFactory.PlantedAllocateAfterClose();
        }
    }
}
