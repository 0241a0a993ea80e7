#if arch(x86_64) && canImport(_Builtin_intrinsics.intel.cpuid)
import _Builtin_intrinsics.intel.cpuid
#endif

extension SHA256 {
    /// How the compression function is computed: in portable Swift, or with the CPU's SHA instructions,
    /// about three times faster. Every hasher uses `fastest`; tests run the published vectors on each engine.
    package enum Engine: Sendable, CustomStringConvertible {
        /// The 64 rounds in plain Swift: runs on every CPU.
        case portable
        /// Intel's SHA extensions (SHA-NI: `sha256rnds2`, `sha256msg1`, `sha256msg2`), on x86-64 CPUs that
        /// have them (AMD since Zen, Intel since Ice Lake and Goldmont).
        case shaExtensions

        /// The engines this CPU can run, the portable one first.
        package static let available: [Engine] = [.portable] + (cpuHasSHAExtensions ? [.shaExtensions] : [])

        /// The engine new hashers use: the last available one.
        package static let fastest = available[available.count - 1]

        package var description: String {
            switch self {
            case .portable: "portable Swift"
            case .shaExtensions: "SHA extensions (SHA-NI)"
            }
        }

        /// Whether CPUID says the SHA extensions are there (leaf 7, sub-leaf 0, EBX bit 29).
        private static var cpuHasSHAExtensions: Bool {
            #if arch(x86_64) && canImport(_Builtin_intrinsics.intel) && canImport(_Builtin_intrinsics.intel.cpuid)
            var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
            guard __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
            return ebx & (1 << 29) != 0
            #else
            return false
            #endif
        }
    }

    /// Runs the compression function of `engine` over `blocks` consecutive 64-byte blocks at `base`.
    @inline(__always)
    static func compress(_ state: inout State, _ base: UnsafeRawPointer, blocks: Int, engine: Engine) {
        switch engine {
        case .portable: compressPortably(&state, base, blocks: blocks)
        case .shaExtensions:
            #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
            compressWithSHAExtensions(&state, base, blocks: blocks)
            #else
            preconditionFailure("SHA extensions are never available on this CPU")
            #endif
        }
    }
}
